// Brokers between residents and institutions.
// Organisations that share joint actions with a resident organisation and with an institution that share no
// joint action with each other, so the broker is their only link. A brokered
// pair is one such resident organisation and institution.
//
// Returns: one row per broker with at least $minPairs brokered pairs, most
// pairs first: id, name, type, group, residentPartners, institutionPartners,
// brokeredPairs.
// Parameters:
//   $dataset       name of the dataset, as it was loaded into Neo4j
//   $residents     the group (sector) of resident organisations (default: 'residents')
//   $institutions  the groups (sector) counted as institutions (default: ["government", "public_service"])
//   $minPairs      leave out brokers of fewer pairs (default: 1)
// Example:
//   graphtool queries run resident_institution_brokers --neo4j-dataset lindenwaard --param minPairs=10
MATCH (b:Organisation {dataset: $dataset})-[:PARTICIPATES_IN]->(:JointAction)
      <-[:PARTICIPATES_IN]-(r:Organisation {sector: $residents})
WHERE r <> b
WITH b, collect(DISTINCT r) AS residents
MATCH (b)-[:PARTICIPATES_IN]->(:JointAction)<-[:PARTICIPATES_IN]-(i:Organisation)
WHERE i <> b AND i.sector IN $institutions
WITH b, residents, collect(DISTINCT i) AS institutions
UNWIND residents AS r
UNWIND institutions AS i
WITH b, size(residents) AS residentPartners, size(institutions) AS institutionPartners, r, i
WHERE NOT EXISTS { (r)-[:PARTICIPATES_IN]->(:JointAction)<-[:PARTICIPATES_IN]-(i) }
WITH b, residentPartners, institutionPartners, count(*) AS brokeredPairs
WHERE brokeredPairs >= $minPairs
RETURN b.id AS id, b.name AS name, b.type AS type, b.sector AS group,
       residentPartners, institutionPartners, brokeredPairs
ORDER BY brokeredPairs DESC, id
