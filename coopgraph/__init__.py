"""coopgraph: a knowledge graph of interregional cooperation built from news articles."""

import coopgraph.ingest  # noqa: F401  (first: it pins BLAS threads before anything imports numpy)

__version__ = "0.1.0"
import coopgraph.events  # noqa: E402, F401  (registers event identity with the graph layer: coopgraph/events.py)
