// Package dbconn holds what dbcd needs around its PostgreSQL connections.
// For now that is redaction: every message, report and log line that may
// hold a connection string goes through Redact or RedactSecrets, so that
// database passwords and tokens are never printed.
package dbconn
