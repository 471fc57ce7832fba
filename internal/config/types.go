// Package config loads and validates dbcd.yaml. It is the only home of viper:
// a local viper instance reads the file, applies DBCD_* environment overrides
// and defaults; this package then expands ${VAR} references and checks every
// key, reporting all problems at once with their key path and YAML line.
package config

import "time"

// FileName is the default configuration file name.
const FileName = "dbcd.yaml"

// Config is a loaded and validated dbcd.yaml.
type Config struct {
	// Path is the configuration file that was loaded; Root is its directory,
	// the repository root that migrations.dir is relative to.
	Path string `mapstructure:"-"`
	Root string `mapstructure:"-"`

	Migrations Migrations          `mapstructure:"migrations"`
	History    History             `mapstructure:"history"`
	Stages     []Stage             `mapstructure:"stages"`
	Review     Review              `mapstructure:"review"`
	Roles      map[string][]string `mapstructure:"roles"`
	Risk       []RiskRule          `mapstructure:"risk"`
	Approval   map[string][]string `mapstructure:"approval"`
	Apply      Apply               `mapstructure:"apply"`
	Writeback  Writeback           `mapstructure:"writeback"`
	Drift      Drift               `mapstructure:"drift"`
}

// Migrations says where migration files live and how they are named.
type Migrations struct {
	Dir            string `mapstructure:"dir"`
	Template       string `mapstructure:"template"`
	SchemaTemplate string `mapstructure:"schema_template"`
	// OutOfOrder is allow, warn or error: what to do with a pending version
	// lower than one already applied.
	OutOfOrder string `mapstructure:"out_of_order"`
}

// History names the history table kept on every target.
type History struct {
	Table string `mapstructure:"table"`
}

// Stage is one step of the rollout, with its target databases.
type Stage struct {
	Name    string   `mapstructure:"name"`
	After   []string `mapstructure:"after"`
	Policy  string   `mapstructure:"policy"`
	Rollout Rollout  `mapstructure:"rollout"`
	Targets []Target `mapstructure:"targets"`
}

// Rollout says who may roll a stage out and how.
type Rollout struct {
	Manual   bool     `mapstructure:"manual"`
	Roles    []string `mapstructure:"roles"`
	Waves    []string `mapstructure:"waves"`
	Parallel int      `mapstructure:"parallel"`
}

// Target is one database server/database that serves a logical database.
type Target struct {
	// Name identifies the target within its stage; it defaults to DB.
	Name string `mapstructure:"name"`
	DB   string `mapstructure:"db"`
	// URL is a secret: print it only through dbconn.RedactURL.
	URL string `mapstructure:"url"`
}

// Review holds the SQL review policies.
type Review struct {
	Gate     string            `mapstructure:"gate"`
	Policies map[string]Policy `mapstructure:"policies"`
}

// Policy is a named SQL review policy.
type Policy struct {
	Extends string                `mapstructure:"extends"`
	Gate    string                `mapstructure:"gate"`
	Rules   map[string]RuleConfig `mapstructure:"rules"`
}

// RuleConfig sets one rule's level and options. In YAML it is either a level
// (`column.no-null: warning`) or a mapping with a level and options.
type RuleConfig struct {
	Level   string
	Options map[string]any
}

// RiskRule assigns Level when the CEL expression When is true.
type RiskRule struct {
	Level string `mapstructure:"level"`
	When  string `mapstructure:"when"`
}

// Apply tunes how migrations are executed.
type Apply struct {
	LockTimeout      Duration `mapstructure:"lock_timeout"`
	LockRetries      int      `mapstructure:"lock_retries"`
	StatementTimeout Duration `mapstructure:"statement_timeout"`
	LockWait         Duration `mapstructure:"lock_wait"`
	OnDrift          string   `mapstructure:"on_drift"`
}

// Writeback configures the commit of LATEST schema files.
type Writeback struct {
	Branch  string `mapstructure:"branch"`
	Author  string `mapstructure:"author"`
	Message string `mapstructure:"message"`
}

// Drift configures drift detection.
type Drift struct {
	Ignore []string `mapstructure:"ignore"`
}

// Duration is a time.Duration written as "5s", "10m", "1h30m" or 0.
type Duration time.Duration

// D returns the value as a time.Duration.
func (d Duration) D() time.Duration { return time.Duration(d) }

// String formats the duration the way it is written in dbcd.yaml.
func (d Duration) String() string { return time.Duration(d).String() }

// Defaults for keys that are not set.
var defaults = map[string]any{
	"migrations::dir":             "bytebase",
	"migrations::template":        "{{ENV_ID}}/{{DB_NAME}}##{{VERSION}}##{{TYPE}}##{{DESCRIPTION}}.sql",
	"migrations::schema_template": "{{ENV_ID}}/.{{DB_NAME}}##LATEST.sql",
	"migrations::out_of_order":    "warn",
	"history::table":              "dbcd.migration_history",
	"review::gate":                "error",
	"apply::lock_timeout":         "5s",
	"apply::lock_retries":         3,
	"apply::statement_timeout":    "0",
	"apply::lock_wait":            "10m",
	"apply::on_drift":             "block",
	"writeback::branch":           "main",
	"writeback::author":           "dbcd <dbcd@localhost>",
	"writeback::message":          `dbcd: update latest schema for "{{DB_NAME}}" on {{ENV_ID}} after {{VERSION}} [skip ci]`,
}

// Presets are the built-in review policies a policy may extend. The review
// package owns what they contain.
var Presets = []string{"recommended", "all", "bytebase-prod", "bytebase-dev", "bytebase-sample"}

// DefaultPolicy is the policy of a stage that names none.
const DefaultPolicy = "default"

// Stage returns the stage named name.
func (c *Config) Stage(name string) (*Stage, bool) {
	for i := range c.Stages {
		if c.Stages[i].Name == name {
			return &c.Stages[i], true
		}
	}
	return nil, false
}

// StageNames lists the stages in rollout order.
func (c *Config) StageNames() []string {
	names := make([]string, len(c.Stages))
	for i, s := range c.Stages {
		names[i] = s.Name
	}
	return names
}

// PolicyName returns the review policy of a stage.
func (s *Stage) PolicyName() string {
	if s.Policy == "" {
		return DefaultPolicy
	}
	return s.Policy
}

// Databases lists the logical databases the stage's targets serve, each once,
// in order of first appearance.
func (s *Stage) Databases() []string {
	var dbs []string
	seen := map[string]bool{}
	for _, t := range s.Targets {
		if !seen[t.DB] {
			seen[t.DB] = true
			dbs = append(dbs, t.DB)
		}
	}
	return dbs
}
