package history

import (
	"context"
	"sync"
	"testing"

	"github.com/dbcd/dbcd/internal/pgtest"
)

// TestEnsureTableCreatesOnce: of callers racing on a missing table exactly
// one creates it and says so; later calls do not.
func TestEnsureTableCreatesOnce(t *testing.T) {
	db := pgtest.New(t)
	ctx := context.Background()
	tbl := Table{"ops", "hist"}
	const n = 4
	created := make([]bool, n)
	errs := make([]error, n)
	var wg sync.WaitGroup
	for i := range n {
		conn := db.Conn(t)
		wg.Add(1)
		go func() {
			defer wg.Done()
			created[i], errs[i] = EnsureTable(ctx, conn, tbl)
		}()
	}
	wg.Wait()
	count := 0
	for i := range n {
		if errs[i] != nil {
			t.Fatalf("caller %d: %v", i, errs[i])
		}
		if created[i] {
			count++
		}
	}
	if count != 1 {
		t.Errorf("%d callers report creating the table, want 1", count)
	}
	if c, err := EnsureTable(ctx, db.Conn(t), tbl); err != nil || c {
		t.Errorf("EnsureTable on a current table = %v, %v; want false, nil", c, err)
	}
	if rs, err := Rows(ctx, db.Conn(t), tbl); err != nil || len(rs) != 0 {
		t.Errorf("rows = %v, %v; want none", rs, err)
	}
}

// TestEnsureTableSharedSnapshots: a history table created next to a
// snapshot table of an older layout (without the model column) gives that
// table the column; a failure leaves no transaction open.
func TestEnsureTableSharedSnapshots(t *testing.T) {
	db := pgtest.New(t)
	ctx := context.Background()
	db.Exec(t, `CREATE SCHEMA ops; CREATE TABLE ops.hist_snapshot (sha256 text PRIMARY KEY, content text NOT NULL,
  created_at timestamptz NOT NULL DEFAULT now())`)
	conn := db.Conn(t)
	if c, err := EnsureTable(ctx, conn, Table{"ops", "hist"}); err != nil || !c {
		t.Fatalf("EnsureTable = %v, %v; want true, nil", c, err)
	}
	if !pgtest.QueryValue[bool](t, db, `SELECT EXISTS (SELECT FROM pg_attribute
  WHERE attrelid = 'ops.hist_snapshot'::regclass AND attname = 'model' AND NOT attisdropped)`) {
		t.Error("the shared snapshot table did not get the model column")
	}
	db.Exec(t, "CREATE TABLE ops.other (id int)")
	if _, err := EnsureTable(ctx, conn, Table{"ops", "other"}); err == nil {
		t.Error("a table dbcd did not create was accepted")
	}
	if s := conn.PgConn().TxStatus(); s != 'I' {
		t.Errorf("transaction status after a refusal = %c, want I", s)
	}
}
