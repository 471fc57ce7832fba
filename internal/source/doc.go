// Package source finds and parses dbcd's migration files: the files under
// migrations.dir whose path fits migrations.template (by default the
// Bytebase GitOps convention
// {{ENV_ID}}/{{DB_NAME}}##{{VERSION}}##{{TYPE}}##{{DESCRIPTION}}.sql).
//
// Load walks the directory and returns a Tree of Files together with every
// Problem found, so that a user sees all bad names, versions, duplicates and
// directives at once. Unlike Bytebase, a candidate file (one with the
// template's extension that is not a dot-file) whose name does not fit the
// template is reported, never silently skipped.
//
// The package reads files only; it neither parses SQL statements (that is
// sqlparse's job, used here only for "-- dbcd:" directives) nor talks to a
// database.
package source
