package buildinfo

import (
	"runtime"
	"testing"
)

func TestGet(t *testing.T) {
	old, oldC := Version, Commit
	defer func() { Version, Commit = old, oldC }()
	Version, Commit = "v1.2.3", "abc123"
	info := Get()
	if info.Version != "v1.2.3" || info.Commit != "abc123" || info.GoVersion != runtime.Version() {
		t.Errorf("Get() = %+v", info)
	}
	Version, Commit = "", ""
	info = Get()
	if info.Version == "" || info.Commit == "" {
		t.Errorf("empty fields without link-time values: %+v", info)
	}
}
