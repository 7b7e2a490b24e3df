package main

import (
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/htsgd/htsgd/report"
)

// convergeExact is the quadratic well of pipeline's closed-form converge
// test (f = x²/2 on (−1, 1), Pareto α = 1.5, c = 0.02, untruncated):
// around ηk = 1 the exit is geometric with the predicted rate, R ∈
// [0.9953, 1] at η = 1.05 and 0.95 and R = 1 at η = 1 (the derivation is
// in pipeline/converge_test.go). E τ ≈ 354 steps.
const convergeExact = `
name = "quadratic-exact"
[landscape]
kind = "quadratic"
scale = 1.0
basin = [-1.0, 1.0]
[noise]
law = "pareto"
alpha = 1.5
scale = 0.02
[sgd]
eta = [1.05, 1.0, 0.95]
[run]
samples = 2000
max_steps = 100000000
seed = 3
`

// TestConvergeCommand: converge on the closed-form case prints the ladder
// and ends with the verdict lines; -out writes the report, which -show
// renders again (text, CSV) and -resume accepts (the walk is over: nothing
// runs); -from judges a fixed ladder from exit records.
func TestConvergeCommand(t *testing.T) {
	dir := t.TempDir()
	sc := writeScenario(t, convergeExact)
	out := filepath.Join(dir, "c.json")
	code, stdout, stderr := runCLI(t, context.Background(), "converge", "-scenario", sc, "-etas", "1.05,1,0.95", "-exits", "30000", "-out", out)
	if code != 0 {
		t.Fatalf("exit status %d\n%s\n%s", code, stdout, stderr)
	}
	want := "verdicts:\n  start 0 (basin 0, J = 1): converges ("
	if !strings.Contains(stdout, want) || !strings.HasSuffix(stdout, "stopped: converges)\n") {
		t.Errorf("stdout does not end with the verdict line %q:\n%s", want, stdout)
	}
	if !strings.Contains(stderr, "rung 1 done") {
		t.Errorf("stderr has no progress line:\n%s", stderr)
	}
	rep, err := report.ReadConvergeFile(out)
	if err != nil {
		t.Fatal(err)
	}
	if n := len(rep.Basins[0].Rungs); n != 2 {
		t.Errorf("-out holds %d rungs, want 2", n)
	}
	code, shown, _ := runCLI(t, context.Background(), "converge", "-show", out)
	if code != 0 || shown != stdout {
		t.Errorf("-show: status %d, text differs from the run's:\n%s\n---\n%s", code, shown, stdout)
	}
	code, csv, _ := runCLI(t, context.Background(), "converge", "-show", out+","+out, "-csv")
	if rows, err := report.ReadConvergeCSV(strings.NewReader(csv)); code != 0 || err != nil || len(rows) != 4 {
		t.Errorf("-show -csv of two reports: status %d, %d rows, %v", code, len(rows), err)
	}
	code, again, _ := runCLI(t, context.Background(), "converge", "-scenario", sc, "-etas", "1.05,1,0.95", "-exits", "30000", "-resume", out)
	if code != 0 || again != stdout {
		t.Errorf("-resume of a finished walk: status %d, output differs:\n%s", code, again)
	}

	// -from: records of verify exit at the scenario's three step sizes.
	rec := filepath.Join(dir, "rec.json")
	if code, o, e := runCLI(t, context.Background(), "exit", "-scenario", sc, "-out", rec); code != 0 {
		t.Fatalf("exit: status %d\n%s\n%s", code, o, e)
	}
	code, stdout, stderr = runCLI(t, context.Background(), "converge", "-from", rec)
	if code != 0 || !strings.Contains(stdout, "a fixed ladder judged once from exit records, at level 0.95") ||
		!strings.Contains(stdout, "stopped: ladder-end)") {
		t.Errorf("-from: status %d\n%s\n%s", code, stdout, stderr)
	}
}

// TestConvergeBadInput: bad flags, scenarios the theory does not apply to
// and files of another run exit with status 2 and a message naming the
// cause, before anything is simulated.
func TestConvergeBadInput(t *testing.T) {
	dir := t.TempDir()
	sc := writeScenario(t, convergeExact)
	other := writeScenario(t, strings.Replace(convergeExact, "seed = 3", "seed = 4", 1))
	report0 := filepath.Join(dir, "r.json")
	if code, o, e := runCLI(t, context.Background(), "converge", "-scenario", sc, "-etas", "1,0.95", "-exits", "200", "-out", report0); code != 0 {
		t.Fatalf("status %d\n%s\n%s", code, o, e)
	}
	junk := filepath.Join(dir, "junk.json")
	if err := os.WriteFile(junk, []byte(`{"format": "htsgd-converge/1", "what": 1}`), 0o644); err != nil {
		t.Fatal(err)
	}
	for _, c := range []struct {
		name string
		args []string
		want string
	}{
		{"etas not decreasing", []string{"-scenario", sc, "-etas", "0.1,0.2"}, "-etas"},
		{"etas not numbers", []string{"-scenario", sc, "-etas", "0.1,x"}, "-etas"},
		{"method", []string{"-scenario", sc, "-method", "mcmc"}, "-method"},
		{"level", []string{"-scenario", sc, "-level", "1.5"}, "-level"},
		{"tol", []string{"-scenario", sc, "-tol", "-0.1"}, "-tol"},
		{"lambda factor", []string{"-scenario", sc, "-lambda-factor", "2"}, "-lambda-factor"},
		{"budget steps", []string{"-scenario", sc, "-budget-steps", "-5"}, "-budget-steps"},
		{"json and csv", []string{"-scenario", sc, "-json", "-csv"}, "exclusive"},
		{"gaussian noise", []string{"-scenario", sc, "-law", "gaussian"}, "does not apply"},
		{"J beyond the cap", []string{"-scenario", sc, "-b", "0.1"}, "sgd.b"},
		{"resume of another run", []string{"-scenario", other, "-etas", "1,0.95", "-exits", "200", "-resume", report0}, "-resume"},
		{"resume of other settings", []string{"-scenario", sc, "-etas", "1,0.95", "-exits", "300", "-resume", report0}, "-resume"},
		{"resume missing", []string{"-scenario", sc, "-resume", filepath.Join(dir, "none.json")}, "-resume"},
		{"show junk", []string{"-show", junk}, "-show"},
		{"from with a scenario", []string{"-scenario", sc, "-from", report0}, "-from"},
		{"from a converge report", []string{"-from", report0}, "-from"},
		{"out in a missing folder", []string{"-scenario", sc, "-out", filepath.Join(dir, "no", "c.json")}, "-out"},
		{"is on R^d-free but off-minimum start", []string{"-scenario", writeScenario(t, strings.Replace(convergeExact, "[run]", "start_x = 0.3\n[run]", 1)), "-method", "is"}, "-method"},
	} {
		code, stdout, stderr := runCLI(t, context.Background(), append([]string{"converge"}, c.args...)...)
		if code != exitBadInput || !strings.Contains(stderr, c.want) {
			t.Errorf("%s: status %d, stderr %q (want 2 and %q)\n%s", c.name, code, stderr, c.want, stdout)
		}
	}
}

// TestConvergeInterrupted: a walk cancelled before it starts prints the
// report so far, marked interrupted, and exits with status 130.
func TestConvergeInterrupted(t *testing.T) {
	sc := writeScenario(t, convergeExact)
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	out := filepath.Join(t.TempDir(), "c.json")
	code, stdout, stderr := runCLI(t, ctx, "converge", "-scenario", sc, "-out", out)
	if code != exitInterrupted || !strings.Contains(stdout, "interrupted") {
		t.Fatalf("status %d\n%s\n%s", code, stdout, stderr)
	}
	rep, err := report.ReadConvergeFile(out)
	if err != nil || !rep.Interrupted {
		t.Errorf("-out after an interruption: %v, interrupted %v", err, rep != nil && rep.Interrupted)
	}
}
