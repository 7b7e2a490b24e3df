package pipeline

import (
	"math"
	"testing"

	"github.com/htsgd/htsgd/mc"
	"github.com/htsgd/htsgd/report"
	"github.com/htsgd/htsgd/theory"
)

// landingCell is a cell of 100 exits from basin 0 with the given number
// of landings in basin 2 (the rest in basin 1), each after 1000 steps.
func landingCell(forbidden int) ExitCell {
	c := ExitCell{Basin: 0, Experiment: mc.FirstExit{System: mc.System{Eta: 0.01}}, Requested: 100}
	for k := range 100 {
		land := 1
		if k < forbidden {
			land = 2
		}
		c.Records = append(c.Records, mc.ExitRecord{Replica: k, Steps: 1000 + int64(k), Landing: land})
	}
	c.Summary = summarise(c.Records, 0)
	return c
}

// TestExitRowForbiddenLandings: exits into a basin the limit forbids
// (q_0,2 = 0) are counted with the Clopper–Pearson interval of their
// fraction and make the landing check reject, although the G-test of the
// allowed basins alone sees nothing (one allowed basin: p = 1). This is
// the finding of issue 15 (G p = 1.0 beside forbidden landings); the
// companion without forbidden landings passes.
func TestExitRowForbiddenLandings(t *testing.T) {
	pred := &theory.ExitPrediction{Basin: 0, Eta: 0.01, JumpNumber: 1, Rate: 1, MeanSteps: 1050,
		Landing: map[int]float64{1: 1, 2: 0}}
	for _, tt := range []struct {
		forbidden int
		verdict   string
	}{{3, report.CheckRejected}, {0, report.CheckConsistent}} {
		row, err := exitRow(landingCell(tt.forbidden), pred, 0.02, 1)
		if err != nil {
			t.Fatal(err)
		}
		if row.ForbiddenExits == nil || *row.ForbiddenExits != tt.forbidden {
			t.Fatalf("forbidden %d: counted %v", tt.forbidden, row.ForbiddenExits)
		}
		if p := report.Value(row.LandingTestP); p != 1 {
			t.Errorf("forbidden %d: G p = %v, want 1 (one allowed basin)", tt.forbidden, p)
		}
		if row.Verdict == nil || row.Verdict.Landing != tt.verdict {
			t.Errorf("forbidden %d: landing verdict %+v, want %s", tt.forbidden, row.Verdict, tt.verdict)
		}
		// Clopper–Pearson at 95%: for 3 of 100 the interval is
		// [0.00619, 0.0852] (exact binomial tails of 2.5% each); for 0 of
		// 100 it is [0, 1 − 0.025^{1/100}] = [0, 0.0362].
		lo, hi := report.Value(row.ForbiddenLow), report.Value(row.ForbiddenHigh)
		wantLo, wantHi := 0.0, 1-math.Pow(0.025, 0.01)
		if tt.forbidden == 3 {
			wantLo, wantHi = 0.00619, 0.0852
		}
		if math.Abs(lo-wantLo) > 5e-5 || math.Abs(hi-wantHi) > 5e-5 || report.Value(row.ForbiddenFraction) != float64(tt.forbidden)/100 {
			t.Errorf("forbidden %d: fraction %v [%v, %v], want [%v, %v]", tt.forbidden, report.Value(row.ForbiddenFraction), lo, hi, wantLo, wantHi)
		}
	}
}

// TestExitVerdict: the ratio's check follows its interval's position
// against 1, the shape test its p-value at 5%, and checks without data
// are untested.
func TestExitVerdict(t *testing.T) {
	zero := 0
	for _, tt := range []struct {
		name     string
		row      report.ExitRow
		rejected bool
		want     report.ExitVerdict
	}{
		{"consistent", report.ExitRow{Ratio: report.Num(0.95), RatioLow: report.Num(0.9), RatioHigh: report.Num(1.01), ExpTestP: report.Num(0.3), ForbiddenExits: &zero},
			false, report.ExitVerdict{Ratio: report.CheckConsistent, Shape: report.CheckConsistent, Landing: report.CheckConsistent}},
		{"below", report.ExitRow{Ratio: report.Num(0.8), RatioLow: report.Num(0.7), RatioHigh: report.Num(0.99), ExpTestP: report.Num(0.049), ForbiddenExits: &zero},
			true, report.ExitVerdict{Ratio: report.CheckBelow, Shape: report.CheckRejected, Landing: report.CheckRejected}},
		{"above", report.ExitRow{Ratio: report.Num(1.3), RatioLow: report.Num(1.01), RatioHigh: report.Num(1.6)},
			false, report.ExitVerdict{Ratio: report.CheckAbove, Shape: report.CheckUntested, Landing: report.CheckUntested}},
		{"no exits", report.ExitRow{CILow: report.Num(1e6)},
			false, report.ExitVerdict{Ratio: report.CheckUntested, Shape: report.CheckUntested, Landing: report.CheckUntested}},
	} {
		if got := *exitVerdict(tt.row, tt.rejected); got != tt.want {
			t.Errorf("%s: %+v, want %+v", tt.name, got, tt.want)
		}
	}
}

// TestExitRowRatioIntervalOnTheLine: with an exact prediction the ratio's
// interval is the mean's interval divided by the prediction.
func TestExitRowRatioIntervalOnTheLine(t *testing.T) {
	pred := &theory.ExitPrediction{Basin: 0, Eta: 0.01, JumpNumber: 1, Rate: 1, MeanSteps: 1000, Landing: map[int]float64{1: 1}}
	row, err := exitRow(landingCell(0), pred, 0.02, 1)
	if err != nil {
		t.Fatal(err)
	}
	for _, c := range []struct{ got, want float64 }{
		{report.Value(row.RatioLow), report.Value(row.CILow) / 1000},
		{report.Value(row.RatioHigh), report.Value(row.CIHigh) / 1000},
	} {
		if math.Abs(c.got-c.want) > 1e-12*c.want {
			t.Errorf("ratio interval end %v, want %v", c.got, c.want)
		}
	}
}
