"""Benchmarks for coopgraph: synthetic corpus, extraction, loading, parallel ingest, query latency."""
