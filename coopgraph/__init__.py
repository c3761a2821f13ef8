"""coopgraph: a knowledge graph of interregional cooperation built from news articles."""

import coopgraph.ingest  # noqa: F401  (first: it pins BLAS threads before anything imports numpy)

__version__ = "0.1.0"
