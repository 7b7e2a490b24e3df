package mdcheck

import (
	"os"
	"path/filepath"
	"testing"
)

// TestRepositoryLinks checks every Markdown file of this repository: each
// relative link must resolve inside it, and each anchor must exist.
func TestRepositoryLinks(t *testing.T) {
	root := moduleRoot(t)
	files, err := RepositoryFiles(root)
	if err != nil {
		t.Fatal(err)
	}
	if len(files) == 0 {
		t.Fatalf("no Markdown file found under %s", root)
	}
	probs, err := Check(root, files)
	if err != nil {
		t.Fatal(err)
	}
	for _, p := range probs {
		t.Errorf("broken link: %v", p)
	}
}

// moduleRoot returns the directory of the go.mod above the working
// directory (the package directory under go test).
func moduleRoot(t *testing.T) string {
	t.Helper()
	dir, err := os.Getwd()
	if err != nil {
		t.Fatal(err)
	}
	for {
		if _, err := os.Stat(filepath.Join(dir, "go.mod")); err == nil {
			return dir
		}
		parent := filepath.Dir(dir)
		if parent == dir {
			t.Fatal("go.mod not found above the working directory")
		}
		dir = parent
	}
}
