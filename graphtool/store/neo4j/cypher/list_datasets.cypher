// The current versions of every dataset, by name.
//
// loadedAt is written last by a switch: a marker caught mid-commit is left out.
//
// Returns: d, the marker node.
// Parameters: none
MATCH (d:Dataset {state: 'current'})
WHERE d.loadedAt IS NOT NULL
RETURN d
ORDER BY d.name
