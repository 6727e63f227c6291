// The rows of a node table of one version, in row order.
//
// By the version, which never changes on a node, not by the name, which the
// switch moves: a read that overlaps a switch sees one whole version.
//
// Returns: p, the node's properties.
// Slots:
//   {{label}}  the node label
// Parameters:
//   $version  the version
MATCH (n:{{label}} {version: $version})
WHERE n.row IS NOT NULL
RETURN properties(n) AS p
ORDER BY n.row
