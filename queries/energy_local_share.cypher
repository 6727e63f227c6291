// Energy-transition actions and the share of local participants.
// For each joint action of the theme, how many of its organisations work at local
// scale, and how many are active in the action's own neighbourhood.
//
// Returns: one row per action, lowest local share first: actionId, action,
// neighbourhood, startYear, endYear, participants, local (organisations with
// scale 'local'), localShare, inNeighbourhood (organisations ACTIVE_IN the
// action's neighbourhood), inNeighbourhoodShare.
// Parameters:
//   $dataset  name of the dataset, as it was loaded into Neo4j
//   $theme    the theme of the actions (default: 'energy_transition')
// Example:
//   graphtool queries run energy_local_share --neo4j-dataset lindenwaard
//   graphtool queries run energy_local_share --neo4j-dataset lindenwaard --param theme=youth
MATCH (a:JointAction {dataset: $dataset, theme: $theme})<-[:PARTICIPATES_IN]-(o:Organisation)
WITH DISTINCT a, o
WITH a, count(o) AS participants,
     sum(CASE WHEN o.scale = 'local' THEN 1 ELSE 0 END) AS local,
     sum(CASE WHEN EXISTS { (o)-[:ACTIVE_IN]->(:Neighbourhood)<-[:IN]-(a) } THEN 1 ELSE 0 END)
       AS inNeighbourhood
RETURN a.id AS actionId, a.name AS action, a.neighbourhood AS neighbourhood,
       a.startYear AS startYear, a.endYear AS endYear, participants,
       local, toFloat(local) / participants AS localShare,
       inNeighbourhood, toFloat(inNeighbourhood) / participants AS inNeighbourhoodShare
ORDER BY localShare, actionId
