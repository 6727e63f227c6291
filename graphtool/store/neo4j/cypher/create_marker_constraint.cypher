// One version marker per dataset key.
//
// Slots:
//   {{label}}  the label of the version markers
//   {{name}}   the constraint's name
// Parameters: none
CREATE CONSTRAINT {{name}} IF NOT EXISTS FOR (d:{{label}}) REQUIRE d.dataset IS UNIQUE
