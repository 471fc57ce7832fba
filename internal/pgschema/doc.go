// Package pgschema reads the schema of a live PostgreSQL database into a
// normalised model and writes it out as a deterministic SQL dump.
//
// [Inspect] reads the catalog with a fixed set of set-based queries (the
// files under queries/, embedded in the binary) in one round trip inside a
// read-only REPEATABLE READ transaction, whatever the number of objects.
// Definitions are deparsed by the server itself (pg_get_indexdef,
// pg_get_constraintdef, pg_get_viewdef, pg_get_functiondef,
// pg_get_triggerdef, pg_get_ruledef, pg_get_expr, format_type,
// pg_get_partkeydef) with an empty search_path, so every name outside
// pg_catalog comes out schema-qualified and exactly as the server would
// parse it back.
//
// # The model
//
// A [Schema] is a list of objects, each with its own DDL ([Object]). Kinds:
// schema, extension, type (enum, composite, range), domain, sequence, table,
// view, materialized view, function, procedure, aggregate, constraint,
// index, trigger, rule, policy, publication and event trigger.
//
// Columns are attributes of their table, not objects of their own: a
// table's DDL is its CREATE TABLE with every column in attnum order (column
// order is part of the schema; dropped columns are skipped), followed by
// the statements that belong to the table alone: the columns' statistics
// targets, storage, compression and options; for a partition or an
// inheritance child, the defaults and NOT NULL of the inherited columns
// that differ from the parent's; row-level security switches, replica
// identity, the comments on the table and its columns and, after the
// owner, ALTER SEQUENCE ... OWNED BY for the sequences it owns.
// [Object.Table] gives the structured columns to a diff. A partition is
// created with PARTITION OF, so it gets its parent's column order even
// when it had another before it was attached. Table constraints, indexes,
// triggers, rules and policies are objects of their own named
// schema.table.name, so that a diff can add or drop them one by one.
// Comments, and with [Options] owners and grants, are part of the DDL of
// the object they belong to.
//
// Objects of kinds the model does not cover (collations, operators, text
// search objects, foreign data wrappers and tables, casts, extended
// statistics, subscriptions, ...) are never dropped silently: [Schema.Unsupported] names
// them and the dump lists them in its header.
//
// # The dump
//
// [Schema.Dump] writes the objects in dependency order, taken from pg_depend
// (including view bodies and SQL-standard function bodies), with ties
// broken by kind and then by name, so the same schema dumps byte for byte
// the same whatever the order in which its objects were created and
// whatever their OIDs. Foreign keys come after all tables, as ALTER TABLE
// ... ADD CONSTRAINT; function bodies are not checked on restore
// (check_function_bodies = false, as pg_dump does). The header names the
// dump format version and the server's major version and carries no
// timestamp. [Schema.Hash] is the SHA-256 of the dump.
//
// # The serialised model
//
// [Schema.MarshalModel] writes the model itself, compact and
// deterministic, tagged with [FormatVersion] and [ModelVersion];
// [UnmarshalModel] reads it back into a schema that dumps to the same bytes
// and compares equal, so a stored snapshot can be compared without
// loading its SQL into a database. A model of another version is refused
// ([ErrModelVersion]).
package pgschema
