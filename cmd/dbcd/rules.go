package main

import (
	"fmt"
	"sort"
	"strings"

	"github.com/spf13/cobra"

	"github.com/dbcd/dbcd/internal/review"
	"github.com/dbcd/dbcd/internal/review/rules"
)

func newRulesCmd(g *globalOptions) *cobra.Command {
	return &cobra.Command{
		Use:   "rules [RULE]",
		Short: "List the review rules, or explain one with a bad and a good example",
		Long: `Without an argument, list every review rule by category with its level in the
recommended preset. With a rule id (or a Bytebase id such as column.no-null),
explain the rule: what it flags, why it matters, what to do instead, its options,
and an example it flags next to a safe one.`,
		Example: "  dbcd rules\n  dbcd rules index.require-concurrently\n  dbcd rules COLUMN_NO_NULL",
		Args:    cobra.MaximumNArgs(1),
		RunE: func(cmd *cobra.Command, args []string) error {
			cat, err := rules.Catalog()
			if err != nil {
				return err
			}
			if len(args) == 0 {
				listRules(g, cat)
				return nil
			}
			r, ok := cat.Lookup(args[0])
			if !ok {
				return &usageError{fmt.Errorf("unknown rule %q (`dbcd rules` lists them)", args[0])}
			}
			explainRule(g, r)
			return nil
		},
	}
}

func listRules(g *globalOptions, cat *review.Catalog) {
	out := g.io.Out
	for _, c := range cat.Categories() {
		fmt.Fprintf(out, "%s\n", c)
		for _, r := range cat.Rules() {
			if r.Category != c {
				continue
			}
			lvl := "off"
			if r.Level != review.Off {
				lvl = r.Level.String()
			}
			live := ""
			if r.Live {
				live = " (needs a live database)"
			}
			fmt.Fprintf(out, "  %-48s %-7s %s%s\n", r.ID, lvl, r.Summary, live)
		}
		fmt.Fprintln(out)
	}
	fmt.Fprintf(out, "%d rules. `dbcd rules RULE` explains one.\n", len(cat.Rules()))
}

func explainRule(g *globalOptions, r *review.Rule) {
	out := g.io.Out
	lvl := "off"
	if r.Level != review.Off {
		lvl = r.Level.String()
	}
	fmt.Fprintf(out, "%s  (%s; recommended level: %s)\n\n", r.ID, r.Category, lvl)
	fmt.Fprintf(out, "Flags: %s\nWhy:   %s\nFix:   %s\n", r.Summary, r.Why, r.Fix)
	if len(r.Aliases) > 0 {
		fmt.Fprintf(out, "Also accepted as: %s\n", strings.Join(r.Aliases, ", "))
	}
	if len(r.Options) > 0 {
		keys := make([]string, 0, len(r.Options))
		for k := range r.Options {
			keys = append(keys, k)
		}
		sort.Strings(keys)
		fmt.Fprintln(out, "Options:")
		for _, k := range keys {
			fmt.Fprintf(out, "  %s (default %v)\n", k, r.Options[k])
		}
	}
	if r.Live {
		fmt.Fprintln(out, "Needs a live database (--schema URL, plan or apply); skipped otherwise.")
	}
	fmt.Fprintf(out, "\nFlagged:\n%s\n\nClean:\n%s\n", indentExample(r.Bad), indentExample(r.Good))
}

// indentExample indents an example, showing earlier migration files (split by
// "-- next file --") as such.
func indentExample(s string) string {
	s = strings.ReplaceAll(strings.TrimRight(s, "\n"), "-- next file --\n", "-- (a later migration file)\n")
	return "    " + strings.ReplaceAll(s, "\n", "\n    ")
}
