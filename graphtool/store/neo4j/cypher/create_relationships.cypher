// One batch of the relationships of a table, between nodes of the version being loaded.
//
// Slots:
//   {{source}}  the label of the start nodes
//   {{type}}    the relationship type
//   {{target}}  the label of the end nodes
// Parameters:
//   $rows  maps {s: start id, t: end id, p: properties}
//   $key   the staging key
UNWIND $rows AS r
MATCH (s:{{source}} {dataset: $key, id: r.s})
MATCH (t:{{target}} {dataset: $key, id: r.t})
CREATE (s)-[x:{{type}}]->(t)
SET x = r.p
