// The marker of the version of a dataset that readers see now; no row when there is none.
//
// Returns: d, the marker node.
// Parameters:
//   $name  the dataset's name
MATCH (d:Dataset {dataset: $name, state: 'current'})
RETURN d
