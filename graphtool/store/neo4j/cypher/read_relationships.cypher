// The rows of a relationship table of one version, in row order.
//
// Returns: s and t, the ids of the start and end nodes; p, the properties.
// Slots:
//   {{source}}  the label of the start nodes
//   {{type}}    the relationship type
//   {{target}}  the label of the end nodes
// Parameters:
//   $version  the version
MATCH (s:{{source}} {version: $version})-[x:{{type}}]->(t:{{target}})
RETURN s.id AS s, t.id AS t, properties(x) AS p
ORDER BY x.row
