// Joint actions per neighbourhood and theme, with how many organisations take
// part in them. An action without a neighbourhood or theme counts under ''.
//
// Returns: one row per neighbourhood and theme, by neighbourhood then theme:
// neighbourhood, theme, actions, organisations (distinct participants),
// actionIds.
// Parameters:
//   $dataset  name of the dataset, as it was loaded into Neo4j
//   $year     count only actions active in this year (startYear <= year <=
//             endYear, open ends open); null for all years (default: null)
// Example:
//   graphtool queries run actions_by_neighbourhood_theme --neo4j-dataset lindenwaard --param year=2015
MATCH (a:JointAction {dataset: $dataset})
WHERE $year IS NULL
   OR ((a.startYear IS NULL OR a.startYear <= $year) AND (a.endYear IS NULL OR a.endYear >= $year))
OPTIONAL MATCH (a)<-[:PARTICIPATES_IN]-(o:Organisation)
WITH coalesce(a.neighbourhood, '') AS neighbourhood, coalesce(a.theme, '') AS theme, a, o
ORDER BY a.id
WITH neighbourhood, theme, collect(DISTINCT a.id) AS actionIds, count(DISTINCT o) AS organisations
RETURN neighbourhood, theme, size(actionIds) AS actions, organisations, actionIds
ORDER BY neighbourhood, theme
