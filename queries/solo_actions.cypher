// Solo actions: joint actions with a single participating organisation.
//
// Returns: one row per solo action, by action id: actionId, action, theme,
// neighbourhood, startYear, endYear, organisationId, organisation, type.
// Parameters:
//   $dataset  name of the dataset, as it was loaded into Neo4j
// Example:
//   graphtool queries run solo_actions --neo4j-dataset lindenwaard
//   lists the five solo actions of wc-woongoed among others.
MATCH (a:JointAction {dataset: $dataset})<-[:PARTICIPATES_IN]-(o:Organisation)
WITH a, collect(DISTINCT o) AS participants
WHERE size(participants) = 1
WITH a, participants[0] AS o
RETURN a.id AS actionId, a.name AS action, a.theme AS theme, a.neighbourhood AS neighbourhood,
       a.startYear AS startYear, a.endYear AS endYear,
       o.id AS organisationId, o.name AS organisation, o.type AS type
ORDER BY actionId
