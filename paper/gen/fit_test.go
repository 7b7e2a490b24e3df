package gen

import (
	"math"
	"os"
	"path/filepath"
	"testing"
)

// TestFitRare checks that rare-event estimates under rare/ enter the fits
// of their series, in the three accepted shapes, with R = mean/predicted, and
// that files of other settings are skipped and listed.
func TestFitRare(t *testing.T) {
	dir := t.TempDir()
	for _, f := range []string{FileTheory, FileExits} {
		data, err := os.ReadFile(filepath.Join(fixture, f))
		if err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(filepath.Join(dir, f), data, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	if err := os.MkdirAll(filepath.Join(dir, DirRare), 0o755); err != nil {
		t.Fatal(err)
	}
	files := map[string]string{
		// Not an appendix file: not read.
		"sweep_hard.json": `{"setup": {"point": {"alpha": 1.2, "c": 0.1, "b": 0.28, "start_index": 1}},
			"result": {"eta": 0.001, "mean_steps": 1e7, "mean_low": 9e6, "mean_high": 1.1e7}}`,
		// The documented shape, b = 0.5.
		"appendix_b0.5.json": `{"b": 0.5, "basin": 1, "results": [{"eta": 0.001, "mean_steps": 7e5, "mean_low": 6e5, "mean_high": 8e5}]}`,
		// rare-bench sweep, the paper's hard point (b = 0.28, α = 1.2).
		"appendix_hard.json": `{"setup": {"point": {"alpha": 1.2, "c": 0.1, "b": 0.28, "start_index": 1}},
			"result": {"eta": 0.002, "mean_steps": 1e7, "mean_low": 9e6, "mean_high": 1.1e7}}`,
		// verify exit -method is -json, no truncation (b null).
		"appendix_verify.json": `{"scenario": {"landscape": {"domain": [-1.6, 1.6], "kind": "paper-1d"},
			"noise": {"alpha": 1.2, "law": "pareto", "p_plus": 0.5, "scale": 0.1}, "sgd": {"b": null}},
			"rows": [{"eta": 0.0001, "basin": 1, "mean_steps": 3e5, "ci_low": 2.5e5, "ci_high": 3.6e5, "method": "is"}]}`,
		// verify exit output of another setting (α = 1.5): skipped.
		"appendix_verify_P.json": `{"scenario": {"landscape": {"domain": [-1.6, 1.6], "kind": "paper-1d"},
			"noise": {"alpha": 1.5, "law": "pareto", "p_plus": 0.5, "scale": 0.1}, "sgd": {"b": 0.25}},
			"rows": [{"eta": 0.01, "basin": 1, "mean_steps": 5e8, "ci_low": 4e8, "ci_high": 6e8, "method": "is"}]}`,
		// Another setting (α = 1.5): skipped.
		"appendix_P.json": `{"setup": {"point": {"alpha": 1.5, "c": 0.1, "b": 0.25, "start_index": 1}},
			"result": {"eta": 0.001, "mean_steps": 1e6, "mean_low": 9e5, "mean_high": 1.1e6}}`,
	}
	for name, body := range files {
		if err := os.WriteFile(filepath.Join(dir, DirRare, name), []byte(body), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	if err := Fit(dir); err != nil {
		t.Fatal(err)
	}
	var fits FitsFile
	var th TheoryFile
	if err := readJSONFile(dir, FileFits, &fits); err != nil {
		t.Fatal(err)
	}
	if err := readJSONFile(dir, FileTheory, &th); err != nil {
		t.Fatal(err)
	}
	if len(fits.RareFiles) != 3 || len(fits.RareSkipped) != 2 {
		t.Errorf("rare files %v, skipped %v; want 3 used, 2 skipped", fits.RareFiles, fits.RareSkipped)
	}
	want := map[string]struct{ eta, mean float64 }{"b=0.5": {0.001, 7e5}, "b=0.28": {0.002, 1e7}, "b=inf": {0.0001, 3e5}}
	for _, f := range fits.Series {
		w, ok := want[f.Label]
		n := 0
		for _, p := range f.Points {
			if p.Source != "rare" {
				continue
			}
			n++
			tc, _ := th.caseByLabel(f.Label)
			// Prediction 1/(q η λ^J) with λ = c^α η^{α−1} (Pareto, η ≤ 1/c).
			J := float64(tc.Jump[exitBasin])
			pred := 1 / (tc.ExitRate[exitBasin] * w.eta * math.Pow(math.Pow(paperScale, paperAlpha)*math.Pow(w.eta, paperAlpha-1), J))
			if !ok || p.Eta != w.eta || math.Abs(p.R-w.mean/pred) > 1e-9*p.R || math.Abs(p.Predicted-pred) > 1e-9*pred {
				t.Errorf("%s: rare point %+v, want η=%g R=%g", f.Label, p, w.eta, w.mean/pred)
			}
		}
		if n != map[bool]int{true: 1, false: 0}[ok] {
			t.Errorf("%s: %d rare points", f.Label, n)
		}
	}
}
