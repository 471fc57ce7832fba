package sqlparse

import (
	"strconv"
)

// SET statement kinds (VariableSetStmt.Kind) in Go spelling, used by the
// review engine's session-setting tracking. They are the same values as the
// VAR_* constants above.
const (
	// VarSetValue is SET name = value (or SET name TO value).
	VarSetValue = VAR_SET_VALUE
	// VarSetDefault is SET name TO DEFAULT.
	VarSetDefault = VAR_SET_DEFAULT
	// VarSetCurrent is SET name FROM CURRENT.
	VarSetCurrent = VAR_SET_CURRENT
	// VarSetMulti is a special multi-value form such as SET TRANSACTION.
	VarSetMulti = VAR_SET_MULTI
	// VarReset is RESET name.
	VarReset = VAR_RESET
	// VarResetAll is RESET ALL.
	VarResetAll = VAR_RESET_ALL
)

// ConstString returns the value of a constant as a string: the text of a
// string constant, the digits of an integer or float constant, "true" or
// "false" for a boolean constant, and the value of the constant inside a
// type cast ('5s'::interval gives "5s"). It returns "" for NULL, for any
// other node and for a nil node.
func ConstString(n *Node) string {
	if tc := n.GetTypeCast(); tc != nil {
		return ConstString(tc.GetArg())
	}
	c := n.GetAConst()
	if c == nil || c.GetIsnull() {
		return ""
	}
	switch {
	case c.GetSval() != nil:
		return c.GetSval().GetSval()
	case c.GetIval() != nil:
		return strconv.Itoa(int(c.GetIval().GetIval()))
	case c.GetFval() != nil:
		return c.GetFval().GetFval()
	case c.GetBoolval() != nil:
		return strconv.FormatBool(c.GetBoolval().GetBoolval())
	case c.GetBsval() != nil:
		return c.GetBsval().GetBsval()
	}
	return ""
}
