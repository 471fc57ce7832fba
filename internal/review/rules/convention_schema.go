package rules

import (
	"slices"

	"github.com/dbcd/dbcd/internal/review"
	"github.com/dbcd/dbcd/internal/review/model"
	"github.com/dbcd/dbcd/internal/sqlparse"
)

// tableRequireSchema is table.require-schema (Bytebase's
// statement.create-specify-schema and naming.fully-qualified).
var tableRequireSchema = &review.Rule{
	ID:       "table.require-schema",
	Category: review.CategoryConvention,
	Summary:  "a table, view, sequence, index, type or function named without its schema",
	Why: "an unqualified name is resolved through the search_path of whoever runs the migration: the " +
		"same file can create or change objects in different schemas depending on the role and the " +
		"session settings, and a table of the same name earlier on the path silently wins",
	Fix:  `qualify the name with its schema, e.g. "public"."employee"`,
	Bad:  "CREATE TABLE employee (id bigint PRIMARY KEY);",
	Good: "CREATE TABLE public.employee (id bigint PRIMARY KEY);",
	Aliases: []string{
		"statement.create-specify-schema", "STATEMENT_CREATE_SPECIFY_SCHEMA",
		"naming.fully-qualified", "NAMING_FULLY_QUALIFIED",
	},
	Stmt: func(p *review.Pass, s *review.Stmt) {
		var seen []convNamedObject // few: a slice beats a map
		report := func(kind, name string, resolved *model.QName) {
			o := convNamedObject{kind, name}
			if name == "" || slices.Contains(seen, o) {
				return
			}
			seen = append(seen, o)
			if resolved != nil {
				p.Report(s, "%s %s is not schema-qualified: the search_path resolves it (now to %s)", kind, convQuote(name), convQuoteQName(*resolved))
				return
			}
			p.Report(s, "%s %s is not schema-qualified: the search_path resolves it", kind, convQuote(name))
		}
		for _, rv := range sqlparse.RelationRefs(s.Node) {
			if rv.GetSchemaname() != "" || rv.GetRelpersistence() == sqlparse.RELPERSISTENCE_TEMP || rv.GetRelname() == "" {
				continue
			}
			q := convRelName(p, rv)
			if q.Schema == "pg_temp" {
				continue // a temporary table of this session
			}
			report(convRelationKind(p.Schema, q), rv.GetRelname(), &q)
		}
		for _, o := range unqualifiedObjects(s.Node) {
			report(o.kind, o.name, nil)
		}
	},
}

// convRelationKind names the kind of relation q for messages.
func convRelationKind(s *model.Schema, q model.QName) string {
	if s.Index(q) != nil {
		return "index"
	}
	if rel := s.Relation(q); rel != nil {
		switch rel.Kind {
		case model.KindView:
			return "view"
		case model.KindMatView:
			return "materialized view"
		case model.KindSequence:
			return "sequence"
		case model.KindForeign:
			return "foreign table"
		}
	}
	return "table"
}

type convNamedObject struct{ kind, name string }

// unqualifiedObjects returns the objects other than relation references
// that n creates, alters or drops without a schema: types, domains,
// functions and the objects of DROP.
func unqualifiedObjects(n *sqlparse.Node) []convNamedObject {
	var out []convNamedObject
	add := func(kind string, names []*sqlparse.Node) {
		if len(names) == 1 {
			out = append(out, convNamedObject{kind, sqlparse.StringValue(names[0])})
		}
	}
	switch {
	case n.GetCreateEnumStmt() != nil:
		add("type", n.GetCreateEnumStmt().GetTypeName())
	case n.GetAlterEnumStmt() != nil:
		add("type", n.GetAlterEnumStmt().GetTypeName())
	case n.GetCreateDomainStmt() != nil:
		add("domain", n.GetCreateDomainStmt().GetDomainname())
	case n.GetAlterDomainStmt() != nil:
		add("domain", n.GetAlterDomainStmt().GetTypeName())
	case n.GetDefineStmt() != nil && n.GetDefineStmt().GetKind() == sqlparse.OBJECT_TYPE:
		add("type", n.GetDefineStmt().GetDefnames())
	case n.GetCreateFunctionStmt() != nil:
		kind := "function"
		if n.GetCreateFunctionStmt().GetIsProcedure() {
			kind = "procedure"
		}
		add(kind, n.GetCreateFunctionStmt().GetFuncname())
	case n.GetDropStmt() != nil:
		ds := n.GetDropStmt()
		kind := convDropKinds[ds.GetRemoveType()]
		if kind == "" {
			break
		}
		for _, o := range ds.GetObjects() {
			switch {
			case o.GetList() != nil:
				add(kind, o.GetList().GetItems())
			case o.GetTypeName() != nil:
				add(kind, o.GetTypeName().GetNames())
			case o.GetObjectWithArgs() != nil:
				add(kind, o.GetObjectWithArgs().GetObjname())
			}
		}
	}
	return out
}

// convDropKinds names the kinds of DROP checked by table.require-schema.
var convDropKinds = map[sqlparse.ObjectType]string{
	sqlparse.OBJECT_TABLE:         "table",
	sqlparse.OBJECT_VIEW:          "view",
	sqlparse.OBJECT_MATVIEW:       "materialized view",
	sqlparse.OBJECT_INDEX:         "index",
	sqlparse.OBJECT_SEQUENCE:      "sequence",
	sqlparse.OBJECT_FOREIGN_TABLE: "foreign table",
	sqlparse.OBJECT_TYPE:          "type",
	sqlparse.OBJECT_DOMAIN:        "domain",
	sqlparse.OBJECT_FUNCTION:      "function",
	sqlparse.OBJECT_PROCEDURE:     "procedure",
}
