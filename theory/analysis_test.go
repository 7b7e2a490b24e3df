package theory

import (
	"encoding/json"
	"errors"
	"math"
	"reflect"
	"slices"
	"strings"
	"testing"

	"github.com/htsgd/htsgd/landscapes"
)

// decode encodes a and decodes it into a generic map.
func decode(t *testing.T, a *Analysis) map[string]any {
	t.Helper()
	raw, err := json.Marshal(a)
	if err != nil {
		t.Fatal(err)
	}
	var out map[string]any
	if err := json.Unmarshal(raw, &out); err != nil {
		t.Fatal(err)
	}
	return out
}

func keys(m map[string]any) []string {
	var k []string
	for key := range m {
		k = append(k, key)
	}
	slices.Sort(k)
	return k
}

// contractKeys are the keys of the CLI's JSON contract (always present).
var contractKeys = []string{"classes", "exit_rate", "generator", "jump_number", "minima", "radius", "rates", "saddles", "stationary", "warnings", "wide"}

func TestAnalysisJSONContract(t *testing.T) {
	tests := []struct {
		name          string
		model         Model
		wide          []any
		genLen        int
		classKeys     [][]string
		warningPrefix string
	}{
		{"irreducible b=0.5", paperModel(t, 0.5), []any{1.0, 3.0}, 2,
			[][]string{{"absorbing", "generator", "members", "narrow", "start_law", "stationary", "wide"}}, ""},
		{"reducible b=0.28", paperModel(t, 0.28), []any{1.0, 3.0}, 0,
			[][]string{
				{"absorbing", "generator", "members", "narrow", "start_law", "stationary", "wide"},
				{"absorbing", "generator", "members", "narrow", "start_law", "stationary", "wide"},
			}, "graph:"},
		{"untruncated", paperModel(t, inf), []any{0.0, 1.0, 2.0, 3.0}, 4,
			[][]string{{"absorbing", "generator", "members", "narrow", "stationary", "wide"}}, ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			a := mustAnalyse(t, tt.model)
			m := decode(t, a)
			for _, k := range contractKeys {
				if _, ok := m[k]; !ok {
					t.Errorf("key %q missing", k)
				}
			}
			for _, k := range keys(m) {
				if !slices.Contains(contractKeys, k) {
					t.Errorf("unexpected key %q", k)
				}
			}
			if !reflect.DeepEqual(m["wide"], tt.wide) {
				t.Errorf("wide = %v, want %v", m["wide"], tt.wide)
			}
			gen, ok := m["generator"].([]any)
			if !ok || len(gen) != tt.genLen {
				t.Errorf("generator = %v (must be a list of length %d, never null)", m["generator"], tt.genLen)
			}
			if st, ok := m["stationary"].([]any); !ok || len(st) != tt.genLen {
				t.Errorf("stationary = %v", m["stationary"])
			}
			classes := m["classes"].([]any)
			if len(classes) != len(tt.classKeys) {
				t.Fatalf("classes = %v", classes)
			}
			for c, want := range tt.classKeys {
				if got := keys(classes[c].(map[string]any)); !slices.Equal(got, want) {
					t.Errorf("class %d keys %v, want %v", c, got, want)
				}
			}
			rates := m["rates"].([]any)
			for i := range rates {
				if rates[i].([]any)[i].(float64) != 0 {
					t.Errorf("rates[%d][%d] ≠ 0", i, i)
				}
			}
			if w := m["warnings"].([]any); (tt.warningPrefix == "") != (len(w) == 0) ||
				len(w) > 0 && !strings.HasPrefix(w[0].(string), tt.warningPrefix) {
				t.Errorf("warnings %v, want prefix %q", w, tt.warningPrefix)
			}
		})
	}
}

// TestAnalysisSingleMinimum: one minimum is a clear statement, not an
// error or a panic.
func TestAnalysisSingleMinimum(t *testing.T) {
	// The fixture of docs/theory.md §10.2: exits through the open right end only.
	a := mustAnalyse(t, quadraticModel(t, -2.1, 1.5, 1))
	m := decode(t, a)
	if !agrees(a.ExitRate[0], "0.436486") || !agrees(a.ExitAbove[0], "0.436486") || a.ExitBelow[0] != 0 {
		t.Errorf("exit rate %v above %v below %v", a.ExitRate, a.ExitAbove, a.ExitBelow)
	}
	if len(a.Warnings) != 1 || !strings.HasPrefix(a.Warnings[0], "landscape: one minimum only") {
		t.Errorf("warnings %q", a.Warnings)
	}
	c := m["classes"].([]any)[0].(map[string]any)
	if c["absorbing"] != false || !reflect.DeepEqual(c["members"], []any{0.0}) {
		t.Errorf("class %v", c)
	}
	if k := c["kill_rate"].([]any); len(k) != 1 || !agrees(k[0].(float64), "0.436486") {
		t.Errorf("kill rate %v", k)
	}
	if len(a.Wide) != 0 || len(a.Generator) != 0 {
		t.Errorf("a leaking single well has no limit chain: wide %v generator %v", a.Wide, a.Generator)
	}
	for _, k := range []string{"exit_above", "exit_below"} {
		if _, ok := m[k]; !ok {
			t.Errorf("open ends: key %q missing", k)
		}
	}

	// A single well on a closed domain: never left; radius null in JSON.
	closed := structureModel(t, landscapes.Structure{Minima: []float64{0}, Lo: -1, Hi: 1},
		func(x float64) float64 { return x }, 1.5, 0.5, 0.3)
	a = mustAnalyse(t, closed)
	m = decode(t, a)
	if r := m["radius"].([]any); r[0] != nil {
		t.Errorf("radius %v, want [null]", r)
	}
	if a.JumpNumber[0] != 0 || a.ExitRate[0] != 0 || !reflect.DeepEqual(a.Stationary, []float64{1}) ||
		!reflect.DeepEqual(a.Generator, [][]float64{{0}}) || !reflect.DeepEqual(a.Wide, []int{0}) {
		t.Errorf("closed single well: J %v q %v π %v Q %v wide %v", a.JumpNumber, a.ExitRate, a.Stationary, a.Generator, a.Wide)
	}
	if raw, _ := json.Marshal(a); strings.Contains(string(raw), "-0") {
		t.Errorf("negative zero in %s", raw)
	}
	if len(a.Warnings) != 1 || !strings.Contains(a.Warnings[0], "never leaves") {
		t.Errorf("warnings %q", a.Warnings)
	}
	if s, ok := m["saddles"].([]any); !ok || len(s) != 0 {
		t.Errorf("saddles = %v, want []", m["saddles"])
	}
	steps, err := a.MeanExitSteps(0, 1e-3)
	if err != nil || !math.IsInf(steps, 1) {
		t.Errorf("mean exit steps %v, %v; want +Inf", steps, err)
	}
	if p, err := a.PredictExit(0, 1e-3); err != nil || !math.IsInf(p.MeanSteps, 1) || !math.IsNaN(p.MeanLow) || len(p.Landing) != 0 {
		t.Errorf("prediction %+v, %v", p, err)
	}
}

// TestAnalysisTransientClass: critical points (0, 0.5, 1, 2, 3) on
// [−1, 4] with b = 0.6. Minima 0, 1, 3; saddles 0.5, 2. J = (1, 1, 2):
// 0 ⇄ 1 (distance 0.5 each way), 3 → 1 (distance 1, two jumps) but 1 → 2
// needs ⌈1/0.6⌉ = 2 > J_1 = 1. So {0, 1} is absorbing with both wide and
// {2} is transient, killed at κ = q_{2,1} = q_2.
func TestAnalysisTransientClass(t *testing.T) {
	l, err := landscapes.NewCriticalPoints(1, []float64{0, 0.5, 1, 2, 3}, -1, 4)
	if err != nil {
		t.Fatal(err)
	}
	a := mustAnalyse(t, Model{Landscape: l, Basins: l.Structure(), Noise: pareto(t, 1.4, 0.1, 0.4), B: 0.6, Domain: landscapes.IntervalOf(l)})
	if !slices.Equal(a.JumpNumber, []int{1, 1, 2}) || len(a.Classes) != 2 {
		t.Fatalf("J %v classes %+v", a.JumpNumber, a.Classes)
	}
	abs, tr := a.Classes[0], a.Classes[1]
	if !abs.Absorbing || !slices.Equal(abs.Members, []int{0, 1}) || !slices.Equal(abs.Wide, []int{0, 1}) {
		t.Errorf("absorbing class %+v", abs)
	}
	if tr.Absorbing || !slices.Equal(tr.Members, []int{2}) || tr.Stationary != nil ||
		math.Abs(tr.KillRate[0]-a.ExitRate[2]) > 1e-15 || math.Abs(tr.KillRate[0]-a.Rates[2][1]) > 1e-15 {
		t.Errorf("transient class %+v, q_2 = %v", tr, a.ExitRate[2])
	}
	if !slices.Equal(a.Wide, []int{0, 1}) || a.Generator == nil || len(a.Generator) != 0 || len(a.Stationary) != 0 {
		t.Errorf("top level: wide %v generator %v stationary %v", a.Wide, a.Generator, a.Stationary)
	}
	if _, err := a.Transition(1); !errors.Is(err, ErrNoLimitChain) {
		t.Errorf("Transition on a reducible graph: %v", err)
	}
	// The transient class as JSON: kill_rate instead of stationary.
	c := decode(t, a)["classes"].([]any)[1].(map[string]any)
	if _, ok := c["kill_rate"]; !ok {
		t.Errorf("transient class JSON %v", c)
	}
	if _, ok := c["stationary"]; ok {
		t.Errorf("transient class JSON %v", c)
	}
	// Its killed chain decays at rate κ: exp(tQ) = e^{−κt}.
	P, err := tr.Transition(0.5)
	if err != nil || math.Abs(P[0][0]-math.Exp(-0.5*tr.KillRate[0])) > 1e-14 {
		t.Errorf("killed transition %v, %v", P, err)
	}
}

// TestExactIntervals: the rates of an exact analysis have no error, so its
// standard errors are 0 and every interval is the point value at both ends.
func TestExactIntervals(t *testing.T) {
	a := mustAnalyse(t, paperModel(t, 0.5))
	const lambda = 0.02
	for i := range a.JumpNumber {
		if a.ExitRateErr[i] != 0 || slices.ContainsFunc(a.RatesErr[i], func(v float64) bool { return v != 0 }) {
			t.Errorf("standard errors of row %d: %v, %v", i, a.ExitRateErr[i], a.RatesErr[i])
		}
		lo, hi, err := a.ExitRateCI(i, 0.95)
		if err != nil || lo != a.ExitRate[i] || hi != a.ExitRate[i] {
			t.Errorf("q_%d interval [%v, %v] (%v), q = %v", i, lo, hi, err, a.ExitRate[i])
		}
		p, err := a.PredictExit(i, 1e-3)
		if err != nil || p.MeanLow != p.MeanSteps || p.MeanHigh != p.MeanSteps || p.RateErr != 0 {
			t.Errorf("prediction %d: %+v, %v", i, p, err)
		}
	}
	lo, hi, err := a.StationaryCI(0.95)
	if err != nil || !slices.Equal(lo, a.Stationary) || !slices.Equal(hi, a.Stationary) {
		t.Errorf("π interval %v, %v (%v), π = %v", lo, hi, err, a.Stationary)
	}
	fr, _ := a.TimeFractions(lambda)
	lo, hi, err = a.TimeFractionsCI(lambda, 0.95)
	if err != nil || !slices.Equal(lo, fr) || !slices.Equal(hi, fr) {
		t.Errorf("time-fraction interval %v, %v (%v), fractions %v", lo, hi, err, fr)
	}
	nf, _ := a.NarrowFractions(lambda)
	lo, hi, err = a.NarrowFractionsCI(lambda, 0.95)
	if err != nil || !slices.Equal(lo, nf) || !slices.Equal(hi, nf) {
		t.Errorf("narrow-fraction interval %v, %v (%v), fractions %v", lo, hi, err, nf)
	}
	if _, _, err := a.StationaryCI(1.5); err == nil {
		t.Error("level 1.5 accepted")
	}
	// The landing law of the open-ended fixture: all exits above.
	q := mustAnalyse(t, quadraticModel(t, -2.1, 1.5, 1))
	p, err := q.PredictExit(0, 0.01)
	if err != nil || len(p.Landing) != 1 || p.Landing[1] != 1 {
		t.Errorf("quadratic landing %v (%v), want {1 (above): 1}", p.Landing, err)
	}
}
