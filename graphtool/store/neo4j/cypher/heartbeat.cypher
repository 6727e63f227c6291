// Record that a load is still writing; no row when the load was superseded.
//
// Returns: state.
// Parameters:
//   $key  the staging key of the load
MATCH (d:Dataset {dataset: $key})
SET d.heartbeat = timestamp()
RETURN d.state AS state
