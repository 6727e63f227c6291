// Organisations that only work with their own kind.
// Every partner they share a joint action with is in their own group (E-I index -1).
//
// Returns: one row per such organisation, most shared actions first: id, name,
// type, group, actions (its joint actions), partners (distinct partners),
// internal (shared actions summed over its ties, all within its group),
// partnerIds (its partners' ids).
// Parameters:
//   $dataset     name of the dataset, as it was loaded into Neo4j
//   $groupBy     the organisation property that defines a group (default: 'sector')
//   $minActions  leave out organisations with fewer joint actions (default: 1)
// Example:
//   graphtool queries run own_kind_only --neo4j-dataset lindenwaard --param minActions=4
//   gives wc-woongoed (partner only wc-gildewonen) and zorg-zorgkring.
MATCH (o:Organisation {dataset: $dataset})-[:PARTICIPATES_IN]->(a:JointAction)
WITH o, count(DISTINCT a) AS actions
WHERE actions >= $minActions
MATCH (o)-[:PARTICIPATES_IN]->(a:JointAction)<-[:PARTICIPATES_IN]-(p:Organisation)
WHERE p <> o
WITH o, actions, p, count(DISTINCT a) AS shared
ORDER BY p.id
WITH o, actions, collect(p.id) AS partnerIds, sum(shared) AS internal,
     sum(CASE WHEN p[$groupBy] = o[$groupBy] THEN 0 ELSE 1 END) AS others
WHERE others = 0
RETURN o.id AS id, o.name AS name, o.type AS type, o[$groupBy] AS group, actions,
       size(partnerIds) AS partners, internal, partnerIds
ORDER BY internal DESC, id
