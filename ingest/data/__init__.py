"""Reference data of the extractor: the gazetteer and the script that builds it."""
