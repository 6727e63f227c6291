// Uniqueness of (dataset, id) among the nodes of one label.
//
// Neo4j Community has no node keys; a composite uniqueness constraint is what
// it offers, and its index serves every lookup by dataset and id.
//
// Slots:
//   {{label}}  a node label of the graph model
//   {{name}}   the constraint's name
// Parameters: none
CREATE CONSTRAINT {{name}} IF NOT EXISTS
FOR (n:{{label}}) REQUIRE (n.dataset, n.id) IS UNIQUE
