// Partners of an organisation within N steps of the collaboration graph.
// One step is a shared joint action, two steps a partner's partner, and so on.
//
// Variable-length bounds cannot be parameters in Cypher, so the shortest path
// is searched up to a fixed 10 steps (20 PARTICIPATES_IN relationships, as
// each step passes through an action) and $steps keeps those no further than
// it; values above 10 act as 10.
//
// Returns: one row per organisation reached, nearest first, then by id: id,
// name, type, group, steps (the fewest steps), via (the organisations on one
// shortest chain between, nearest first).
// Parameters:
//   $dataset       name of the dataset, as it was loaded into Neo4j
//   $organisation  the id of the organisation to start from
//   $steps         how many steps at most (default: 2)
// Example:
//   graphtool queries run partners_within --neo4j-dataset lindenwaard --param organisation=wc-woongoed --param steps=3
MATCH (o:Organisation {dataset: $dataset, id: $organisation})
MATCH (x:Organisation {dataset: $dataset})
WHERE x <> o
MATCH p = shortestPath((o)-[:PARTICIPATES_IN*..20]-(x))
WITH x, p
WHERE length(p) <= 2 * $steps
RETURN x.id AS id, x.name AS name, x.type AS type, x.sector AS group,
       length(p) / 2 AS steps,
       [n IN nodes(p)[1..-1] WHERE n:Organisation | n.id] AS via
ORDER BY steps, id
