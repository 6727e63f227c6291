// An index on the dataset key of one label (what every MATCH by dataset uses).
//
// Slots:
//   {{label}}  a node label of the graph model
//   {{name}}   the index's name
// Parameters: none
CREATE INDEX {{name}} IF NOT EXISTS FOR (n:{{label}}) ON (n.dataset)
