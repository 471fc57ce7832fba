package source

import (
	"fmt"
	"strings"
)

// Type is the canonical kind of a migration file.
type Type string

// Canonical types. The tokens "migrate" and "data" are Bytebase aliases of
// TypeDDL and TypeDML.
const (
	// TypeDDL is a schema change.
	TypeDDL Type = "ddl"
	// TypeDML is a data change; at one version it runs after the DDL file.
	TypeDML Type = "dml"
	// TypeBaseline is the schema of an existing database at its version.
	TypeBaseline Type = "baseline"
)

// ParseType maps a {{TYPE}} token to its canonical Type. Tokens are matched
// without regard to case ("DDL" and "Migrate" are accepted), so that a
// capitalised file name is not rejected for a reason that does not matter;
// File.TypeToken keeps the spelling as written.
func ParseType(token string) (Type, error) {
	switch strings.ToLower(token) {
	case "ddl", "migrate":
		return TypeDDL, nil
	case "dml", "data":
		return TypeDML, nil
	case "baseline":
		return TypeBaseline, nil
	}
	return "", fmt.Errorf("unknown type %q (use ddl, migrate, dml, data or baseline)", token)
}

// rank orders the types of one version: a baseline first, then DDL, then
// DML.
func (t Type) rank() int {
	switch t {
	case TypeBaseline:
		return 0
	case TypeDDL:
		return 1
	case TypeDML:
		return 2
	}
	return 3
}
