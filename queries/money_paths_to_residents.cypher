// Money paths from the national government to resident organisations.
// Chains of funding (FUNDS relationships, funder to recipient) that start at an
// organisation of type national_government and end at one of the residents
// group, passing each organisation at most once.
//
// Variable-length bounds cannot be parameters in Cypher, so the pattern has a
// fixed upper bound of 4 steps and $maxSteps cuts it shorter (values above 4
// act as 4). Parallel flows (several years) between the same two
// organisations give one chain; each step's amount is their sum.
//
// Returns: one row per chain of organisations, shortest and largest first:
// steps, chain (organisation ids, funder first), names, amounts (euros per
// step, summed over the years counted), bottleneck (the smallest step).
// Parameters:
//   $dataset   name of the dataset, as it was loaded into Neo4j
//   $maxSteps  longest chain, in funding steps, from 1 to 4 (default: 3)
//   $year      count only flows of this year; null for all years (default: null)
//   $residents the group of resident organisations (default: 'residents')
// Example:
//   graphtool queries run money_paths_to_residents --neo4j-dataset lindenwaard --param year=2018
MATCH p = (n:Organisation {dataset: $dataset, type: 'national_government'})-[:FUNDS*1..4]->
          (r:Organisation {dataset: $dataset, sector: $residents})
WHERE length(p) <= $maxSteps
  AND all(m IN relationships(p) WHERE $year IS NULL OR m.year = $year)
  AND all(i IN range(0, length(p)) WHERE
          none(j IN range(0, length(p)) WHERE j > i AND nodes(p)[j] = nodes(p)[i]))
WITH DISTINCT nodes(p) AS chain
UNWIND range(0, size(chain) - 2) AS step
WITH chain, step, chain[step] AS funder, chain[step + 1] AS recipient
MATCH (funder)-[m:FUNDS]->(recipient)
WHERE $year IS NULL OR m.year = $year
WITH chain, step, sum(m.amount) AS amount
ORDER BY step
WITH chain, collect(amount) AS amounts
WITH chain, amounts, reduce(least = amounts[0], a IN amounts |
                            CASE WHEN a < least THEN a ELSE least END) AS bottleneck
RETURN size(chain) - 1 AS steps, [o IN chain | o.id] AS chain, [o IN chain | o.name] AS names,
       amounts, bottleneck
ORDER BY steps, bottleneck DESC, chain
