// Communities with their flagged members.
// The communities that `graphtool load --analyses` stored (Louvain on the
// collaboration graph), largest first, with how many of their members
// territorial drive flags and which.
//
// Returns: community, members, flagged (count), flaggedIds and flaggedNames
// (sorted by id).
// Parameters:
//   $dataset  name of the dataset, loaded with --analyses
// Example:
//   graphtool queries run communities_flagged --neo4j-dataset lindenwaard
MATCH (o:Organisation {dataset: $dataset})
WHERE o.community IS NOT NULL
WITH o ORDER BY o.id
WITH o.community AS community, collect(o) AS members
RETURN community, size(members) AS members,
       size([m IN members WHERE m.territorialDriveFlagged]) AS flagged,
       [m IN members WHERE m.territorialDriveFlagged | m.id] AS flaggedIds,
       [m IN members WHERE m.territorialDriveFlagged | m.name] AS flaggedNames
ORDER BY members DESC, community
