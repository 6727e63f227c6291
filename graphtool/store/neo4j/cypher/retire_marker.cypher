// Move the current marker of a dataset to its retiring key.
//
// Parameters:
//   $name      the dataset's name
//   $retiring  the retiring key
MATCH (d:Dataset {dataset: $name})
SET d.dataset = $retiring, d.state = 'retiring'
