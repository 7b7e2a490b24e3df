package main

import (
	"bytes"
	"context"
	"flag"
	"os"
	"path/filepath"
	"testing"

	"github.com/htsgd/htsgd/landscapes"
)

var update = flag.Bool("update", false, "rewrite the golden files in testdata/")

// TestMain makes the R^d builds and predictions coarse (tuning): the
// modified Himmelblau basin map then takes a tenth of a second instead of
// four, and the ray scans of the jump numbers 60 directions instead of 720.
// The quadratic's basin is explicit, so its outputs are those of the
// command with default tuning.
func TestMain(m *testing.M) {
	tuning.build.Basins = landscapes.BasinMapOptions{Grid: 15, Directions: 90, CacheCells: 64}
	tuning.directions = 60
	os.Exit(m.Run())
}

// runCLI runs the command line and returns its exit status and outputs.
func runCLI(t *testing.T, ctx context.Context, args ...string) (int, string, string) {
	t.Helper()
	var out, errb bytes.Buffer
	code := run(ctx, args, &out, &errb)
	return code, out.String(), errb.String()
}

// golden compares got with testdata/name, or rewrites it with -update.
func golden(t *testing.T, name string, got string) {
	t.Helper()
	path := filepath.Join("testdata", name)
	if *update {
		if err := os.WriteFile(path, []byte(got), 0o644); err != nil {
			t.Fatal(err)
		}
		return
	}
	want, err := os.ReadFile(path)
	if err != nil {
		t.Fatalf("%v (run go test -update to create it)", err)
	}
	if got != string(want) {
		t.Errorf("%s differs from the golden file:\n--- got\n%s\n--- want\n%s", name, got, want)
	}
}

func writeScenario(t *testing.T, text string) string {
	t.Helper()
	p := filepath.Join(t.TempDir(), "s.toml")
	if err := os.WriteFile(p, []byte(text), 0o644); err != nil {
		t.Fatal(err)
	}
	return p
}

func fastScenario(t *testing.T) string {
	t.Helper()
	b, err := os.ReadFile("testdata/fast.toml")
	if err != nil {
		t.Fatal(err)
	}
	return string(b)
}

func testdataScenario(t *testing.T, name string) string {
	t.Helper()
	b, err := os.ReadFile(filepath.Join("testdata", name))
	if err != nil {
		t.Fatal(err)
	}
	return string(b)
}
