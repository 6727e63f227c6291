// Versions to delete: retiring ones, unfinished loads of a name, and stale loads of any name.
//
// Returns: key, the dataset key each version is held under.
// Parameters:
//   $name   the dataset whose unfinished loads go whatever their age (null: none)
//   $stale  milliseconds without a heartbeat after which another dataset's load is stale
MATCH (d:Dataset)
WHERE d.state = 'retiring'
   OR (d.state = 'loading' AND (d.name = $name OR d.heartbeat < timestamp() - $stale))
RETURN d.dataset AS key
