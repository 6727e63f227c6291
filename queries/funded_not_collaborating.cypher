// Funded but not collaborating: money flows, no joint action.
// A funder and a recipient that share no joint action, although money flows
// between them.
//
// Returns: one row per funder and recipient, largest amount first: funderId,
// funder, recipientId, recipient, amount (summed over the years), flows,
// firstYear, lastYear.
// Parameters:
//   $dataset    name of the dataset, as it was loaded into Neo4j
//   $minAmount  leave out pairs that moved less money in total (default: 0)
// Example:
//   graphtool queries run funded_not_collaborating --neo4j-dataset lindenwaard --param minAmount=100000
MATCH (f:Organisation {dataset: $dataset})-[m:FUNDS]->(r:Organisation)
WHERE f <> r
  AND NOT EXISTS { (f)-[:PARTICIPATES_IN]->(:JointAction)<-[:PARTICIPATES_IN]-(r) }
WITH f, r, sum(m.amount) AS amount, count(m) AS flows, min(m.year) AS firstYear,
     max(m.year) AS lastYear
WHERE amount >= $minAmount
RETURN f.id AS funderId, f.name AS funder, r.id AS recipientId, r.name AS recipient,
       amount, flows, firstYear, lastYear
ORDER BY amount DESC, funderId, recipientId
