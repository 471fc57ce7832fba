// Package risk evaluates the risk rules of dbcd.yaml: CEL expressions over the
// facts of one migration file on one stage, as in Bytebase's risk center.
// It is the only home of cel-go.
package risk

import (
	"fmt"
	"strings"

	"github.com/google/cel-go/cel"
)

// Level is a risk level.
type Level int

// Risk levels, from lowest to highest.
const (
	Low Level = iota + 1
	Moderate
	High
)

// Levels lists the level names in ascending order.
var Levels = []string{"low", "moderate", "high"}

// String returns the level's name.
func (l Level) String() string {
	if l >= Low && l <= High {
		return Levels[l-1]
	}
	return "unknown"
}

// ParseLevel parses "low", "moderate" or "high" (any case).
func ParseLevel(s string) (Level, error) {
	for i, name := range Levels {
		if strings.EqualFold(strings.TrimSpace(s), name) {
			return Level(i + 1), nil
		}
	}
	return 0, fmt.Errorf("unknown risk level %q (use %s)", s, strings.Join(Levels, ", "))
}

// Variables are the names a risk expression may use, with their CEL types.
var Variables = []struct {
	Name string
	Type *cel.Type
	Doc  string
}{
	{"environment_id", cel.StringType, "the stage name"},
	{"database_name", cel.StringType, "the logical database of the target"},
	{"change_type", cel.StringType, `"ddl" or "dml"`},
	{"sql_type", cel.StringType, "a statement's kind, e.g. CREATE_TABLE, UPDATE"},
	{"table_name", cel.StringType, "the table a statement changes"},
	{"affected_rows", cel.IntType, "EXPLAIN estimate of rows a DML statement touches"},
	{"table_rows", cel.IntType, "catalog estimate of the rows of the changed table"},
}

func env() (*cel.Env, error) {
	opts := make([]cel.EnvOption, 0, len(Variables))
	for _, v := range Variables {
		opts = append(opts, cel.Variable(v.Name, v.Type))
	}
	return cel.NewEnv(opts...)
}

// Program is a compiled risk expression.
type Program struct {
	src string
	prg cel.Program
}

// Compile checks a risk expression and compiles it. The error says what is
// wrong with the expression; it must evaluate to a bool.
func Compile(expr string) (*Program, error) {
	if strings.TrimSpace(expr) == "" {
		return nil, fmt.Errorf("expression is empty")
	}
	e, err := env()
	if err != nil {
		return nil, fmt.Errorf("building CEL environment: %w", err)
	}
	ast, iss := e.Compile(expr)
	if iss != nil && iss.Err() != nil {
		return nil, fmt.Errorf("%s", strings.TrimSpace(iss.Err().Error()))
	}
	if ast.OutputType() != cel.BoolType {
		return nil, fmt.Errorf("expression must be a condition (bool), it gives %s", ast.OutputType())
	}
	prg, err := e.Program(ast)
	if err != nil {
		return nil, err
	}
	return &Program{src: expr, prg: prg}, nil
}

// Eval evaluates the expression over vars (missing variables take their
// zero value).
func (p *Program) Eval(vars map[string]any) (bool, error) {
	act := make(map[string]any, len(Variables))
	for _, v := range Variables {
		if x, ok := vars[v.Name]; ok {
			act[v.Name] = x
		} else if v.Type == cel.IntType {
			act[v.Name] = int64(0)
		} else {
			act[v.Name] = ""
		}
	}
	out, _, err := p.prg.Eval(act)
	if err != nil {
		return false, fmt.Errorf("evaluating %q: %w", p.src, err)
	}
	b, ok := out.Value().(bool)
	if !ok {
		return false, fmt.Errorf("evaluating %q: result is not a bool", p.src)
	}
	return b, nil
}
