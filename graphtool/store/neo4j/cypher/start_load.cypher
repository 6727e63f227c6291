// The marker of a version being loaded, under its hidden staging key.
//
// Parameters:
//   $key      the staging key
//   $name     the dataset's name
//   $version  the new version
CREATE (d:Dataset {dataset: $key, name: $name, version: $version,
                   state: 'loading', startedAt: timestamp(), heartbeat: timestamp()})
