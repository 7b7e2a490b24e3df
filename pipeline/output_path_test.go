package pipeline

import (
	"os"
	"path/filepath"
	"testing"
)

// TestCheckOutputPath: a writable file in an existing directory passes and
// leaves nothing behind; a missing directory, a directory, an empty path
// and a read-only directory are refused.
func TestCheckOutputPath(t *testing.T) {
	dir := t.TempDir()
	readOnly := filepath.Join(dir, "ro")
	if err := os.Mkdir(readOnly, 0o555); err != nil {
		t.Fatal(err)
	}
	if err := CheckOutputPath(filepath.Join(dir, "out.json")); err != nil {
		t.Errorf("a writable path refused: %v", err)
	}
	for name, path := range map[string]string{
		"missing directory": filepath.Join(dir, "no", "such", "out.json"),
		"a directory":       dir,
		"empty":             "",
		"a file as its dir": filepath.Join(dir, "file", "out.json"),
	} {
		if name == "a file as its dir" {
			if err := os.WriteFile(filepath.Join(dir, "file"), nil, 0o644); err != nil {
				t.Fatal(err)
			}
		}
		if err := CheckOutputPath(path); err == nil {
			t.Errorf("%s (%q) accepted", name, path)
		}
	}
	if os.Geteuid() != 0 { // root writes anywhere
		if err := CheckOutputPath(filepath.Join(readOnly, "out.json")); err == nil {
			t.Error("a read-only directory accepted")
		}
	}
	entries, err := os.ReadDir(dir)
	if err != nil {
		t.Fatal(err)
	}
	for _, e := range entries {
		if e.Name() != "ro" && e.Name() != "file" {
			t.Errorf("CheckOutputPath left %s behind", e.Name())
		}
	}
}

// TestRecordFileWriteMode: a record file is written readable by all (0644)
// and a write onto a directory fails without leaving a temporary file.
func TestRecordFileWriteMode(t *testing.T) {
	f := shardFiles(t, fastExit, 1, 0)[0]
	dir := t.TempDir()
	path := filepath.Join(dir, "r.json")
	if err := f.WriteFile(path); err != nil {
		t.Fatal(err)
	}
	info, err := os.Stat(path)
	if err != nil {
		t.Fatal(err)
	}
	if info.Mode().Perm() != 0o644 {
		t.Errorf("mode %v, want 0644", info.Mode().Perm())
	}
	sub := filepath.Join(dir, "sub")
	if err := os.Mkdir(sub, 0o755); err != nil {
		t.Fatal(err)
	}
	if err := f.WriteFile(sub); err == nil {
		t.Error("a record file written over a directory")
	}
	entries, err := os.ReadDir(dir)
	if err != nil {
		t.Fatal(err)
	}
	if len(entries) != 2 {
		for _, e := range entries {
			t.Logf("left: %s", e.Name())
		}
		t.Errorf("%d entries in the directory, want r.json and sub only", len(entries))
	}
}
