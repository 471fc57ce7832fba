package pgtest

import (
	"context"
	"errors"
	"os"
	"testing"
)

// TestStartOutsideATest starts the cluster a program such as the demo gets,
// creates a database on it, and checks that stop removes everything.
func TestStartOutsideATest(t *testing.T) {
	if testing.Short() {
		t.Skip("starts a second cluster")
	}
	if _, err := findBinDir(); err != nil {
		unavailable(t, err)
	}
	c, stop, err := Start()
	if err != nil {
		t.Fatal(err)
	}
	stopped := false
	defer func() {
		if !stopped {
			_ = stop()
		}
	}()
	url, err := c.CreateDatabase("standalone_demo")
	if err != nil {
		t.Fatal(err)
	}
	if _, err := c.CreateDatabase("standalone_demo"); err == nil {
		t.Error("creating the same database twice succeeded")
	}
	ctx := context.Background()
	conn, err := connect(ctx, url)
	if err != nil {
		t.Fatal(err)
	}
	var db string
	if err := conn.QueryRow(ctx, "SELECT current_database()").Scan(&db); err != nil || db != "standalone_demo" {
		t.Errorf("current_database() = %q, %v", db, err)
	}
	_ = conn.Close(ctx)

	dir := c.SocketDir()
	stopped = true
	if err := stop(); err != nil {
		t.Fatal(err)
	}
	if _, err := os.Stat(dir); !errors.Is(err, os.ErrNotExist) {
		t.Errorf("cluster directory %s survived stop (stat: %v)", dir, err)
	}
}
