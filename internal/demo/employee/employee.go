// Package employee is the employee sample that the walkthrough test, the
// pipeline simulation and `make demo` start from: the schema as a baseline
// migration and a few rows as a data migration (the same files in every
// stage directory of a Bytebase-style repository), the dbcd.yaml before and
// after manual rollout and approvals are turned on, the people of the story
// as a fake Bitbucket state, and the changes the story makes.
package employee

import (
	_ "embed"
	"fmt"
	"os"
	"path/filepath"
)

// Schema is the sample's schema: employees, departments, titles, salaries,
// an audit table and a view.
//
//go:embed schema.sql
var Schema string

// Rows inserts a few employees, departments, titles and salaries.
//
//go:embed sample_rows.sql
var Rows string

// Config is the sample's dbcd.yaml: stages test and prod (after test, under
// a review policy whose gate is warning), automatic rollout. The target URLs
// come from TEST_EMPLOYEE_URL and PROD_EMPLOYEE_URL.
//
//go:embed dbcd.yaml
var Config string

// ApprovalsConfig is Config with manual rollout of prod by the dba role and
// the approval flow owner -> dba for high-risk changes (DDL in prod).
//
//go:embed dbcd-approvals.yaml
var ApprovalsConfig string

// BitbucketState is a bbfake state with the people of the story: dave
// writes migrations, olivia owns the project (role owner), dana is a DBA
// (role dba), dbcd-bot is the access token's account (token
// "bbtok-employee-sample"). It has no pull requests yet.
//
//go:embed bitbucket.json
var BitbucketState string

// The changes of the story: a nullable column the prod policy rejects, the
// same column fixed, and a column added at a lower version (out of order).
var (
	//go:embed changes/nickname_nullable.sql
	NicknameNullable string
	//go:embed changes/nickname.sql
	Nickname string
	//go:embed changes/country.sql
	Country string
)

// The migration files of the sample and the story, under the default
// template {{ENV_ID}}/{{DB_NAME}}##{{VERSION}}##{{TYPE}}##{{DESCRIPTION}}.sql.
const (
	SchemaFile   = "employee##202311010000##baseline##employee_sample.sql"
	RowsFile     = "employee##202311010100##dml##sample_rows.sql"
	NicknameFile = "employee##202311012500##ddl##add_nickname_table_employee.sql"
	CountryFile  = "employee##202311011700##ddl##add_country_table_employee.sql"
)

// The people's Bitbucket UUIDs, as in BitbucketState.
const (
	DaveUUID   = "{1d2e3f40-1111-4111-8111-000000000001}"
	OliviaUUID = "{0a1b2c3d-2222-4222-8222-000000000002}"
	DanaUUID   = "{b5b1c2d3-3333-4333-8333-000000000003}"
	// Token is the access token BitbucketState accepts.
	Token = "bbtok-employee-sample"
)

// Write puts the sample's migration files into dir/<stage>/ for each stage
// (dir is the migrations directory, "bytebase" in the sample repository).
func Write(dir string, stages ...string) error {
	for _, stage := range stages {
		sd := filepath.Join(dir, stage)
		if err := os.MkdirAll(sd, 0o755); err != nil {
			return fmt.Errorf("employee sample: %w", err)
		}
		for name, content := range map[string]string{SchemaFile: Schema, RowsFile: Rows} {
			if err := os.WriteFile(filepath.Join(sd, name), []byte(content), 0o644); err != nil {
				return fmt.Errorf("employee sample: %w", err)
			}
		}
	}
	return nil
}
