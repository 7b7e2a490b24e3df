package rare

import (
	"encoding/json"
	"math"
	"strings"
	"testing"
)

// TestDefaultDesign checks the default design at the point P: J = 3, slack
// 0.1007, f″(m_2) = 2.18 (THEORY.md section 2), so γ = 0.9·0.1007,
// T_0 = 1/2.18 = 0.4587 and T = (4/3)·T_0 = 0.6116.
func TestDefaultDesign(t *testing.T) {
	d := DefaultDesign(3, 0.1007, 2.18)
	want := Design{J: 3, Gamma: 0.9 * 0.1007, Window: 4.0 / 3 / 2.18, Burn: 1 / 2.18, Weight: 0.05}
	if math.Abs(d.Gamma-want.Gamma) > 1e-15 || math.Abs(d.Window-want.Window) > 1e-15 ||
		math.Abs(d.Burn-want.Burn) > 1e-15 || d.J != want.J || d.Weight != want.Weight {
		t.Errorf("DefaultDesign = %+v, want %+v", d, want)
	}
	if err := d.Validate(); err != nil {
		t.Error(err)
	}
}

// TestResultJSON checks that a result with no exit (NaN relative errors,
// infinite CI ends) encodes, with null for the values that do not exist.
func TestResultJSON(t *testing.T) {
	r := Result{MeanSteps: math.NaN(), MeanHigh: math.Inf(1), P: Interval{RelErr: math.NaN()},
		SpanQ99: math.NaN(), TransientBias: math.NaN(), WorkNormVar: math.NaN(), MaxShare: math.NaN()}
	b, err := json.Marshal(r)
	if err != nil {
		t.Fatal(err)
	}
	s := string(b)
	for _, key := range []string{`"mean_steps":null`, `"mean_high":null`, `"rel_err":null`, `"work_norm_var":null`} {
		if !strings.Contains(s, key) {
			t.Errorf("JSON lacks %s: %s", key, s)
		}
	}
	if strings.Count(s, `"mean_steps"`) != 1 {
		t.Errorf("mean_steps encoded twice: %s", s)
	}
	if strings.Contains(s, "ExitLog") || strings.Contains(s, "exit_log") {
		t.Errorf("the exit log is encoded: %s", s)
	}
}

// TestSpanDiagnostics checks the transient-bias formula on a hand-made log:
// spans 0.2 and 0.7 (units of 1/η) with weights 3 and 1, T_0 = 0.5, T = 1:
// bias = −(3·0 + 1·min(0.2, 0.5))/4/0.5 = −0.1, and the 99% quantile is the
// larger span.
func TestSpanDiagnostics(t *testing.T) {
	const eta = 0.01
	log := []ExitSample{{Span: 20, LR: 3}, {Span: 70, LR: 1}}
	q, b := spanDiagnostics(log, eta, 1, 0.5)
	if math.Abs(q-0.7) > 1e-12 || math.Abs(b+0.1) > 1e-12 {
		t.Errorf("spanDiagnostics = (%v, %v), want (0.7, −0.1)", q, b)
	}
	if q, b := spanDiagnostics(nil, eta, 1, 0.5); !math.IsNaN(q) || !math.IsNaN(b) {
		t.Errorf("no exits: (%v, %v), want NaN", q, b)
	}
}
