package model

import (
	"slices"
	"strconv"

	"github.com/dbcd/dbcd/internal/sqlparse"
)

// createSchema replays CREATE SCHEMA, with the objects it creates inside
// the new schema.
func (s *Schema) createSchema(cs *sqlparse.CreateSchemaStmt) {
	name := cs.GetSchemaname()
	if name == "" {
		name = cs.GetAuthrole().GetRolename()
	}
	if name == "" {
		return
	}
	s.schemas[name] = true
	if len(cs.GetSchemaElts()) == 0 {
		return
	}
	saved := s.path
	defer func() { s.path = saved }()
	s.path = []string{name}
	for _, elt := range cs.GetSchemaElts() {
		s.apply(elt)
	}
}

// putType registers a new enum, domain or composite type called q,
// replacing any type of that name.
func (s *Schema) putType(q QName, e *Enum, d *Domain, c *CompositeType) {
	delete(s.enums, q)
	delete(s.domains, q)
	delete(s.composites, q)
	switch {
	case e != nil:
		s.enums[q] = e
	case d != nil:
		s.domains[q] = d
	case c != nil:
		s.composites[q] = c
	}
}

// createEnum replays CREATE TYPE ... AS ENUM.
func (s *Schema) createEnum(ce *sqlparse.CreateEnumStmt) {
	q := s.newObjName(ce.GetTypeName())
	vals := make([]string, 0, len(ce.GetVals()))
	for _, v := range ce.GetVals() {
		vals = append(vals, sqlparse.StringValue(v))
	}
	s.putType(q, &Enum{Name: q, Values: vals}, nil, nil)
}

// alterEnum replays ALTER TYPE ... ADD VALUE [BEFORE | AFTER] and RENAME
// VALUE. A value that exists already is not added again.
func (s *Schema) alterEnum(ae *sqlparse.AlterEnumStmt) {
	e := s.enums[s.typeName(ae.GetTypeName())]
	if e == nil || slices.Contains(e.Values, ae.GetNewVal()) {
		return
	}
	if old := ae.GetOldVal(); old != "" {
		if i := slices.Index(e.Values, old); i >= 0 {
			e.Values[i] = ae.GetNewVal()
		}
		return
	}
	pos := len(e.Values)
	if i := slices.Index(e.Values, ae.GetNewValNeighbor()); i >= 0 {
		pos = i
		if ae.GetNewValIsAfter() {
			pos++
		}
	}
	e.Values = slices.Insert(e.Values, pos, ae.GetNewVal())
}

// createComposite replays CREATE TYPE ... AS (...).
func (s *Schema) createComposite(ct *sqlparse.CompositeTypeStmt) {
	schema, name := sqlparse.RangeVarName(ct.GetTypevar())
	if schema == "" {
		schema = s.creationSchema()
	}
	s.schemas[schema] = true
	q := QName{schema, name}
	t := &CompositeType{Name: q}
	for _, n := range ct.GetColdeflist() {
		if cd := n.GetColumnDef(); cd != nil {
			t.Attributes = append(t.Attributes, &Column{
				Name: cd.GetColname(), Type: s.columnType(cd.GetTypeName()), Collation: collation(cd.GetCollClause().GetCollname()),
			})
		}
	}
	s.putType(q, nil, nil, t)
}

// createDomain replays CREATE DOMAIN.
func (s *Schema) createDomain(cd *sqlparse.CreateDomainStmt) {
	q := s.newObjName(cd.GetDomainname())
	d := &Domain{Name: q, BaseType: s.columnType(cd.GetTypeName())}
	for _, n := range cd.GetConstraints() {
		s.domainConstraint(d, n.GetConstraint())
	}
	s.putType(q, nil, d, nil)
}

// domainConstraint applies a constraint clause of a domain. An unnamed
// CHECK is called domain_check, as PostgreSQL names it.
func (s *Schema) domainConstraint(d *Domain, con *sqlparse.Constraint) {
	switch con.GetContype() {
	case sqlparse.CONSTR_NOTNULL:
		d.NotNull = true
	case sqlparse.CONSTR_NULL:
		d.NotNull = false
	case sqlparse.CONSTR_DEFAULT:
		d.Default = sqlparse.ExprString(con.GetRawExpr())
	case sqlparse.CONSTR_CHECK:
		name := con.GetConname()
		for pass := 0; name == "" || pass > 0 && slices.Contains(d.CheckNames, name); pass++ {
			label := "check"
			if pass > 0 {
				label += strconv.Itoa(pass)
			}
			name = makeObjectName(d.Name.Name, "", label)
		}
		d.Checks = append(d.Checks, sqlparse.ExprString(con.GetRawExpr()))
		d.CheckNames = append(d.CheckNames, name)
	}
}

// alterDomain replays ALTER DOMAIN: SET/DROP DEFAULT, SET/DROP NOT NULL,
// ADD and DROP CONSTRAINT.
func (s *Schema) alterDomain(ad *sqlparse.AlterDomainStmt) {
	d := s.domains[s.typeName(ad.GetTypeName())]
	if d == nil {
		return
	}
	switch ad.GetSubtype() {
	case "T":
		d.Default = sqlparse.ExprString(ad.GetDef())
	case "N", "O":
		d.NotNull = ad.GetSubtype() == "O"
	case "C":
		s.domainConstraint(d, ad.GetDef().GetConstraint())
	case "X":
		if i := slices.Index(d.CheckNames, ad.GetName()); i >= 0 {
			d.Checks = slices.Delete(d.Checks, i, i+1)
			d.CheckNames = slices.Delete(d.CheckNames, i, i+1)
		}
	}
}

// createFunction replays CREATE [OR REPLACE] FUNCTION and PROCEDURE.
func (s *Schema) createFunction(cf *sqlparse.CreateFunctionStmt) {
	f := &Function{
		Name: s.newObjName(cf.GetFuncname()), Args: s.funcArgs(cf.GetParameters()),
		Volatility: Volatile, Kind: FuncFunction,
	}
	if cf.GetIsProcedure() {
		f.Kind = FuncProcedure
	}
	if cf.GetReturnType() != nil {
		f.Returns = s.columnType(cf.GetReturnType())
	}
	setVolatility(f, cf.GetOptions())
	s.putFunction(f)
}

// setVolatility applies the IMMUTABLE, STABLE or VOLATILE option.
func setVolatility(f *Function, opts []*sqlparse.Node) {
	for _, o := range opts {
		if de := o.GetDefElem(); de.GetDefname() == "volatility" {
			switch v := sqlparse.StringValue(de.GetArg()); v {
			case Immutable, Stable, Volatile:
				f.Volatility = v
			}
		}
	}
}

// funcArgs returns the types of the input parameters.
func (s *Schema) funcArgs(params []*sqlparse.Node) []string {
	var args []string
	for _, p := range params {
		fp := p.GetFunctionParameter()
		if fp == nil || fp.GetMode() == sqlparse.FUNC_PARAM_OUT || fp.GetMode() == sqlparse.FUNC_PARAM_TABLE {
			continue
		}
		args = append(args, s.columnType(fp.GetArgType()))
	}
	return args
}

// putFunction adds f, replacing the overload with the same arguments.
func (s *Schema) putFunction(f *Function) {
	fs := s.functions[f.Name]
	for i, g := range fs {
		if slices.Equal(g.Args, f.Args) {
			fs[i] = f
			return
		}
	}
	s.functions[f.Name] = append(fs, f)
}

// overloads returns the name and the overloads an ALTER or DROP statement
// designates: all of them when it gives no argument list.
func (s *Schema) overloads(owa *sqlparse.ObjectWithArgs) (QName, []*Function) {
	q := s.ResolveFunction(objName(owa.GetObjname()))
	if owa.GetArgsUnspecified() {
		return q, slices.Clone(s.functions[q])
	}
	var args []string
	for _, a := range owa.GetObjargs() {
		args = append(args, s.columnType(a.GetTypeName()))
	}
	var out []*Function
	for _, f := range s.functions[q] {
		if slices.Equal(f.Args, args) {
			out = append(out, f)
		}
	}
	return q, out
}

// alterFunction replays ALTER FUNCTION ... IMMUTABLE | STABLE | VOLATILE.
func (s *Schema) alterFunction(af *sqlparse.AlterFunctionStmt) {
	_, fs := s.overloads(af.GetFunc())
	for _, f := range fs {
		setVolatility(f, af.GetActions())
	}
}

// dropFunction replays DROP FUNCTION, PROCEDURE, ROUTINE and AGGREGATE.
func (s *Schema) dropFunction(owa *sqlparse.ObjectWithArgs) {
	q, fs := s.overloads(owa)
	s.removeFunctions(q, fs)
}

// removeFunctions removes the overloads fs of q.
func (s *Schema) removeFunctions(q QName, fs []*Function) {
	left := slices.DeleteFunc(s.functions[q], func(f *Function) bool { return slices.Contains(fs, f) })
	if len(left) == 0 {
		delete(s.functions, q)
		return
	}
	s.functions[q] = left
}

// moveFunction replays ALTER FUNCTION ... RENAME TO name or SET SCHEMA
// schema (the other argument is empty).
func (s *Schema) moveFunction(owa *sqlparse.ObjectWithArgs, schema, name string) {
	q, fs := s.overloads(owa)
	s.removeFunctions(q, fs)
	for _, f := range fs {
		if schema != "" {
			f.Name.Schema = schema
			s.schemas[schema] = true
		}
		if name != "" {
			f.Name.Name = name
		}
		s.putFunction(f)
	}
}

// define replays CREATE AGGREGATE; other DEFINE forms (operators, base
// types, collations) are not tracked. PostgreSQL records aggregates as
// immutable.
func (s *Schema) define(ds *sqlparse.DefineStmt) {
	if ds.GetKind() != sqlparse.OBJECT_AGGREGATE {
		return
	}
	f := &Function{Name: s.newObjName(ds.GetDefnames()), Volatility: Immutable, Kind: FuncAggregate}
	if args := ds.GetArgs(); len(args) > 0 {
		f.Args = s.funcArgs(args[0].GetList().GetItems())
	}
	s.putFunction(f)
}
