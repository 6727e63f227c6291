// E-I index of each organisation: how far its ties cross group lines.
// The Krackhardt-Stern E-I index of its collaboration ties is
// (E - I) / (E + I), E and I the shared actions summed over its ties to other
// groups and to its own group; -1 means only its own kind, +1 only others.
// The same measure as ei_index in `graphtool territorial-drive`.
// Reference: Krackhardt, D. and Stern, R. N. (1988). Informal networks and
// organizational crises. Social Psychology Quarterly 51(2), 123-140.
//
// Returns: one row per organisation with at least one partner, lowest E-I
// first: id, name, group, partners, external (E), internal (I), eiIndex.
// Parameters:
//   $dataset  name of the dataset, as it was loaded into Neo4j
//   $groupBy  the organisation property that defines a group (default: 'sector')
// Example:
//   graphtool queries run ei_index --neo4j-dataset lindenwaard --param groupBy=type
MATCH (o:Organisation {dataset: $dataset})-[:PARTICIPATES_IN]->(a:JointAction)
      <-[:PARTICIPATES_IN]-(p:Organisation)
WHERE p <> o
WITH o, p, count(DISTINCT a) AS shared
WITH o, count(p) AS partners,
     sum(CASE WHEN p[$groupBy] = o[$groupBy] THEN 0 ELSE shared END) AS external,
     sum(CASE WHEN p[$groupBy] = o[$groupBy] THEN shared ELSE 0 END) AS internal
RETURN o.id AS id, o.name AS name, o[$groupBy] AS group, partners, external, internal,
       toFloat(external - internal) / (external + internal) AS eiIndex
ORDER BY eiIndex, id
