package main

import (
	"context"
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/htsgd/htsgd/report"
)

// rareQuick is the scenario of the verify rare tests: the quadratic fixture
// under a large noise, where brute force and the rare-event estimator both
// take a second.
var rareQuick = filepath.Join("testdata", "rare-quick.toml")

// TestRareGolden fixes the text output of `verify rare` on rare-quick with
// 200 brute-force exits (the numbers depend on the seed only).
func TestRareGolden(t *testing.T) {
	code, out, stderr := runCLI(t, context.Background(), "rare", "-scenario", rareQuick, "-brute-exits", "200", "-workers", "2")
	if code != 0 {
		t.Fatal(stderr)
	}
	golden(t, filepath.Join("golden", "rare-quick.rare.txt.golden"), out)
}

// TestRareAgainstBruteForceFile checks that the brute force of `verify
// rare -brute-exits N` is the brute force of `verify exit` with
// run.samples = N (the same replicas, from the same streams): fed that
// exit report with -brute, verify rare prints the same comparison, z and
// agreement included. It also checks the comparison itself on rare-quick:
// the two means agree (|z| below the critical value at false-alarm rate
// 0.001), and the speed-up is the ratio of the work-normalised variances.
func TestRareAgainstBruteForceFile(t *testing.T) {
	ctx := context.Background()
	code, ran, stderr := runCLI(t, ctx, "rare", "-scenario", rareQuick, "-brute-exits", "200", "-json")
	if code != 0 {
		t.Fatal(stderr)
	}
	exitScenario := writeScenario(t, strings.Replace(testdataScenario(t, "rare-quick.toml"), "samples = 40000", "samples = 200", 1))
	code, exitJSON, stderr := runCLI(t, ctx, "exit", "-scenario", exitScenario, "-json")
	if code != 0 {
		t.Fatal(stderr)
	}
	file := filepath.Join(t.TempDir(), "bf.json")
	if err := os.WriteFile(file, []byte(exitJSON), 0o644); err != nil {
		t.Fatal(err)
	}
	code, read, stderr := runCLI(t, ctx, "rare", "-scenario", rareQuick, "-brute", file, "-json")
	if code != 0 {
		t.Fatal(stderr)
	}
	var a, b report.RareValidation
	for _, c := range []struct {
		text string
		dst  *report.RareValidation
	}{{ran, &a}, {read, &b}} {
		if err := json.Unmarshal([]byte(c.text), c.dst); err != nil {
			t.Fatal(err)
		}
	}
	ca, cb := a.Rows[0], b.Rows[0]
	if ca.Brute == nil || cb.Brute == nil || *ca.Z != *cb.Z || *ca.Brute.MeanSteps != *cb.Brute.MeanSteps || *ca.BruteSteps != *cb.BruteSteps {
		t.Fatalf("brute force run %+v, read from the exit report %+v", ca, cb)
	}
	if !*ca.Agree || *ca.Z >= a.Critical || *ca.Z <= -a.Critical {
		t.Errorf("z = %v, critical %v: the estimators disagree on rare-quick", *ca.Z, a.Critical)
	}
	if want := *ca.BruteWorkNormVar / *ca.ISWorkNormVar; *ca.SpeedUp != want || ca.SpeedUpBasis != report.SpeedUpVsBrute {
		t.Errorf("speed-up %v (%s), want %v against brute force", *ca.SpeedUp, ca.SpeedUpBasis, want)
	}
	if ca.IS.Rare == nil || ca.IS.Rare.Warning {
		t.Errorf("rare-event diagnostics %+v", ca.IS.Rare)
	}
}

// TestRareBadInput checks that what verify rare cannot honour is bad input
// (exit status 2) with a message naming it, and that a design refused for
// want of windows is exit status 2 after the table.
func TestRareBadInput(t *testing.T) {
	ctx := context.Background()
	other := writeScenario(t, strings.Replace(testdataScenario(t, "rare-quick.toml"), "alpha = 1.5", "alpha = 1.6", 1))
	code, exitJSON, stderr := runCLI(t, ctx, "exit", "-scenario", writeScenario(t,
		strings.Replace(testdataScenario(t, "rare-quick.toml"), "samples = 40000", "samples = 20", 1)), "-json")
	if code != 0 {
		t.Fatal(stderr)
	}
	bf := filepath.Join(t.TempDir(), "bf.json")
	if err := os.WriteFile(bf, []byte(exitJSON), 0o644); err != nil {
		t.Fatal(err)
	}
	for _, c := range []struct {
		args []string
		want string
	}{
		{[]string{"rare", "-scenario", rareQuick, "-brute-exits", "-1"}, "-brute-exits"},
		{[]string{"rare", "-scenario", rareQuick, "-pilot", "1"}, "-pilot"},
		{[]string{"rare", "-scenario", rareQuick, "-brute-exits", "10", "-brute", bf}, "-brute"},
		{[]string{"rare", "-scenario", other, "-brute", bf}, "another setting"},
		{[]string{"rare", "-scenario", rareQuick, "-brute", filepath.Join(t.TempDir(), "none.json")}, "-brute"},
		{[]string{"rare", "-scenario", rareQuick, "-law", "gaussian"}, "heavy-tailed"},
	} {
		code, _, stderr := runCLI(t, ctx, c.args...)
		if code != exitBadInput || !strings.Contains(stderr, c.want) {
			t.Errorf("%v: status %d, stderr %q; want %d and %q", c.args, code, stderr, exitBadInput, c.want)
		}
	}
	few := writeScenario(t, strings.Replace(testdataScenario(t, "rare-quick.toml"), "samples = 40000", "samples = 400", 1))
	code, out, stderr := runCLI(t, ctx, "rare", "-scenario", few)
	if code != exitBadInput || !strings.Contains(stderr, "run.samples") || !strings.Contains(out, "refused") {
		t.Errorf("400 windows: status %d; stdout:\n%s\nstderr:\n%s", code, out, stderr)
	}
	// Without a pilot the same 400 windows give an estimate, whose own
	// diagnostics say it cannot be trusted (too few effective exits).
	code, out, stderr = runCLI(t, ctx, "rare", "-scenario", few, "-pilot", "-1")
	if code != 0 || !strings.Contains(out, "FAIL: ") || !strings.Contains(out, "ess") {
		t.Errorf("400 windows without a pilot: status %d; stdout:\n%s\nstderr:\n%s", code, out, stderr)
	}
}
