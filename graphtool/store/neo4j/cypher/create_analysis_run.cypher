// The record of the analyses stored with a version, so a number in the graph can be cited.
//
// Parameters:
//   $run      graphtoolVersion, configuration, fingerprint, createdAt, properties
//   $key      the staging key
//   $version  the version
CREATE (a:AnalysisRun)
SET a = $run, a.dataset = $key, a.version = $version
