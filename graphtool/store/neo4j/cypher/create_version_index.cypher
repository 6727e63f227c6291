// An index on the version of one label (what reads, switches and deletes use).
//
// Slots:
//   {{label}}  a node label of the graph model
//   {{name}}   the index's name
// Parameters: none
CREATE INDEX {{name}} IF NOT EXISTS FOR (n:{{label}}) ON (n.version)
