package rules

import (
	"strings"

	"github.com/dbcd/dbcd/internal/review/model"
	"github.com/dbcd/dbcd/internal/sqlparse"
)

// Volatility of column defaults (RULES.md §3). Since PostgreSQL 11, ADD
// COLUMN with a DEFAULT stores the default once in the catalog when the
// expression is not volatile; a volatile one (random(), clock_timestamp(),
// nextval(), ...) must be evaluated per row, which rewrites the table.
// Constants, operators, casts and the SQL value functions (CURRENT_TIMESTAMP,
// CURRENT_DATE, current_user, ...) are never volatile; a function call is
// non-volatile only when it is on the built-in allow-list below or is a user
// function the schema model knows as IMMUTABLE or STABLE.

// stableBuiltins are built-in functions that are IMMUTABLE or STABLE in
// pg_catalog. The list is deliberately incomplete: a function missing here is
// treated as volatile, which errs towards a finding.
var stableBuiltins = map[string]bool{}

func init() {
	for _, f := range strings.Fields(`
		now transaction_timestamp statement_timestamp
		current_setting current_database current_schema current_schemas version
		pg_backend_pid inet_client_addr txid_current
		lower upper initcap length char_length character_length octet_length bit_length
		concat concat_ws format substr substring left right replace translate overlay
		trim btrim ltrim rtrim lpad rpad repeat reverse split_part strpos position starts_with
		regexp_replace regexp_match regexp_matches quote_ident quote_literal quote_nullable
		chr ascii md5 sha224 sha256 sha384 sha512 encode decode to_hex
		to_char to_date to_timestamp to_number date_trunc date_part date_bin extract age
		make_date make_time make_timestamp make_timestamptz make_interval timezone isfinite
		justify_days justify_hours justify_interval
		abs ceil ceiling floor round trunc sqrt cbrt power pow exp ln log log10 mod div sign pi
		width_bucket greatest least num_nulls num_nonnulls
		jsonb_build_object json_build_object jsonb_build_array json_build_array to_json to_jsonb
		jsonb_object json_object row_to_json array_to_json jsonb_set jsonb_strip_nulls
		array_to_string string_to_array array_fill array_length array_append array_prepend
		array_cat array_remove array_replace cardinality
		to_tsvector to_tsquery plainto_tsquery setweight
		int2 int4 int8 float4 float8 numeric text bool date time timestamp timestamptz interval
		uuid inet cidr
		int4range int8range numrange daterange tsrange tstzrange
	`) {
		stableBuiltins[f] = true
	}
}

// volatileBuiltins are built-in functions that are VOLATILE in pg_catalog
// (and are found before any user function of the same name).
var volatileBuiltins = map[string]bool{
	"random": true, "random_normal": true, "setseed": true,
	"gen_random_uuid": true, "uuidv4": true, "uuidv7": true,
	"clock_timestamp": true, "timeofday": true,
	"nextval": true, "setval": true, "currval": true, "lastval": true,
}

// volatileCall describes the first volatile function of an expression.
type volatileCall struct {
	// Name is the function name as written (qualified when it was).
	Name string
	// Unknown is true when the function is neither a known built-in nor a
	// user function the model knows.
	Unknown bool
}

// String spells the call for messages.
func (v volatileCall) String() string {
	if v.Unknown {
		return v.Name + "() (not known to be IMMUTABLE or STABLE)"
	}
	return "volatile function " + v.Name + "()"
}

// findVolatile returns the first function called in the expression that is
// (or may be) volatile, and whether there is one.
func findVolatile(schema *model.Schema, expr *sqlparse.Node) (volatileCall, bool) {
	var found volatileCall
	ok := false
	sqlparse.Walk(expr, func(n *sqlparse.Node) bool {
		if ok {
			return false
		}
		fc := n.GetFuncCall()
		if fc == nil {
			return true
		}
		if v, vol := funcVolatility(schema, sqlparse.NameList(fc.GetFuncname())); vol {
			found, ok = v, true
			return false
		}
		return true
	})
	return found, ok
}

// funcVolatility decides whether the function named by parts is volatile.
// Unqualified names are looked up in pg_catalog first, as PostgreSQL does.
func funcVolatility(schema *model.Schema, parts []string) (volatileCall, bool) {
	if len(parts) == 0 {
		return volatileCall{}, false
	}
	name := parts[len(parts)-1]
	qual := ""
	if len(parts) > 1 {
		qual = parts[len(parts)-2]
	}
	call := volatileCall{Name: strings.Join(parts, ".")}
	if qual == "" || qual == "pg_catalog" {
		switch {
		case stableBuiltins[name]:
			return call, false
		case volatileBuiltins[name]:
			return call, true
		case qual == "pg_catalog":
			call.Unknown = true
			return call, true
		}
	}
	if schema == nil {
		call.Unknown = true
		return call, true
	}
	fns := schema.Function(schema.ResolveFunction(qual, name))
	if len(fns) == 0 {
		call.Unknown = true
		return call, true
	}
	for _, f := range fns {
		// Overloads are not resolved: any volatile one counts.
		if f.Volatility != model.Immutable && f.Volatility != model.Stable {
			return call, true
		}
	}
	return call, false
}

// serialTypeNames are the serial pseudo-types: their implicit DEFAULT
// nextval(...) is volatile.
var serialTypeNames = map[string]bool{
	"serial": true, "serial4": true, "bigserial": true, "serial8": true, "smallserial": true, "serial2": true,
}

// isSerialType reports whether a column type is a serial pseudo-type.
func isSerialType(tn *sqlparse.TypeName) bool {
	names := sqlparse.NameList(tn.GetNames())
	return len(names) == 1 && len(tn.GetArrayBounds()) == 0 && serialTypeNames[names[0]]
}

// constrainedDomain returns the domain of a column type when it, or a
// domain it is based on, has a CHECK or NOT NULL constraint: a new column
// of such a type must be checked row by row, which rewrites the table.
func constrainedDomain(schema *model.Schema, tn *sqlparse.TypeName) (model.QName, bool) {
	if schema == nil || tn == nil || len(tn.GetArrayBounds()) > 0 {
		return model.QName{}, false
	}
	names := sqlparse.NameList(tn.GetNames())
	var q model.QName
	switch len(names) {
	case 1:
		q = schema.ResolveType("", names[0])
	case 2:
		q = schema.ResolveType(names[0], names[1])
	default:
		return model.QName{}, false
	}
	top := q
	for range 16 { // domains over domains, bounded against cycles
		d := schema.Domain(q)
		if d == nil {
			return model.QName{}, false
		}
		if d.NotNull || len(d.Checks) > 0 {
			return top, true
		}
		sch, name, ok := strings.Cut(d.BaseType, ".")
		if !ok {
			return model.QName{}, false
		}
		q = model.QName{Schema: sch, Name: name}
	}
	return model.QName{}, false
}
