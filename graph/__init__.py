"""Facts → Neo4j: connection, local server, schema, loading."""
