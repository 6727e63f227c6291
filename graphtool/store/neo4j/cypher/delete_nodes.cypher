// Delete one batch of the nodes of one label under a key, with their relationships.
//
// Returns: n, how many were deleted.
// Slots:
//   {{label}}  a node label of the graph model
// Parameters:
//   $key    the staging or retiring key
//   $batch  how many nodes at most
MATCH (n:{{label}} {dataset: $key})
WITH n LIMIT $batch
DETACH DELETE n
RETURN count(*) AS n
