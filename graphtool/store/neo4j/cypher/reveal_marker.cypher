// Make a loaded version's marker the current one of its dataset (written last: loadedAt).
//
// Parameters:
//   $key     the staging key
//   $name    the dataset's name
//   $marker  counts, schema, warnings and year of the version
MATCH (d:Dataset {dataset: $key})
SET d += $marker, d.dataset = $name, d.state = 'current', d.loadedAt = timestamp()
