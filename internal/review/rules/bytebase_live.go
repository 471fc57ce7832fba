package rules

import "github.com/dbcd/dbcd/internal/review"

// Bytebase rules that need a live database (RULES.md §4.1, "DB"): row
// estimates from EXPLAIN, permissions, object owners and the indexes of the
// real catalog. They are in the catalog so that policies naming them are
// valid; review skips them with a note when it has no database.

// bbAffectedRowLimitRule flags UPDATE and DELETE whose EXPLAIN estimate
// exceeds number rows.
var bbAffectedRowLimitRule = &review.Rule{
	ID:       "statement.affected-row-limit",
	Aliases:  []string{"STATEMENT_AFFECTED_ROW_LIMIT"},
	Category: review.CategoryBytebase,
	Level:    review.Off,
	Live:     true,
	Options:  map[string]any{"number": 1000},
	Summary:  "UPDATE or DELETE whose EXPLAIN estimate exceeds number rows (default 1000; needs a live database) (Bytebase STATEMENT_AFFECTED_ROW_LIMIT)",
	Why:      "a large UPDATE or DELETE locks many rows for the whole transaction and produces a burst of WAL and dead tuples",
	Fix:      "change the rows in batches (WHERE id BETWEEN ...) in a data job, not in one migration statement",
	Bad:      "UPDATE orders SET status = 'archived' WHERE created_at < '2020-01-01';",
	Good:     "UPDATE orders SET status = 'archived' WHERE id BETWEEN 1 AND 1000 AND created_at < '2020-01-01';",
}

// bbDmlDryRunRule flags DML whose EXPLAIN fails on the target database.
var bbDmlDryRunRule = &review.Rule{
	ID:       "statement.dml-dry-run",
	Aliases:  []string{"STATEMENT_DML_DRY_RUN"},
	Category: review.CategoryBytebase,
	Level:    review.Off,
	Live:     true,
	Summary:  "INSERT, UPDATE or DELETE whose EXPLAIN fails: missing table or column, no permission (needs a live database) (Bytebase STATEMENT_DML_DRY_RUN)",
	Why:      "a data change that cannot even be planned fails at apply time, often after earlier statements already ran",
	Fix:      "fix the table and column names or grant the missing privileges before applying",
	Bad:      "DELETE FROM order_lines WHERE order_id = 42; -- order_lines does not exist",
	Good:     "DELETE FROM order_items WHERE order_id = 42;",
}

// bbWhereDisallowFunctionsRule flags a function call or arithmetic applied
// to an indexed column in a WHERE clause.
var bbWhereDisallowFunctionsRule = &review.Rule{
	ID:       "statement.where.disallow-functions-and-calculations",
	Aliases:  []string{"STATEMENT_WHERE_DISALLOW_FUNCTIONS_AND_CALCULATIONS"},
	Category: review.CategoryBytebase,
	Level:    review.Off,
	Live:     true,
	Summary:  "a function or calculation on an indexed column in WHERE (needs a live database) (Bytebase STATEMENT_WHERE_DISALLOW_FUNCTIONS_AND_CALCULATIONS)",
	Why:      "an index on a column cannot serve a condition on lower(column) or column + 1: the table is scanned",
	Fix:      "compare the bare column (move the calculation to the other side) or index the expression",
	Bad:      "DELETE FROM customers WHERE lower(email) = 'a@example.com';",
	Good:     "DELETE FROM customers WHERE email = 'a@example.com';",
}

// bbObjectOwnerCheckRule flags DDL on objects owned by another role than
// the one running the migration.
var bbObjectOwnerCheckRule = &review.Rule{
	ID:       "statement.object-owner-check",
	Aliases:  []string{"STATEMENT_OBJECT_OWNER_CHECK"},
	Category: review.CategoryBytebase,
	Level:    review.Off,
	Live:     true,
	Summary:  "DDL on a database, schema or table owned by another role than the current one (needs a live database) (Bytebase STATEMENT_OBJECT_OWNER_CHECK)",
	Why:      "only the owner may alter an object: the statement fails, or objects end up owned by different roles",
	Fix:      "SET ROLE to the owning role first, or change the object's owner",
	Bad:      "ALTER TABLE orders ADD COLUMN note text; -- orders is owned by another role",
	Good:     "SET ROLE orders_owner;\nALTER TABLE orders ADD COLUMN note text;",
}
