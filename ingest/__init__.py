"""Article → facts: reading, furniture removal, gazetteer, entity and relation extraction."""

import os

# natasha's networks multiply small matrices; a multi-threaded BLAS spends more time synchronising
# than computing on them (measured: 12 dev articles 24-33 s with default threads vs 5-6 s with one,
# on a loaded 2-core machine). Set before numpy is first imported; an explicit setting wins.
for _var in ("OPENBLAS_NUM_THREADS", "OMP_NUM_THREADS", "MKL_NUM_THREADS"):
    os.environ.setdefault(_var, "1")
