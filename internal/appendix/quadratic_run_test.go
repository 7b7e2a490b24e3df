package appendix

import (
	"bytes"
	"context"
	"encoding/json"
	"math"
	"os"
	"path/filepath"
	"reflect"
	"slices"
	"strings"
	"testing"

	"github.com/htsgd/htsgd/scenario"
)

// TestRunQuadraticReproducible runs the tiny 2-D quadratic exit experiment
// with 1 and with 2 workers: every file must be byte-identical; and every
// cell's scenario file, run as `verify exit -scenario <file>
// -theory-samples n -json` runs it (verifyExit), must give the cell's row
// and warnings exactly, and must state that command in its head.
func TestRunQuadraticReproducible(t *testing.T) {
	if testing.Short() {
		t.Skip("simulates about 10^5 steps three times")
	}
	s := tinySizes()
	dirs := []string{t.TempDir(), t.TempDir()}
	for i, dir := range dirs {
		if _, err := runQuadratic(context.Background(), s, dir, i+1, newProgress(nil, 1)); err != nil {
			t.Fatal(err)
		}
	}
	files := []string{FileQuadraticExits, FileQuadraticExitsCSV}
	for _, e := range s.Quadratic.Series {
		for _, c := range e.Cells {
			files = append(files, DirScenarios+"/"+quadraticCellName(e, c.Eta)+".toml")
		}
	}
	for _, f := range files {
		a, err1 := os.ReadFile(filepath.Join(dirs[0], f))
		b, err2 := os.ReadFile(filepath.Join(dirs[1], f))
		if err1 != nil || err2 != nil {
			t.Fatalf("%s: %v %v", f, err1, err2)
		}
		if !bytes.Equal(a, b) {
			t.Errorf("%s differs between 1 and 2 workers", f)
		}
	}

	var res QuadraticExitsFile
	if err := readJSONFile(dirs[0], FileQuadraticExits, &res); err != nil {
		t.Fatal(err)
	}
	if len(res.Series) != len(s.Quadratic.Series) {
		t.Fatalf("%d series, want %d", len(res.Series), len(s.Quadratic.Series))
	}
	for _, se := range res.Series {
		for _, c := range se.Cells {
			text, err := os.ReadFile(filepath.Join(dirs[0], c.Scenario))
			if err != nil {
				t.Fatal(err)
			}
			if !strings.Contains(string(text), "#   "+c.Command+"\n") || !strings.HasPrefix(c.Command, "bin/verify exit -scenario results/"+c.Scenario) {
				t.Errorf("%s does not state its command %q:\n%s", c.Scenario, c.Command, text)
			}
			rep := verifyExit(t, filepath.Join(dirs[0], c.Scenario), s.Quadratic.TheorySamples)
			got, _ := json.Marshal(rep.Rows[0])
			want, _ := json.Marshal(c.Row)
			if !bytes.Equal(got, want) {
				t.Errorf("%s: verify-exit row %s, results row %s", c.Scenario, got, want)
			}
			if !slices.Equal(rep.Warnings, c.Warnings) {
				t.Errorf("%s: verify-exit warnings %q, results %q", c.Scenario, rep.Warnings, c.Warnings)
			}
			if c.Row.Jump == nil || *c.Row.Jump != se.J || c.Row.Exits+c.Row.Censored != c.Row.Samples {
				t.Errorf("%s: row %+v inconsistent with J = %d", c.Scenario, c.Row, se.J)
			}
		}
	}
}

// TestQuadraticScenarioIsTestdata checks that the experiment's setting is that of
// scenario/testdata/quadratic2d.toml (landscape and noise tables), so that
// the appendix runs the fixture the scenario package tests.
func TestQuadraticScenarioIsTestdata(t *testing.T) {
	want, err := scenario.Load(filepath.Join("..", "..", "scenario", "testdata", "quadratic2d.toml"))
	if err != nil {
		t.Fatal(err)
	}
	f := fullQuadratic()
	got := quadraticScenario(f.Series[0], f.Series[0].Cells[0])
	if err := got.Validate(); err != nil {
		t.Fatal(err)
	}
	wl, gl := want.Landscape, got.Landscape
	wl.Dimension = nil // implied by the Hessian
	if !reflect.DeepEqual(wl, gl) {
		t.Errorf("landscape %+v, testdata %+v", gl, wl)
	}
	if !reflect.DeepEqual(want.Noise, got.Noise) {
		t.Errorf("noise %+v, testdata %+v", got.Noise, want.Noise)
	}
	if *want.SGD.B != f.Series[0].B {
		t.Errorf("J = 1 series at b = %g, testdata b = %g", f.Series[0].B, *want.SGD.B)
	}
}

// TestQuickQuadraticIsPrefixOfFull checks the claims of fullQuadratic's and
// quickQuadratic's doc comments: the full run has cmd/rd-demo's sizes, every
// quick cell is a full cell (same η, seed and cap) with fewer replicas, so
// its replicas are the full cell's first ones, the quick run adds at most
// 3·10^7 predicted steps (predicted means are upper bounds: it measured
// about 8·10^6, under 2 seconds on 2 cores), and no two cells share a seed.
func TestQuickQuadraticIsPrefixOfFull(t *testing.T) {
	q, f := quickQuadratic(), fullQuadratic()
	for _, d := range []QuadraticSize{q, f} {
		if err := d.validate(); err != nil {
			t.Fatal(err)
		}
	}
	demo := map[string][]ExitCellSize{
		"J=1": cells(2500, quadraticCap, 1e-2, 3e-3, 1e-3, 3e-4, 1e-4),
		"J=2": {{Eta: 1e-2, Samples: 2000, MaxSteps: quadraticCap}, {Eta: 3e-3, Samples: 1500, MaxSteps: quadraticCap},
			{Eta: 1e-3, Samples: 1000, MaxSteps: quadraticCap}, {Eta: 3e-4, Samples: 300, MaxSteps: quadraticCap}},
	}
	seeds := map[int64]bool{}
	for i, fs := range f.Series {
		if !slices.Equal(fs.Cells, demo[fs.Label]) {
			t.Errorf("full %s: cells %v, rd-demo's %v", fs.Label, fs.Cells, demo[fs.Label])
		}
		for _, c := range fs.Cells {
			if seeds[fs.CellSeed(c.Eta)] {
				t.Errorf("%s η=%g: seed %d used twice", fs.Label, c.Eta, fs.CellSeed(c.Eta))
			}
			seeds[fs.CellSeed(c.Eta)] = true
			// The cap exceeds 60 predicted means (docs/theory.md §6.2).
			if float64(c.MaxSteps) < 60*fs.predictedMean(c.Eta) {
				t.Errorf("%s η=%g: cap %d under 60 predicted means %.3g", fs.Label, c.Eta, c.MaxSteps, fs.predictedMean(c.Eta))
			}
		}
		qs := q.Series[i]
		if qs.Label != fs.Label || qs.B != fs.B || qs.Seed != fs.Seed || len(qs.Cells) != 2 {
			t.Fatalf("quick %+v is not full %+v restricted", qs, fs)
		}
		for k, c := range qs.Cells {
			fc := fs.Cells[k]
			if c.Eta != fc.Eta || c.MaxSteps != fc.MaxSteps || c.Samples > fc.Samples || qs.CellSeed(c.Eta) != fs.CellSeed(fc.Eta) {
				t.Errorf("quick %s cell %+v is not a prefix of full cell %+v", qs.Label, c, fc)
			}
		}
	}
	if n := q.expectedSteps(); n > 3e7 {
		t.Errorf("quick 2-D exits expect %.3g steps, more than 3e7", n)
	}
}

// TestRatioTrend checks the trend summary on cells with known ratios: R on
// an exact power law η^{−0.05} below 1 (slope −0.05, every step toward 1,
// the line fits), the same with the last step turning away from 1 within
// the intervals, and with the last step turning away beyond them.
func TestRatioTrend(t *testing.T) {
	etas := []float64{1e-2, 1e-3, 1e-4, 1e-5}
	mk := func(r []float64, halfLog float64) []QuadraticCellResult {
		var out []QuadraticCellResult
		for i, eta := range etas {
			out = append(out, QuadraticCellResult{Row: rowRatio(eta, r[i], r[i]*math.Exp(-halfLog), r[i]*math.Exp(halfLog))})
		}
		return out
	}
	pow := make([]float64, len(etas))
	for i, eta := range etas {
		pow[i] = 0.5 * math.Pow(eta/1e-2, -0.05)
	}
	for _, tc := range []struct {
		name                          string
		r                             []float64
		half                          float64
		toward, disjoint, awayOverlap int
		slopeBelowZero, exactLine     bool
	}{
		// Steps of 0.115 in log R: disjoint intervals when half < 0.058.
		{"power law, narrow intervals", pow, 0.02, 3, 3, 0, true, true},
		// Slope SE 0.5/z/√Sxx = 0.050 with Sxx = 5·(ln 10)² = 26.5.
		{"power law, wide intervals", pow, 0.5, 3, 0, 0, false, true},
		{"last step away, overlapping", []float64{0.7, 0.8, 0.9, 0.88}, 0.05, 2, 2, 1, true, false},
		{"last step away, disjoint", []float64{0.7, 0.8, 0.9, 0.6}, 0.05, 2, 2, 0, false, false},
	} {
		tr := ratioTrend(mk(tc.r, tc.half))
		if tr.Steps != 3 || tr.TowardOne != tc.toward || tr.TowardDisjoint != tc.disjoint || tr.AwayOverlapping != tc.awayOverlap {
			t.Errorf("%s: trend %+v, want 3 steps, %d toward (%d disjoint), %d away overlapping", tc.name, tr, tc.toward, tc.disjoint, tc.awayOverlap)
		}
		l := tr.Slope
		if l == nil || l.N != 4 || l.ResidualLow == nil || l.EtaMin != 1e-5 || l.EtaMax != 1e-2 {
			t.Fatalf("%s: slope %+v", tc.name, l)
		}
		if got := l.High < 0; got != tc.slopeBelowZero {
			t.Errorf("%s: slope %g [%g, %g], want excluding 0 from below: %v", tc.name, l.Slope, l.Low, l.High, tc.slopeBelowZero)
		}
		if tc.exactLine {
			// An exact power law: slope −0.05 to rounding, residual 0.
			if math.Abs(l.Slope+0.05) > 1e-12 || l.GoodnessP == nil || *l.GoodnessP < 0.999 {
				t.Errorf("%s: slope %g, goodness %v; want −0.05 and a perfect fit", tc.name, l.Slope, l.GoodnessP)
			}
			// Var(log R) = (half/z)² for every cell, so with known
			// variances SE = (half/z)/sqrt(Sxx), Sxx = Σ(x − x̄)².
			var sxx, xm float64
			for _, e := range etas {
				xm += math.Log(e) / 4
			}
			for _, e := range etas {
				sxx += (math.Log(e) - xm) * (math.Log(e) - xm)
			}
			se := tc.half / z975 / math.Sqrt(sxx)
			if math.Abs((l.High-l.Low)/2-z975*se) > 1e-9 {
				t.Errorf("%s: half-width %g, want %g", tc.name, (l.High-l.Low)/2, z975*se)
			}
		}
	}
	// One cell: no step, no slope; two cells: the delta interval only.
	if tr := ratioTrend(mk(pow, 0.02)[:1]); tr.Steps != 0 || tr.Slope != nil {
		t.Errorf("one cell: %+v", tr)
	}
	if tr := ratioTrend(mk(pow, 0.02)[:2]); tr.Slope == nil || tr.Slope.GoodnessP != nil || tr.Slope.ResidualLow != nil {
		t.Errorf("two cells: %+v", tr.Slope)
	}
}
