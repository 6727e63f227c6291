// Solo share per organisation: how often it acts alone.
// The share of its joint actions in which it is the only participant. The same measure as solo_share in
// `graphtool territorial-drive`.
//
// Returns: one row per organisation with at least $minActions joint actions,
// highest share first: id, name, type, actions, soloActions, soloShare.
// Parameters:
//   $dataset     name of the dataset, as it was loaded into Neo4j
//   $minActions  leave out organisations with fewer joint actions (default: 1)
// Example:
//   graphtool queries run solo_share --neo4j-dataset lindenwaard --param minActions=3
//   starts with wc-woongoed: 5 of 7 actions solo, 0.714.
MATCH (o:Organisation {dataset: $dataset})-[:PARTICIPATES_IN]->(a:JointAction)
WITH DISTINCT o, a
WITH o, a, COUNT { (a)<-[:PARTICIPATES_IN]-(p:Organisation) WHERE p <> o } AS others
WITH o, count(a) AS actions, sum(CASE WHEN others = 0 THEN 1 ELSE 0 END) AS soloActions
WHERE actions >= $minActions
RETURN o.id AS id, o.name AS name, o.type AS type, actions, soloActions,
       toFloat(soloActions) / actions AS soloShare
ORDER BY soloShare DESC, actions DESC, id
