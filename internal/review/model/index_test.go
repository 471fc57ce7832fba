package model

import (
	"testing"

	"github.com/google/go-cmp/cmp"
)

func TestCreateIndex(t *testing.T) {
	const setup = `CREATE TABLE t (a int, b text, c jsonb);`
	tests := []struct {
		name string
		sql  string
		want []*Index
	}{
		{
			name: "named and generated names",
			sql: `CREATE INDEX i ON t (a); CREATE INDEX ON t (a); CREATE INDEX ON t (a); CREATE INDEX ON t (a, b);
				CREATE INDEX ON ONLY t (lower(b)); CREATE INDEX ON t ((a + 1)); CREATE INDEX ON t ((b::int))`,
			want: []*Index{
				btree("i", "t", "a"), btree("t_a_idx", "t", "a"), btree("t_a_idx1", "t", "a"), btree("t_a_b_idx", "t", "a", "b"),
				btree("t_lower_idx", "t", "lower(b)"), btree("t_expr_idx", "t", "a + 1"), btree("t_b_idx", "t", "b::int"),
			},
		},
		{
			name: "unique, method, include, predicate, concurrently",
			sql: `CREATE UNIQUE INDEX CONCURRENTLY IF NOT EXISTS t_a_idx ON t USING hash (a) INCLUDE (b) WHERE a > 0 AND b IS NOT NULL;
				CREATE INDEX t_c ON t USING gin (c jsonb_path_ops)`,
			want: []*Index{
				{Name: pub("t_a_idx"), Table: pub("t"), Unique: true, Method: "hash", Columns: []string{"a"}, Include: []string{"b"},
					Predicate: "a > 0 AND b IS NOT NULL", Valid: true},
				{Name: pub("t_c"), Table: pub("t"), Method: "gin", Columns: []string{"c"}, Valid: true},
			},
		},
		{
			name: "if not exists keeps the existing index, a plain create replaces it",
			sql:  `CREATE INDEX i ON t (a); CREATE INDEX IF NOT EXISTS i ON t (b); CREATE INDEX j ON t (a); CREATE INDEX j ON t (b)`,
			want: []*Index{btree("i", "t", "a"), btree("j", "t", "b")},
		},
		{
			name: "unknown table",
			sql:  `CREATE INDEX i ON nope (a); CREATE INDEX ON t (a)`,
			want: []*Index{btree("t_a_idx", "t", "a")},
		},
		{
			name: "rename",
			sql:  `CREATE INDEX i ON t (a); ALTER INDEX i RENAME TO j; ALTER INDEX IF EXISTS nope RENAME TO k; ALTER TABLE j RENAME TO l`,
			want: []*Index{btree("l", "t", "a")},
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			s := build(t, setup+tt.sql)
			if diff := cmp.Diff(tt.want, s.Relation(pub("t")).Indexes, cmpOpts); diff != "" {
				t.Errorf("indexes (-want +got):\n%s", diff)
			}
			for _, idx := range tt.want {
				if s.Index(idx.Name) == nil {
					t.Errorf("Index(%v) = nil", idx.Name)
				}
			}
		})
	}
}

func TestPartitions(t *testing.T) {
	const setup = `CREATE TABLE p (id int NOT NULL, at date, CHECK (id > 0), PRIMARY KEY (id, at)) PARTITION BY RANGE (at);
		CREATE INDEX ON p (at); CREATE TABLE p1 PARTITION OF p FOR VALUES FROM ('2020-01-01') TO ('2021-01-01');`
	p1 := func(extraCols []*Column, idx []*Index, cons []*Constraint) *Relation {
		return &Relation{
			Name: pub("p1"), Kind: KindTable, PartitionOf: pubp("p"),
			Columns:     append([]*Column{notNull(col("id", "integer")), notNull(col("at", "date"))}, extraCols...),
			Indexes:     append([]*Index{pkIndex("p1", "id", "at"), btree("p1_at_idx", "p1", "at")}, idx...),
			Constraints: append([]*Constraint{checkCon("p_id_check", "id > 0", "id"), keyCon(ConPrimary, "p1_pkey", "id", "at")}, cons...),
		}
	}
	tests := []struct {
		name string
		sql  string
		want *Relation // p1
	}{
		{name: "partition of copies columns, checks and indexes", want: p1(nil, nil, nil)},
		{
			name: "alter reaches partitions unless only",
			sql: `ALTER TABLE p ADD COLUMN n text DEFAULT 'x' CHECK (n <> ''), ADD CONSTRAINT u UNIQUE (id, at, n);
				ALTER TABLE ONLY p ADD COLUMN m int; ALTER TABLE p ALTER n SET NOT NULL; CREATE INDEX ON p (n)`,
			want: p1(
				[]*Column{withDefault(notNull(col("n", "text")), "'x'")},
				[]*Index{unique(btree("p1_id_at_n_key", "p1", "id", "at", "n")), btree("p1_n_idx", "p1", "n")},
				[]*Constraint{checkCon("p_n_check", "n <> ''", "n"), keyCon(ConUnique, "p1_id_at_n_key", "id", "at", "n")},
			),
		},
		{
			name: "drop constraint reaches partitions",
			sql:  `ALTER TABLE p DROP CONSTRAINT p_pkey, DROP CONSTRAINT p_id_check`,
			want: &Relation{
				Name: pub("p1"), Kind: KindTable, PartitionOf: pubp("p"),
				Columns: []*Column{notNull(col("id", "integer")), notNull(col("at", "date"))},
				Indexes: []*Index{btree("p1_at_idx", "p1", "at")},
			},
		},
		{
			name: "detach and attach",
			sql: `ALTER TABLE p DETACH PARTITION p1 CONCURRENTLY; CREATE INDEX ON p (id);
				ALTER TABLE p ATTACH PARTITION p1 FOR VALUES FROM ('2020-01-01') TO ('2021-01-01')`,
			want: p1(nil, []*Index{btree("p1_id_idx", "p1", "id")}, nil),
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			s := build(t, setup+tt.sql)
			if diff := cmp.Diff(tt.want, s.Relation(pub("p1")), cmpOpts); diff != "" {
				t.Errorf("partition (-want +got):\n%s", diff)
			}
		})
	}

	s := build(t, setup+`ALTER TABLE p DETACH PARTITION p1`)
	if got := s.Relation(pub("p1")).PartitionOf; got != nil {
		t.Errorf("detached partition has parent %v", got)
	}
	s = build(t, setup+`DROP TABLE p`)
	if s.Relation(pub("p1")) != nil || s.Index(pub("p1_pkey")) != nil {
		t.Error("dropping the partitioned table left its partition")
	}
}

func TestIndexOnOnlyIsInvalidUntilAttached(t *testing.T) {
	s := build(t, `CREATE TABLE p (a int) PARTITION BY LIST (a);
		CREATE TABLE p1 PARTITION OF p FOR VALUES IN (1); CREATE TABLE p2 PARTITION OF p FOR VALUES IN (2);
		CREATE INDEX p_a ON ONLY p (a); CREATE INDEX CONCURRENTLY p1_a ON p1 (a)`)
	if s.Index(pub("p_a")).Valid {
		t.Fatal("index on only a partitioned table with partitions is valid")
	}
	replay(t, s, `ALTER INDEX p_a ATTACH PARTITION p1_a`)
	if s.Index(pub("p_a")).Valid {
		t.Error("index valid with a partition lacking an index")
	}
	replay(t, s, `CREATE INDEX CONCURRENTLY p2_a ON p2 (a); ALTER INDEX p_a ATTACH PARTITION p2_a`)
	if !s.Index(pub("p_a")).Valid {
		t.Error("index still invalid after every partition got one")
	}
	if got := s.Relation(pub("p")).Kind; got != KindPartitioned {
		t.Errorf("kind = %q, want partitioned", got)
	}
	if got := len(s.Partitions(pub("p"))); got != 2 {
		t.Errorf("%d partitions, want 2", got)
	}
}

func TestPartitionCyclesAreRefused(t *testing.T) {
	// PostgreSQL refuses each of these; the model must neither loop nor
	// build a cycle of partitions.
	s := build(t, `CREATE TABLE p (a int) PARTITION BY LIST (a); CREATE TABLE c PARTITION OF p FOR VALUES IN (1) PARTITION BY LIST (a);
		CREATE TABLE p PARTITION OF c FOR VALUES IN (1) PARTITION BY LIST (a); ALTER TABLE p ADD COLUMN b int;
		ALTER TABLE p ATTACH PARTITION c FOR VALUES IN (2); ALTER TABLE p ATTACH PARTITION p FOR VALUES IN (3);
		CREATE TABLE x PARTITION OF plain FOR VALUES IN (1); CREATE INDEX ON c (a)`)
	checkInvariants(t, s)
	if got := s.Relation(pub("c")).PartitionOf; got != nil {
		t.Errorf("c, replaced parent, still a partition of %v", got)
	}
	if got := s.Relation(pub("p")).PartitionOf; got == nil || *got != pub("c") {
		t.Errorf("p is a partition of %v, want public.c", got)
	}
	replay(t, s, `DROP TABLE c`)
	if len(s.Relations()) != 1 || s.Relation(pub("x")) == nil {
		t.Errorf("DROP TABLE c left %v, want only x", names(s))
	}
}
