package dbconn

import (
	"testing"

	"github.com/dbcd/dbcd/internal/pgtest"
)

func TestMain(m *testing.M) { pgtest.Main(m) }
