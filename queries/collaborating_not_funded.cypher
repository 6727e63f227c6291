// Collaborating but never co-funded: pairs that work together without money.
// The two organisations share joint actions while no money flows between
// them, in either direction, in any year.
//
// Returns: one row per pair (ids in alphabetical order), most shared actions
// first: id1, name1, id2, name2, sharedActions, actionIds.
// Parameters:
//   $dataset    name of the dataset, as it was loaded into Neo4j
//   $minShared  leave out pairs with fewer shared actions (default: 2)
// Example:
//   graphtool queries run collaborating_not_funded --neo4j-dataset lindenwaard --param minShared=5
MATCH (a:Organisation {dataset: $dataset})-[:PARTICIPATES_IN]->(j:JointAction)
      <-[:PARTICIPATES_IN]-(b:Organisation)
WHERE a.id < b.id
WITH DISTINCT a, b, j
ORDER BY j.id
WITH a, b, collect(j.id) AS actionIds
WHERE size(actionIds) >= $minShared AND NOT EXISTS { (a)-[:FUNDS]-(b) }
RETURN a.id AS id1, a.name AS name1, b.id AS id2, b.name AS name2,
       size(actionIds) AS sharedActions, actionIds AS actionIds
ORDER BY sharedActions DESC, id1, id2
