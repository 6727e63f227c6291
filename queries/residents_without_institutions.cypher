// Resident initiatives with no institutional partner.
// Resident organisations that share no joint action with any organisation of the institutional
// groups (government and public services by default), including those with
// no joint action at all.
//
// Returns: one row per such organisation, by id: id, name, type, actions,
// partners (distinct partners of any group), partnerGroups (their groups).
// Parameters:
//   $dataset        name of the dataset, as it was loaded into Neo4j
//   $residentTypes  the organisation types counted as resident initiatives (default: ["resident_initiative", "residents_association"])
//   $institutions   the groups (sector) counted as institutions (default: ["government", "public_service"])
// Example:
//   graphtool queries run residents_without_institutions --neo4j-dataset lindenwaard
//   graphtool queries run residents_without_institutions --neo4j-dataset lindenwaard --param institutions='["government"]'
MATCH (o:Organisation {dataset: $dataset})
WHERE o.type IN $residentTypes
  AND NOT EXISTS {
    (o)-[:PARTICIPATES_IN]->(:JointAction)<-[:PARTICIPATES_IN]-(i:Organisation)
    WHERE i.sector IN $institutions AND i <> o
  }
OPTIONAL MATCH (o)-[:PARTICIPATES_IN]->(a:JointAction)
WITH o, count(DISTINCT a) AS actions
OPTIONAL MATCH (o)-[:PARTICIPATES_IN]->(:JointAction)<-[:PARTICIPATES_IN]-(p:Organisation)
WHERE p <> o
WITH o, actions, p
ORDER BY p.sector
WITH o, actions, count(DISTINCT p) AS partners, collect(DISTINCT p.sector) AS partnerGroups
RETURN o.id AS id, o.name AS name, o.type AS type, actions, partners, partnerGroups
ORDER BY id
