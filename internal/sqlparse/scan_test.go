package sqlparse

import (
	"testing"

	"github.com/google/go-cmp/cmp"
	pg_query "github.com/pganalyze/pg_query_go/v5"
)

// TestDecodeScanMatchesUnmarshal checks that scan, which decodes the
// scanner's protobuf output by hand, finds the tokens that unmarshalling it
// with pg_query.Scan gives, on every test input of the package.
func TestDecodeScanMatchesUnmarshal(t *testing.T) {
	for _, s := range append(seeds(t), "", "-- only a comment", "SELECT $$a$$, E'\\n', 1.5e3, \"Ü\"::text;") {
		body := newText([]byte(s)).body
		res, err := pg_query.Scan(body)
		got, ok := scan(body)
		if err != nil {
			if ok {
				t.Errorf("scan(%q) succeeded where pg_query.Scan fails: %v", body, err)
			}
			continue
		}
		if !ok {
			t.Errorf("scan(%q) fell back to scanLoosely where pg_query.Scan succeeds", body)
			continue
		}
		want := make([]token, 0, len(res.Tokens))
		for _, tok := range res.Tokens {
			want = append(want, token{start: int(tok.Start), end: int(tok.End), kind: kindOf(tok.Token)})
		}
		if diff := cmp.Diff(want, got, cmp.AllowUnexported(token{})); diff != "" {
			t.Errorf("scan(%q) (-pg_query.Scan +scan):\n%s", body, diff)
		}
	}
}

func TestDecodeScanRejectsMalformed(t *testing.T) {
	for _, b := range [][]byte{{0x12}, {0x12, 0x05, 0x08}, {0xff}, {0x12, 0x02, 0x08, 0xff}} {
		if _, ok := decodeScan(b); ok {
			t.Errorf("decodeScan(%x) accepted a malformed message", b)
		}
	}
}
