package report

import (
	"os"
	"path/filepath"
	"testing"
)

// TestWriteFileAtomic checks that a written file holds the data with
// FileMode, that a path naming a directory is refused, and that neither
// leaves a temporary file behind.
func TestWriteFileAtomic(t *testing.T) {
	dir := t.TempDir()
	path := filepath.Join(dir, "out.json")
	if err := WriteFileAtomic(path, []byte("{}\n")); err != nil {
		t.Fatal(err)
	}
	info, err := os.Stat(path)
	if err != nil {
		t.Fatal(err)
	}
	if got := info.Mode().Perm(); got != FileMode {
		t.Errorf("mode %v, want %v", got, os.FileMode(FileMode))
	}
	if b, _ := os.ReadFile(path); string(b) != "{}\n" {
		t.Errorf("content %q", b)
	}
	if err := WriteFileAtomic(dir, []byte("x")); err == nil {
		t.Error("a directory as the path: no error")
	}
	entries, err := os.ReadDir(dir)
	if err != nil {
		t.Fatal(err)
	}
	if len(entries) != 1 {
		t.Errorf("directory holds %d entries, want only out.json", len(entries))
	}
}
