// Brokers between residents and institutions, with their stored roles.
// Organisations that work with resident organisations and with institutions,
// with the Gould–Fernandez brokerage role counts and the betweenness that
// `graphtool load --analyses` stored, highest betweenness first.
//
// Returns: id, name, group, residentPartners, institutionPartners,
// betweenness, coordinator, itinerant, representative, gatekeeper, liaison.
// Parameters:
//   $dataset       name of the dataset, loaded with --analyses
//   $residents     the group (sector) of resident organisations (default: 'residents')
//   $institutions  the groups (sector) counted as institutions (default: ["government", "public_service"])
// Example:
//   graphtool queries run brokers_with_roles --neo4j-dataset lindenwaard
MATCH (b:Organisation {dataset: $dataset})-[:PARTICIPATES_IN]->(:JointAction)
      <-[:PARTICIPATES_IN]-(p:Organisation)
WHERE p <> b
WITH b, collect(DISTINCT p) AS partners
WITH b,
     size([p IN partners WHERE p.sector = $residents]) AS residentPartners,
     size([p IN partners WHERE p.sector IN $institutions]) AS institutionPartners
WHERE residentPartners > 0 AND institutionPartners > 0 AND b.betweenness IS NOT NULL
RETURN b.id AS id, b.name AS name, b.sector AS group, residentPartners, institutionPartners,
       b.betweenness AS betweenness, b.brokerageCoordinator AS coordinator,
       b.brokerageItinerant AS itinerant, b.brokerageRepresentative AS representative,
       b.brokerageGatekeeper AS gatekeeper, b.brokerageLiaison AS liaison
ORDER BY betweenness DESC, id
