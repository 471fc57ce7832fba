// Package rules holds dbcd's review rules (RULES.md §2 and the Bytebase-only
// rules of §4.1). Each rule is a small analyzer in its own file; All returns
// the whole catalog.
package rules

import "github.com/dbcd/dbcd/internal/review"

// All returns every rule of the catalog.
func All() []*review.Rule {
	var all []*review.Rule
	for _, group := range [][]*review.Rule{
		lockingRules(),
		transactionRules(),
		destructiveRules(),
		compatibilityRules(),
		conventionRules(),
		metaRules(),
		bytebaseRules(),
	} {
		all = append(all, group...)
	}
	return all
}

// Catalog returns the catalog of all rules.
func Catalog() (*review.Catalog, error) {
	return review.NewCatalog(All()...)
}
