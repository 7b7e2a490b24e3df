package main

import (
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// TestConvergeShowRefusesEmpty: -show of a report without a scenario or
// start basins (an empty results file, or the placeholder an interrupted
// -out used to leave) exits with status 2 and an error naming the file and
// the field, and prints no heading.
func TestConvergeShowRefusesEmpty(t *testing.T) {
	dir := t.TempDir()
	for name, tc := range map[string]struct{ json, field string }{
		"empty":       {`{"format": "htsgd-converge/1"}`, `field "scenario" is empty`},
		"placeholder": {`{"format": "htsgd-converge/1", "scenario": "converge-paper-b0.5"}`, `field "basins" is empty`},
	} {
		path := filepath.Join(dir, name+".json")
		if err := os.WriteFile(path, []byte(tc.json), 0o644); err != nil {
			t.Fatal(err)
		}
		code, stdout, stderr := runCLI(t, context.Background(), "converge", "-show", path)
		if code != 2 || stdout != "" || !strings.Contains(stderr, path) || !strings.Contains(stderr, tc.field) {
			t.Errorf("%s: status %d, stdout %q, stderr %q; want 2, nothing, an error naming %s and %s", name, code, stdout, stderr, path, tc.field)
		}
	}
}
