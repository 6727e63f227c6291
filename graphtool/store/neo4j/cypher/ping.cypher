// The trivial query that checks the connection, the credentials and the database.
//
// Returns: one row with the number 1.
// Parameters: none
RETURN 1
