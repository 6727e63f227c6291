// Flagged organisations by the money they receive.
// Organisations that territorial drive flags (stored by `graphtool load
// --analyses`), with the money that reaches them from funders of the given
// types (all funders by default), most money first: "which flagged
// organisations receive the most municipal money?".
//
// Returns: id, name, group (sector), score (territorialDriveScore), received
// (sum of the FUNDS amounts into it), flows, funders (distinct), reasons.
// Parameters:
//   $dataset      name of the dataset, loaded with --analyses
//   $funderTypes  count only money from funders of these types, e.g. ["municipality"] (default: null)
// Example:
//   graphtool queries run flagged_by_money_received --neo4j-dataset lindenwaard -p 'funderTypes=["municipality"]'
MATCH (o:Organisation {dataset: $dataset})
WHERE o.territorialDriveFlagged
OPTIONAL MATCH (f:Organisation)-[m:FUNDS]->(o)
WHERE $funderTypes IS NULL OR f.type IN $funderTypes
WITH o, coalesce(sum(m.amount), 0.0) AS received, count(m) AS flows, count(DISTINCT f) AS funders
RETURN o.id AS id, o.name AS name, o.sector AS group, o.territorialDriveScore AS score,
       received, flows, funders, o.territorialDriveReasons AS reasons
ORDER BY received DESC, id
