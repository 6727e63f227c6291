// Neighbourhoods that actions or organisations name but neighbourhoods.csv does not list.
//
// Parameters:
//   $rows     the neighbourhood ids
//   $key      the staging key
//   $version  the version
UNWIND $rows AS r
CREATE (n:Neighbourhood)
SET n.id = r, n.listed = false, n.dataset = $key, n.version = $version
