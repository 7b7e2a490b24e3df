package main

import (
	"bytes"
	"context"
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// controlQuick returns the text of scenarios/control/quick.toml.
func controlQuick(t *testing.T) string {
	t.Helper()
	b, err := os.ReadFile(filepath.Join("..", "..", "scenarios", "control", "quick.toml"))
	if err != nil {
		t.Fatal(err)
	}
	return string(b)
}

// TestControlBadInput checks that a bad control scenario or flag exits
// with status 2 and an error naming the key or flag.
func TestControlBadInput(t *testing.T) {
	dir := t.TempDir()
	bad := filepath.Join(dir, "bad.toml")
	os.WriteFile(bad, []byte(strings.Replace(controlQuick(t), "eta = 0.1", "eta = -0.1", 1)), 0o644)
	for _, tc := range []struct {
		args []string
		want string
	}{
		{[]string{"control", "-scenario", bad}, "train.eta"},
		{[]string{"control", "-scenario", filepath.Join(dir, "missing.toml")}, "-scenario"},
		{[]string{"control", "-workers", "-1"}, "-workers"},
		{[]string{"control", "-json", "-csv"}, "exclusive"},
		{[]string{"control", "-show", filepath.Join(dir, "missing.json")}, "-show"},
	} {
		var stdout, stderr bytes.Buffer
		if code := run(context.Background(), tc.args, &stdout, &stderr); code != exitBadInput || !strings.Contains(stderr.String(), tc.want) {
			t.Errorf("%v: exit %d, stderr %q; want 2 naming %q", tc.args, code, stderr.String(), tc.want)
		}
	}
}

// TestControlQuick runs the quick scenario with -out and renders the
// stored report again with -show: the same text, the same JSON.
func TestControlQuick(t *testing.T) {
	dir := t.TempDir()
	var stdout, stderr bytes.Buffer
	if code := run(context.Background(), []string{"control", "-scenario", filepath.Join("..", "..", "scenarios", "control", "quick.toml"), "-json", "-out", dir}, &stdout, &stderr); code != exitOK {
		t.Fatalf("exit %d: %s", code, stderr.String())
	}
	var rep map[string]any
	if err := json.Unmarshal(stdout.Bytes(), &rep); err != nil || rep["format"] != "htsgd-control/1" || rep["complete"] != true {
		t.Fatalf("JSON: %v %v", err, rep["format"])
	}
	for _, f := range []string{"control.json", "control.csv"} {
		if _, err := os.Stat(filepath.Join(dir, f)); err != nil {
			t.Fatal(err)
		}
	}
	var again bytes.Buffer
	if code := run(context.Background(), []string{"control", "-show", filepath.Join(dir, "control.json"), "-json"}, &again, &stderr); code != exitOK {
		t.Fatalf("-show: exit %d: %s", code, stderr.String())
	}
	if again.String() != stdout.String() {
		t.Fatal("-show -json differs from the run's -json")
	}
	var text bytes.Buffer
	if code := run(context.Background(), []string{"control", "-show", filepath.Join(dir, "control.json")}, &text, &stderr); code != exitOK || !strings.Contains(text.String(), "paired differences") || !strings.Contains(text.String(), "sensitivity") {
		t.Fatalf("-show text: exit %d\n%s", code, text.String())
	}
}
