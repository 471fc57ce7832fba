package plan

import (
	"context"
	"errors"
	"fmt"
	"maps"
	"math"
	"sort"
	"strings"

	"github.com/dbcd/dbcd/internal/risk"
	"github.com/dbcd/dbcd/internal/source"
)

// RiskRule is one compiled entry of dbcd.yaml's risk list.
type RiskRule struct {
	Level risk.Level
	When  string
	Prog  *risk.Program
}

// CompileRisk compiles the risk rules of dbcd.yaml (levels and CEL
// expressions); config validation has already checked them, so an error here
// names the rule by position.
func CompileRisk(levels, whens []string) ([]RiskRule, error) {
	out := make([]RiskRule, 0, len(levels))
	for i := range levels {
		lvl, err := risk.ParseLevel(levels[i])
		if err != nil {
			return nil, fmt.Errorf("risk[%d].level: %w", i, err)
		}
		prog, err := risk.Compile(whens[i])
		if err != nil {
			return nil, fmt.Errorf("risk[%d].when: %w", i, err)
		}
		out = append(out, RiskRule{Level: lvl, When: whens[i], Prog: prog})
	}
	return out, nil
}

// defaultRisk is the level of a statement kind when dbcd.yaml has no risk
// rules (SPEC §3); other kinds are low.
var defaultRisk = map[string]risk.Level{
	"DROP_DATABASE": risk.High, "DROP_SCHEMA": risk.High, "DROP_TABLE": risk.High, "TRUNCATE": risk.High,
	"UPDATE": risk.Moderate, "DELETE": risk.Moderate, "ALTER_TABLE": risk.Moderate, "DROP_INDEX": risk.Moderate,
}

// Risk is a file's risk level on one target and what set it.
type Risk struct {
	Level string `json:"level"`
	// Reason names the rule (its expression, or the default table) and the
	// statement that matched it.
	Reason string `json:"reason"`
	// Notes say which facts could not be gathered (an EXPLAIN that failed
	// because an earlier pending file creates the table, for instance).
	Notes []string `json:"notes,omitempty"`
}

// TableFacts answers the target-dependent risk variables; nil means no
// target (every estimate is 0).
type TableFacts interface {
	// TableRows is the catalog estimate of the table's rows (0 when unknown).
	TableRows(ctx context.Context, schema, name string) (int64, error)
	// AffectedRows is the planner's estimate of the rows a DML statement
	// touches.
	AffectedRows(ctx context.Context, sql string) (int64, error)
}

// needs reports whether any rule reads the named variable.
func needs(rules []RiskRule, variable string) bool {
	for _, r := range rules {
		if strings.Contains(r.When, variable) {
			return true
		}
	}
	return false
}

// errNoTarget stands for facts that no target was asked for.
var errNoTarget = errors.New("no connection to the target")

// sortedKeys returns m's keys in order.
func sortedKeys(m map[string]string) []string {
	out := make([]string, 0, len(m))
	for k := range m {
		out = append(out, k)
	}
	sort.Strings(out)
	return out
}

// dmlKinds are the statements EXPLAIN can estimate.
var dmlKinds = map[string]bool{"UPDATE": true, "DELETE": true, "INSERT": true, "MERGE": true}

// assess evaluates the risk of one file on one target: the highest level
// any statement reaches. With no rules the default table decides.
func assess(ctx context.Context, rules []RiskRule, stage, db string, f *source.File, stmts []Statement, facts TableFacts) (Risk, error) {
	best := Risk{Level: risk.Low.String(), Reason: "no rule matched"}
	bestLevel := risk.Low
	if len(rules) == 0 {
		best.Reason = "default: no statement of a higher-risk kind"
		for _, s := range stmts {
			if lvl, ok := defaultRisk[s.Kind]; ok && lvl > bestLevel {
				bestLevel = lvl
				best.Level, best.Reason = lvl.String(), fmt.Sprintf("default: %s is %s (line %d)", s.Kind, lvl, s.Line)
			}
		}
		return best, nil
	}
	wantTable, wantAffected := needs(rules, "table_rows"), needs(rules, "affected_rows")
	fileClass := "ddl"
	if f.Type == source.TypeDML {
		fileClass = "dml"
	}
	for _, s := range stmts {
		if s.Class == "transaction" {
			continue
		}
		class := s.Class
		if class != "ddl" && class != "dml" {
			class = fileClass
		}
		vars := map[string]any{
			"environment_id": stage, "database_name": db, "change_type": class,
			"sql_type": s.Kind, "table_name": s.table.Name,
		}
		// A fact that cannot be read is unknown, and a rule that reads an
		// unknown fact is taken to match: risk fails closed, so approvals
		// are never skipped because an estimate was missing.
		unknown := map[string]string{}
		if wantTable && s.table.Name != "" {
			n, err := int64(0), error(errNoTarget)
			if facts != nil {
				n, err = facts.TableRows(ctx, s.table.Schema, s.table.Name)
			}
			if err != nil {
				unknown["table_rows"] = err.Error()
			}
			vars["table_rows"] = n
		}
		if wantAffected && dmlKinds[s.Kind] {
			n, err := int64(0), error(errNoTarget)
			if facts != nil {
				n, err = facts.AffectedRows(ctx, s.SQL)
			}
			if err != nil {
				unknown["affected_rows"] = "EXPLAIN failed: " + err.Error()
			}
			vars["affected_rows"] = n
		}
		for _, v := range sortedKeys(unknown) {
			best.Notes = append(best.Notes, fmt.Sprintf("line %d: %s unknown (%s)", s.Line, v, firstLine(unknown[v])))
		}
		for i, r := range rules {
			if r.Level <= bestLevel && !(r.Level == bestLevel && best.Reason == "no rule matched") {
				continue
			}
			ok, err := r.Prog.Eval(vars)
			if err != nil {
				return Risk{}, fmt.Errorf("%s line %d: risk[%d]: %w", f.Path, s.Line, i, err)
			}
			assumed := ""
			if !ok && len(unknown) > 0 {
				// Would the rule match were the unknown estimates huge?
				worst := maps.Clone(vars)
				for v := range unknown {
					worst[v] = int64(math.MaxInt32)
				}
				if ok, err = r.Prog.Eval(worst); err != nil {
					return Risk{}, fmt.Errorf("%s line %d: risk[%d]: %w", f.Path, s.Line, i, err)
				}
				if ok {
					assumed = "; assumed, " + strings.Join(sortedKeys(unknown), " and ") + " unknown"
				}
			}
			if ok {
				bestLevel = r.Level
				best.Level, best.Reason = r.Level.String(), fmt.Sprintf("risk[%d] %s (line %d, %s%s)", i, r.When, s.Line, s.Kind, assumed)
			}
		}
	}
	return best, nil
}
