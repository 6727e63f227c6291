// How many versions of a dataset are current or being loaded right now.
//
// Returns: n.
// Parameters:
//   $name    the dataset's name
//   $recent  milliseconds within which a loading version must have written
MATCH (d:Dataset {name: $name})
WHERE d.state = 'current'
   OR (d.state = 'loading' AND d.heartbeat > timestamp() - $recent)
RETURN count(d) AS n
