// The state of a version's marker; no row when the version is gone.
//
// Returns: state.
// Parameters:
//   $version  the version
MATCH (d:Dataset {version: $version})
RETURN d.state AS state
