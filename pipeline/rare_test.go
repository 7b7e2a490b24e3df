package pipeline

import (
	"context"
	"errors"
	"math"
	"strings"
	"testing"

	"github.com/htsgd/htsgd/rare"
	"github.com/htsgd/htsgd/report"
	"github.com/htsgd/htsgd/theory"
)

// quadraticRare is the 2-D quadratic well of quadraticExit started at its
// minimum, under a noise at which 20000 windows check the design.
var quadraticRare = strings.NewReplacer("start_x = [0.1, -0.2]", "start = 0", "samples = 40", "samples = 20000").Replace(quadraticExit)

// analysed returns the theory's analysis of p.
func analysed(t *testing.T, p interface{ Dim() int }, a *theory.Analysis, err error) *theory.Analysis {
	t.Helper()
	if err != nil || a == nil {
		t.Fatalf("analysis: %v", err)
	}
	return a
}

// TestCheckRare: the rare-event estimator runs plans with heavy-tailed
// scalar or radial noise from minima, on the line and in R^d, and refuses
// the others before running.
func TestCheckRare(t *testing.T) {
	for _, text := range []string{fastExit, quadraticRare} {
		if err := CheckRare(exitPlan(t, text)); err != nil {
			t.Fatal(err)
		}
	}
	line := exitPlan(t, fastExit)
	gauss, err := line.WithGaussian(0)
	if err != nil {
		t.Fatal(err)
	}
	for name, text := range map[string]string{
		"R^d start away from the minimum": quadraticExit,
		"start_x":                         strings.Replace(fastExit, "eta = [0.02, 0.01]", "eta = [0.02]\nstart_x = -0.9", 1),
		"gaussian noise":                  "",
	} {
		p := gauss
		if text != "" {
			p = exitPlan(t, text)
		}
		if err := CheckRare(p); !errors.Is(err, ErrRareNotApplicable) {
			t.Errorf("%s: error %v", name, err)
		}
		if _, err := RareExitReport(context.Background(), p, nil, nil, RareOptions{}); !errors.Is(err, ErrRareNotApplicable) {
			t.Errorf("%s: RareExitReport error %v", name, err)
		}
	}
}

// TestRareExitReportRd: on R^d the rare-event rows carry the start point,
// the prediction's Monte Carlo uncertainty and the diagnostics, J is the
// theory's, and the interval of the ratio combines both errors
// (ratioInterval): it contains the ratio and the mean's interval divided
// by the prediction (equal to it when C* is exact, as for this J = 1 well).
func TestRareExitReportRd(t *testing.T) {
	p := exitPlan(t, quadraticRare)
	a, notes, err := Analyse(context.Background(), p, TheoryOptions(p, 4000))
	a = analysed(t, p, a, err)
	rep, err := RareExitReport(context.Background(), p, a, notes, RareOptions{Workers: 2})
	if err != nil {
		t.Fatal(err)
	}
	if rep.Dimension != 2 || len(rep.Rows) != 1 {
		t.Fatalf("report %+v", rep)
	}
	r := rep.Rows[0]
	if r.Method != "is" || r.Rare == nil || len(r.Start) != 2 || r.PredictionUncertainty == nil || *r.Jump != a.JumpNumber[0] {
		t.Fatalf("row %+v", r)
	}
	if r.Rare.Warning || r.Rare.Design.J != *r.Jump || !r.Rare.Basis.Contracting {
		t.Errorf("diagnostics %+v", r.Rare)
	}
	lo, hi := *r.CILow / *r.PredictedSteps, *r.CIHigh / *r.PredictedSteps
	const eps = 1e-12
	if !(*r.RatioLow <= lo*(1+eps) && *r.RatioHigh >= hi*(1-eps) && *r.RatioLow < *r.Ratio && *r.Ratio < *r.RatioHigh) {
		t.Errorf("ratio %v [%v, %v], mean's interval over the prediction [%v, %v]", *r.Ratio, *r.RatioLow, *r.RatioHigh, lo, hi)
	}
}

// TestRareExitReportRefused: a cell whose design cannot be checked (too
// few windows for 100 effective exits) is a row with state "refused", its
// prediction and the last pilot's checks, and the report comes back with
// the *rare.DesignError; the other cells still run.
func TestRareExitReportRefused(t *testing.T) {
	text := strings.Replace(quadraticRare, "samples = 20000", "samples = 200", 1)
	p := exitPlan(t, text)
	a, notes, err := Analyse(context.Background(), p, TheoryOptions(p, 4000))
	a = analysed(t, p, a, err)
	rep, err := RareExitReport(context.Background(), p, a, notes, RareOptions{Workers: 1})
	var de *rare.DesignError
	if !errors.As(err, &de) || de.Reason != rare.ReasonTooFewExits {
		t.Fatalf("error %v, want a DesignError (%s)", err, rare.ReasonTooFewExits)
	}
	r := rep.Rows[0]
	if r.State != report.RowRefused || r.Rare == nil || r.Rare.Refused != string(rare.ReasonTooFewExits) || r.MeanSteps != nil ||
		r.PredictedSteps == nil || !r.Rare.Warning || r.Samples != 200 {
		t.Errorf("refused row %+v, diagnostics %+v", r, r.Rare)
	}
}

// TestLogZ checks the agreement statistic of RareValidation on
// hand-made rows: two estimates of 1000 with 95% intervals of ±10% on the
// log scale agree (z = 0); the companion, one biased by 20%, is rejected
// at the false-alarm rate RareAgreementAlpha (|z| = ln 1.2 / (0.1/1.96·√2)
// = 2.53 per ±10%: with ±5% intervals, 5.05 > 3.29). A row without an
// interval gives no z.
func TestLogZ(t *testing.T) {
	row := func(mean, half float64) report.ExitRow {
		return report.ExitRow{MeanSteps: report.Num(mean), CILow: report.Num(mean * math.Exp(-half)), CIHigh: report.Num(mean * math.Exp(half))}
	}
	crit := 3.2905
	if z, ok := logZ(row(1000, 0.1), row(1000, 0.1)); !ok || z != 0 {
		t.Errorf("equal estimates: z = %v (%v)", z, ok)
	}
	z, ok := logZ(row(1200, 0.05), row(1000, 0.05))
	if want := math.Log(1.2) / (0.05 / 1.959963984540054 * math.Sqrt2); !ok || math.Abs(z-want) > 1e-9 || math.Abs(z) < crit {
		t.Errorf("biased by 20%%: z = %v, want %v beyond %v", z, want, crit)
	}
	if _, ok := logZ(report.ExitRow{MeanSteps: report.Num(1)}, row(1, 0.1)); ok {
		t.Error("a row without an interval gave a z")
	}
}
