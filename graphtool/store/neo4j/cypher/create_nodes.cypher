// One batch of the nodes of a table, under the staging key of a version.
//
// Slots:
//   {{label}}  the node label
// Parameters:
//   $rows     maps {p: properties}, `row` (the row number) included
//   $key      the staging key
//   $version  the version
UNWIND $rows AS r
CREATE (n:{{label}})
SET n = r.p, n.dataset = $key, n.version = $version
