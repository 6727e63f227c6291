// Wait until the indexes are online.
//
// Parameters:
//   $seconds  how long to wait at most
CALL db.awaitIndexes($seconds)
