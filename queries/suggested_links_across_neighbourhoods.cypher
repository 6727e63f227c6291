// Suggested links across neighbourhoods.
// Suggested links (stored by `graphtool load --analyses`) between
// organisations that are active in no neighbourhood in common, best first:
// ties that would connect parts of the municipality.
//
// Returns: rank, score, source, sourceName, target, targetName,
// sourceNeighbourhoods, targetNeighbourhoods (ids, sorted), reasons.
// Parameters:
//   $dataset  name of the dataset, loaded with --analyses
//   $limit    at most this many links (default: 50)
// Example:
//   graphtool queries run suggested_links_across_neighbourhoods --neo4j-dataset lindenwaard
MATCH (s:Organisation {dataset: $dataset})-[l:SUGGESTED_LINK]->(t:Organisation)
OPTIONAL MATCH (s)-[:ACTIVE_IN]->(hs:Neighbourhood)
WITH s, l, t, hs ORDER BY hs.id
WITH s, l, t, collect(DISTINCT hs.id) AS sh
OPTIONAL MATCH (t)-[:ACTIVE_IN]->(ht:Neighbourhood)
WITH s, l, t, sh, ht ORDER BY ht.id
WITH s, l, t, sh, collect(DISTINCT ht.id) AS th
WHERE size(sh) > 0 AND size(th) > 0 AND none(h IN sh WHERE h IN th)
RETURN l.rank AS rank, l.score AS score, s.id AS source, s.name AS sourceName,
       t.id AS target, t.name AS targetName,
       sh AS sourceNeighbourhoods, th AS targetNeighbourhoods, l.reasons AS reasons
ORDER BY rank
LIMIT $limit
