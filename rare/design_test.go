package rare

import (
	"encoding/json"
	"math"
	"strings"
	"testing"
)

// TestResultJSON checks that a result with no exit (NaN relative errors,
// infinite CI ends) encodes, with null for the values that do not exist.
func TestResultJSON(t *testing.T) {
	nan := math.NaN()
	r := Result{MeanSteps: nan, MeanHigh: math.Inf(1), P: Interval{RelErr: nan},
		SpanQ99: nan, WorkNormVar: nan,
		Diagnostics: Diagnostics{MaxShare: Check{Value: nan, Low: nan, High: nan, Limit: 0.1}}}
	b, err := json.Marshal(r)
	if err != nil {
		t.Fatal(err)
	}
	s := string(b)
	for _, key := range []string{`"mean_steps":null`, `"mean_high":null`, `"rel_err":null`, `"work_norm_var":null`,
		`"max_share":{"value":null,"low":null,"high":null,"limit":0.1,"pass":false}`} {
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

// TestSpanQuantile checks the weighted span quantile on a hand-made log:
// spans 0.2 and 0.7 (units of 1/η) with weights 3 and 1: the median is 0.2,
// the 99% quantile 0.7.
func TestSpanQuantile(t *testing.T) {
	const eta = 0.01
	log := []ExitSample{{Span: 70, LR: 1}, {Span: 20, LR: 3}}
	if q := spanQuantile(log, eta, 0.5); math.Abs(q-0.2) > 1e-12 {
		t.Errorf("median = %v, want 0.2", q)
	}
	if q := spanQuantile(log, eta, 0.99); math.Abs(q-0.7) > 1e-12 {
		t.Errorf("99%% quantile = %v, want 0.7", q)
	}
	if q := spanQuantile(nil, eta, 0.99); !math.IsNaN(q) {
		t.Errorf("no exits: %v, want NaN", q)
	}
}
