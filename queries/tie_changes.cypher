// New and lost collaboration ties between two years.
// Pairs of organisations that share a joint action active in $toYear but none active in $fromYear
// (new), or the other way round (lost). An action is active in year Y when
// startYear <= Y <= endYear; an open start or end is open.
//
// Returns: one row per changed tie, new ones first, then by ids: change ('new'
// or 'lost'), id1, name1, id2, name2 (ids in alphabetical order),
// actionsFrom, actionsTo (shared actions active in either year).
// Parameters:
//   $dataset   name of the dataset, as it was loaded into Neo4j
//   $fromYear  the earlier year
//   $toYear    the later year
// Example:
//   graphtool queries run tie_changes --neo4j-dataset lindenwaard --param fromYear=2014 --param toYear=2015
MATCH (a:Organisation {dataset: $dataset})-[:PARTICIPATES_IN]->(j:JointAction)
      <-[:PARTICIPATES_IN]-(b:Organisation)
WHERE a.id < b.id
WITH a, b,
     count(DISTINCT CASE WHEN (j.startYear IS NULL OR j.startYear <= $fromYear)
                          AND (j.endYear IS NULL OR j.endYear >= $fromYear) THEN j END) AS actionsFrom,
     count(DISTINCT CASE WHEN (j.startYear IS NULL OR j.startYear <= $toYear)
                          AND (j.endYear IS NULL OR j.endYear >= $toYear) THEN j END) AS actionsTo
WHERE (actionsFrom = 0) <> (actionsTo = 0)
RETURN CASE WHEN actionsTo > 0 THEN 'new' ELSE 'lost' END AS change,
       a.id AS id1, a.name AS name1, b.id AS id2, b.name AS name2, actionsFrom, actionsTo
ORDER BY change DESC, id1, id2
