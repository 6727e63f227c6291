// Give every node of one label and one version another dataset key.
//
// The switch reveals a version under the dataset's name with it, and a
// retiring version is hidden under its retiring key.
//
// Slots:
//   {{label}}  a node label of the graph model
// Parameters:
//   $version  the version
//   $dataset  the new dataset key
MATCH (n:{{label}} {version: $version})
SET n.dataset = $dataset
