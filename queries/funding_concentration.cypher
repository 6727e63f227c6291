// Funding concentration per funder: top recipient's share and HHI.
// How many recipients share a funder's money and how much of it goes to the
// largest one. HHI is the Herfindahl-Hirschman
// index of the recipients' shares, the sum of the squared shares: 1 when one
// recipient gets everything, 1/n when n recipients get equal amounts.
// Reference: Hirschman, A. O. (1964). The paternity of an index. American
// Economic Review 54(5), 761.
//
// Returns: one row per funder that gave money, most concentrated first:
// funderId, funder, total (euros), recipients, topRecipientId, topRecipient,
// topShare (the largest recipient's share), hhi.
// Parameters:
//   $dataset  name of the dataset, as it was loaded into Neo4j
//   $year     count only flows of this year; null for all years (default: null)
// Example:
//   graphtool queries run funding_concentration --neo4j-dataset lindenwaard --param year=2019
MATCH (f:Organisation {dataset: $dataset})-[m:FUNDS]->(r:Organisation)
WHERE $year IS NULL OR m.year = $year
WITH f, r, sum(m.amount) AS amount
ORDER BY amount DESC, r.id
WITH f, collect({recipient: r, amount: amount}) AS received, sum(amount) AS total
WHERE total > 0
RETURN f.id AS funderId, f.name AS funder, total, size(received) AS recipients,
       received[0].recipient.id AS topRecipientId, received[0].recipient.name AS topRecipient,
       received[0].amount / total AS topShare,
       reduce(h = 0.0, x IN received | h + (x.amount / total) ^ 2) AS hhi
ORDER BY hhi DESC, total DESC, funderId
