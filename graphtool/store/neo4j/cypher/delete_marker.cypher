// Delete the marker of a deleted version.
//
// Parameters:
//   $key  the staging or retiring key
MATCH (d:Dataset {dataset: $key})
DELETE d
