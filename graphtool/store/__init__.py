"""Where a dataset lives besides its files: Neo4j, and the named Cypher queries."""
