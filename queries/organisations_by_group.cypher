// Organisations per group (sector) in one dataset.
//
// Returns: one row per group, sorted by group: group (the organisation's
// sector), organisations (how many).
// Parameters:
//   $dataset  name of the dataset, as it was loaded into Neo4j
// Example:
//   :param dataset => 'lindenwaard'
//   gives rows such as {group: 'government', organisations: 4}
MATCH (o:Organisation {dataset: $dataset})
RETURN o.sector AS group, count(*) AS organisations
ORDER BY group
