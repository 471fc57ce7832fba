package pgtest

import (
	"context"
	"fmt"
	"testing"

	"github.com/jackc/pgx/v5"
)

// GenerateTables creates n tables public.t1 .. public.tn in db, each with a
// bigserial primary key, a default, a foreign key to the previous table,
// an index and a comment, and for every tenth table a view over it, a
// PL/pgSQL trigger function and a trigger that calls it: the schema the
// benchmarks of dump and drift measure. It works 200 tables a transaction,
// to stay under the lock table, and fails t on error.
func (db *DB) GenerateTables(t testing.TB, n int) {
	t.Helper()
	for from := 1; from <= n; from += 200 {
		to := min(from+199, n)
		sql := fmt.Sprintf(`DO $$ BEGIN FOR i IN %d..%d LOOP
  EXECUTE format('CREATE TABLE public.t%%s (id bigserial PRIMARY KEY, name text NOT NULL,
    amount numeric(12,2) DEFAULT 0, created_at timestamptz DEFAULT now(), parent_id bigint %%s)',
    i, CASE WHEN i > 1 THEN format('REFERENCES public.t%%s', i - 1) ELSE '' END);
  EXECUTE format('CREATE INDEX t%%s_name ON public.t%%s (name)', i, i);
  EXECUTE format('COMMENT ON TABLE public.t%%s IS %%L', i, 'table ' || i);
  IF i %% 10 = 0 THEN
    EXECUTE format('CREATE VIEW public.v%%s AS SELECT id, name, amount FROM public.t%%s WHERE amount > 0', i, i);
    EXECUTE format('CREATE FUNCTION public.trim_t%%s() RETURNS trigger LANGUAGE plpgsql AS %%L', i,
      'BEGIN NEW.name := btrim(NEW.name); RETURN NEW; END');
    EXECUTE format('CREATE TRIGGER t%%s_trim BEFORE INSERT OR UPDATE ON public.t%%s FOR EACH ROW EXECUTE FUNCTION public.trim_t%%s()', i, i, i);
  END IF;
END LOOP; END $$`, from, to)
		err := db.withConn(func(ctx context.Context, conn *pgx.Conn) error {
			_, err := conn.Exec(ctx, sql)
			return err
		})
		if err != nil {
			t.Fatalf("pgtest: generating tables %d..%d: %v", from, to, err)
		}
	}
}
