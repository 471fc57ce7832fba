package source

import (
	"bytes"
	"errors"
	"io/fs"
	"os"
	"path/filepath"
	"testing"
)

func TestReadFile(t *testing.T) {
	dir := t.TempDir()
	for _, size := range []int{0, 1, 4095, 4096, 4097, 1 << 20} {
		want := bytes.Repeat([]byte("ab\n"), size/3+1)[:size]
		p := filepath.Join(dir, "f.sql")
		if err := os.WriteFile(p, want, 0o644); err != nil {
			t.Fatal(err)
		}
		got, err := readFile(p)
		if err != nil || !bytes.Equal(got, want) {
			t.Errorf("size %d: got %d bytes, %v", size, len(got), err)
		}
	}
	var pe *fs.PathError
	if _, err := readFile(filepath.Join(dir, "missing.sql")); !errors.Is(err, fs.ErrNotExist) || !errors.As(err, &pe) {
		t.Errorf("missing file: %v, want a *fs.PathError for a file that does not exist", err)
	}
	if _, err := readFile(dir); err == nil {
		t.Error("reading a directory succeeded")
	}
}
