"""The curated Cypher library: one query per .cypher file, shipped as package data (see coopgraph.library)."""
