"""Neo4j Browser assets generated from the query library: style, guide, favorites."""
