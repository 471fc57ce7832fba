package pgtest

import "fmt"

// Start starts a private throwaway cluster for a program that is not a test
// binary (the demo, for example): the same cluster tests get, with the same
// binaries, settings, roles and parent-death signal, but owned by the
// caller. stop shuts the server down and removes its directory; call it
// exactly once, also when the program is interrupted.
//
// Start ignores DBCD_TEST_DATABASE_URL: it always starts its own server.
func Start() (c *Cluster, stop func() error, err error) {
	c, local, err := startLocal(serverSettings)
	if err != nil {
		return nil, nil, err
	}
	return c, local.stop, nil
}

// CreateDatabase creates an empty database called name, owned by the test
// role, and returns its URL for that role. Unlike NewDB it is not tied to a
// test: nothing drops the database but the caller, or the end of a private
// cluster.
func (c *Cluster) CreateDatabase(name string) (string, error) {
	if err := c.createDatabase(name); err != nil {
		return "", fmt.Errorf("creating database %s: %w", name, err)
	}
	return c.DatabaseURL(name), nil
}
