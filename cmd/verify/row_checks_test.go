package main

import (
	"context"
	"encoding/json"
	"math"
	"path/filepath"
	"testing"

	"gonum.org/v1/gonum/stat/distuv"

	"github.com/htsgd/htsgd/estimators"
	"github.com/htsgd/htsgd/pipeline"
)

// These tests check numbers through the rows the command prints (its
// JSON), not by recomputing them from raw records: a bug between the
// records and the row (the total time on test, the level of an interval)
// shows here.

// exitRowJSON is the part of an exit row these tests read.
type exitRowJSON struct {
	Basin          int      `json:"basin"`
	Samples        int      `json:"samples"`
	Exits          int      `json:"exits"`
	Censored       int      `json:"censored"`
	MeanSteps      *float64 `json:"mean_steps"`
	CILow          *float64 `json:"ci_low"`
	CIHigh         *float64 `json:"ci_high"`
	PredictedSteps *float64 `json:"predicted_steps"`
	CStar          *float64 `json:"exit_rate"`
	CStarErr       *float64 `json:"exit_rate_stderr"`
	PredictedLow   *float64 `json:"predicted_ci_low"`
	PredictedHigh  *float64 `json:"predicted_ci_high"`
}

// exitRows runs the command line and returns the rows of its JSON.
func exitRows(t *testing.T, args ...string) []exitRowJSON {
	t.Helper()
	code, out, stderr := runCLI(t, context.Background(), args...)
	if code != 0 {
		t.Fatalf("%v: status %d\n%s", args, code, stderr)
	}
	var rep struct {
		Rows []exitRowJSON `json:"rows"`
	}
	if err := json.Unmarshal([]byte(out), &rep); err != nil {
		t.Fatal(err)
	}
	return rep.Rows
}

// censoredFixture is the first-exit fixture of pipeline's theorem checks
// (f = 50x²/2 on the basin (−2.1, 1.5), untruncated Pareto noise α = 1.5,
// c = 1, η = 0.01: J = 1, predicted mean exit time 1/(q η λ(η)) = 2291.2
// steps, measured R = 1.000 [0.994, 1.006] from 10^5 exits, bias under 1%)
// with the cap at 2291 steps, about the mean: some 37% of the replicas
// (e^{−1}) are censored, so a mean that left their time out of the total
// time on test would be the mean of an exponential truncated at its mean,
// (1 − 2/e)/(1 − 1/e) θ = 0.42 θ.
const censoredFixture = `
name = "censored-check"
[landscape]
kind = "quadratic"
scale = 50.0
basin = [-2.1, 1.5]
[noise]
law = "pareto"
alpha = 1.5
scale = 1.0
[sgd]
eta = [0.01]
[run]
samples = 4000
max_steps = 2291
seed = 3
`

// TestCensoredMeanThroughTheRow checks the censored-exponential mean of the
// exit row, with a third of the replicas censored, against the prediction:
// the 99.9% chi-square interval of R = τ̄/predicted, made from the row's
// own numbers (its exits, censored and mean: the total time on test is
// mean × exits), must meet the allowance band [0.97, 1.03] of the fixture
// (false-alarm rate 0.001; the band is three times the fixture's derived
// bias, see pipeline's exitFixture). A row whose total left out the
// censored replicas' time to the cap would give R ≈ 0.42.
func TestCensoredMeanThroughTheRow(t *testing.T) {
	rows := exitRows(t, "exit", "-scenario", writeScenario(t, censoredFixture), "-json", "-workers", "2")
	r := rows[0]
	if r.Censored < r.Samples/4 || r.Exits+r.Censored != r.Samples || r.MeanSteps == nil || r.PredictedSteps == nil {
		t.Fatalf("row %+v: want about 37%% censored of %d", r, r.Samples)
	}
	if math.Abs(*r.PredictedSteps-2291.2) > 0.5 {
		t.Fatalf("predicted %v, want 2291.2 (see censoredFixture)", *r.PredictedSteps)
	}
	total := *r.MeanSteps * float64(r.Exits)
	m, err := estimators.ExpMeanFromTotals(total, r.Exits, r.Censored, 0.999)
	if err != nil {
		t.Fatal(err)
	}
	lo, hi := m.Low / *r.PredictedSteps, m.High / *r.PredictedSteps
	if hi < 0.97 || lo > 1.03 {
		t.Errorf("R = %.3f [%.3f, %.3f] (99.9%%) with %d of %d censored: outside the allowance [0.97, 1.03]",
			m.Mean / *r.PredictedSteps, lo, hi, r.Censored, r.Samples)
	}
	// The total of the row is the total time on test of the records:
	// every replica's steps, a censored one's to the cap.
	path := filepath.Join(t.TempDir(), "records.json")
	exitRows(t, "exit", "-scenario", writeScenario(t, censoredFixture), "-json", "-workers", "1", "-out", path)
	f, err := pipeline.ReadRecordFile(path)
	if err != nil {
		t.Fatal(err)
	}
	var steps int64
	for _, rec := range f.Cells[0].Records {
		steps += rec.Steps
	}
	if math.Abs(total-float64(steps)) > 1e-6*float64(steps) {
		t.Errorf("the row's total time on test %v differs from the records' %d", total, steps)
	}
	t.Logf("R = %.4f [%.4f, %.4f] (99.9%%), %d exits, %d censored at the cap", m.Mean / *r.PredictedSteps, lo, hi, r.Exits, r.Censored)
}

// TestCStarIntervalLevel checks that the interval of C* the command prints
// on R^d is the 95% one it is labelled: in `verify theory -json` every
// exit_rate_ci is C* ± z·SE with z = 1.959964 (the two-sided 95% normal
// quantile), and in `verify exit -json` every row's interval of the
// predicted mean is the unit 1/(η λ(η)^J) over the ends of that interval.
// An interval at ±1 SE (z = 1) fails both by a factor of 1.96 in its
// half-width.
func TestCStarIntervalLevel(t *testing.T) {
	z := distuv.UnitNormal.Quantile(0.975)
	scen := filepath.Join("testdata", "rd_wells.toml")
	code, out, stderr := runCLI(t, context.Background(), "theory", "-scenario", scen, "-theory-samples", "2000", "-json")
	if code != 0 {
		t.Fatal(stderr)
	}
	var th struct {
		ExitRate    []float64    `json:"exit_rate"`
		ExitRateErr []float64    `json:"exit_rate_stderr"`
		ExitRateCI  [][2]float64 `json:"exit_rate_ci"`
	}
	if err := json.Unmarshal([]byte(out), &th); err != nil {
		t.Fatal(err)
	}
	if len(th.ExitRate) == 0 || len(th.ExitRateCI) != len(th.ExitRate) {
		t.Fatalf("theory JSON without C* intervals:\n%.500s", out)
	}
	for i, c := range th.ExitRate {
		se := th.ExitRateErr[i]
		if se <= 0 {
			t.Fatalf("C*_%d has no standard error", i)
		}
		lo, hi := th.ExitRateCI[i][0], th.ExitRateCI[i][1]
		if got := (hi - lo) / (2 * se); math.Abs(got-z) > 1e-9*z {
			t.Errorf("C*_%d = %g ± %g: the 95%% interval [%g, %g] is ±%.4f SE, want ±%.6f", i, c, se, lo, hi, got, z)
		}
	}
	for _, r := range exitRows(t, "exit", "-scenario", scen, "-theory-samples", "2000", "-json", "-workers", "2") {
		if r.CStar == nil || r.CStarErr == nil || r.PredictedLow == nil || r.PredictedHigh == nil || r.PredictedSteps == nil {
			t.Fatalf("row of basin %d without the prediction's interval", r.Basin)
		}
		unit := *r.PredictedSteps * *r.CStar // 1/(η λ(η)^J)
		wantLow, wantHigh := unit/(*r.CStar+z**r.CStarErr), unit/(*r.CStar-z**r.CStarErr)
		if math.Abs(*r.PredictedLow-wantLow) > 1e-9*wantLow || math.Abs(*r.PredictedHigh-wantHigh) > 1e-9*wantHigh {
			t.Errorf("basin %d: predicted mean's interval [%g, %g], want [%g, %g] from C* ± %.4f SE", r.Basin,
				*r.PredictedLow, *r.PredictedHigh, wantLow, wantHigh, z)
		}
	}
}
