"""coopgraph: a knowledge graph of interregional cooperation built from news articles."""

__version__ = "0.1.0"
