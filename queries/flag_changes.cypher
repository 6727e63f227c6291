// The change of flags between two loaded years.
// Organisations of two datasets loaded with --analyses (typically one year
// each, e.g. `graphtool load data/2017 --name city-2017 --analyses`), the
// later one $dataset and the earlier one $fromDataset, whose territorial-drive
// flag differs, or that are in only one of them: newly flagged first, then no
// longer flagged, then by id.
//
// Returns: change ('flagged', 'unflagged', 'appeared flagged', 'left flagged'),
// id, name, scoreFrom, scoreTo.
// Parameters:
//   $dataset      the later dataset's name
//   $fromDataset  the earlier dataset's name
// Example:
//   graphtool queries run flag_changes --neo4j-dataset city-2018 -p fromDataset=city-2017
CALL (*) {
  MATCH (a:Organisation {dataset: $fromDataset})
  OPTIONAL MATCH (b:Organisation {dataset: $dataset, id: a.id})
  RETURN a.id AS id, coalesce(b.name, a.name) AS name,
         coalesce(a.territorialDriveFlagged, false) AS wasFlagged,
         coalesce(b.territorialDriveFlagged, false) AS isFlagged,
         b IS NULL AS left, false AS appeared,
         a.territorialDriveScore AS scoreFrom, b.territorialDriveScore AS scoreTo
  UNION
  MATCH (b:Organisation {dataset: $dataset})
  WHERE NOT EXISTS { MATCH (:Organisation {dataset: $fromDataset, id: b.id}) }
  RETURN b.id AS id, b.name AS name, false AS wasFlagged,
         coalesce(b.territorialDriveFlagged, false) AS isFlagged,
         false AS left, true AS appeared, null AS scoreFrom, b.territorialDriveScore AS scoreTo
}
WITH id, name, wasFlagged, isFlagged, left, appeared, scoreFrom, scoreTo
WHERE wasFlagged <> isFlagged OR (left AND wasFlagged)
WITH id, name, scoreFrom, scoreTo,
     CASE
       WHEN appeared THEN 'appeared flagged'
       WHEN left THEN 'left flagged'
       WHEN isFlagged THEN 'flagged'
       ELSE 'unflagged'
     END AS change
RETURN change, id, name, scoreFrom, scoreTo
ORDER BY CASE change WHEN 'flagged' THEN 0 WHEN 'appeared flagged' THEN 1
                     WHEN 'unflagged' THEN 2 ELSE 3 END, id
