// One batch of analysis results on the organisations of a version being loaded.
//
// Parameters:
//   $rows  maps {id: organisation id, p: result properties}
//   $key   the staging key
UNWIND $rows AS r
MATCH (o:Organisation {dataset: $key, id: r.id})
SET o += r.p
