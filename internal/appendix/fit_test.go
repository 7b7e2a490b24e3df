package appendix

import (
	"bytes"
	"math"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// copyFixture copies files of the fixture into a new directory.
func copyFixture(t *testing.T, files ...string) string {
	t.Helper()
	dir := t.TempDir()
	for _, f := range files {
		data, err := os.ReadFile(filepath.Join(fixture, f))
		if err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(filepath.Join(dir, f), data, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	return dir
}

// writeRare writes files under dir/rare.
func writeRare(t *testing.T, dir string, files map[string]string) {
	t.Helper()
	if err := os.MkdirAll(filepath.Join(dir, DirRare), 0o755); err != nil {
		t.Fatal(err)
	}
	for name, body := range files {
		if err := os.WriteFile(filepath.Join(dir, DirRare, name), []byte(body), 0o644); err != nil {
			t.Fatal(err)
		}
	}
}

// rareReport is a `verify exit -json` report of the paper's setting with
// tail index alpha and threshold b ("null": none), one row at η.
func rareReport(alpha, b string, eta, mean, lo, hi float64) string {
	f := func(x float64) string { return fmtExact(x) }
	return `{"scenario": {"dynamics": null, "landscape": {"domain": [-1.6, 1.6], "kind": "paper-1d"}, "name": "x",
		"noise": {"alpha": ` + alpha + `, "law": "pareto", "p_plus": 0.5, "scale": 0.1},
		"run": {"max_steps": 1000000000, "samples": 1000000, "seed": 1},
		"sgd": {"b": ` + b + `, "eta": [` + f(eta) + `], "start": 1, "start_x": null}},
		"rows": [{"eta": ` + f(eta) + `, "basin": 1, "jump_number": 3, "samples": 1000000, "exits": 370, "censored": 0,
		"mean_steps": ` + f(mean) + `, "ci_low": ` + f(lo) + `, "ci_high": ` + f(hi) + `, "predicted_steps": 1, "ratio": 1,
		"exp_test_p": null, "landing": {}, "predicted_landing": null, "landing_test_p": null, "method": "is", "relative_error": 85}],
		"warnings": []}`
}

// TestFitRare checks that rare-event estimates under rare/appendix*.json
// enter the fits of their series with R = mean/predicted, that a report of
// another setting is skipped and listed, and that a file named for the
// appendix that is not a `verify exit` report is an error, not a silently
// dropped estimate.
func TestFitRare(t *testing.T) {
	dir := copyFixture(t, FileTheory, FileExits)
	writeRare(t, dir, map[string]string{
		// Not an appendix file: not read, whatever its shape.
		"sweep_hard.json": `{"setup": {}, "result": {}}`,
		// The paper's setting, b = 0.5 and no truncation.
		"appendix_b0.5.json": rareReport("1.2", "0.5", 0.001, 7e5, 6e5, 8e5),
		"appendix_binf.json": rareReport("1.2", "null", 0.0001, 3e5, 2.5e5, 3.6e5),
		// Another setting (α = 1.5): skipped.
		"appendix_P.json": rareReport("1.5", "0.25", 0.01, 5e8, 4e8, 6e8),
	})
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
	if len(fits.RareFiles) != 2 || len(fits.RareSkipped) != 1 || !strings.Contains(fits.RareSkipped[0], "appendix_P.json") {
		t.Errorf("rare files %v, skipped %v; want 2 used, appendix_P.json skipped", fits.RareFiles, fits.RareSkipped)
	}
	want := map[string]struct{ eta, mean float64 }{"b=0.5": {0.001, 7e5}, "b=inf": {0.0001, 3e5}}
	for _, f := range fits.Series {
		w, ok := want[f.Label]
		n := 0
		for _, p := range f.Points {
			if p.Source != SourceRare {
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

// TestFitRareUnknownShape checks that Fit fails on an appendix file of
// another shape (the rare-bench output the appendix once read, a report
// with a renamed field), naming the file.
func TestFitRareUnknownShape(t *testing.T) {
	for name, body := range map[string]string{
		"appendix_bench.json":   `{"setup": {"point": {"alpha": 1.2, "c": 0.1, "b": 0.28, "start_index": 1}}, "result": {"eta": 0.002, "mean_steps": 1e7}}`,
		"appendix_renamed.json": strings.Replace(rareReport("1.2", "0.5", 0.001, 7e5, 6e5, 8e5), `"ci_high"`, `"ci_upper"`, 1),
	} {
		dir := copyFixture(t, FileTheory, FileExits)
		writeRare(t, dir, map[string]string{name: body})
		if err := Fit(dir); err == nil || !strings.Contains(err.Error(), name) {
			t.Errorf("%s: Fit error %v, want one naming the file", name, err)
		}
	}
}

// TestReadersRejectUnknownShapes checks that every reader of a results file
// fails on a field its format does not have (a renamed field must not drop
// a number silently), and on a CSV file with another header.
func TestReadersRejectUnknownShapes(t *testing.T) {
	for _, name := range []string{FileTheory, FileExits, FileFits, FileDynamics, FilePaths, FileHimmelblauDynamics,
		FileHimmelblauTheory, FileHimmelblauMap, FileQuadraticExits} {
		data, err := os.ReadFile(filepath.Join(fixture, name))
		if err != nil {
			t.Fatal(err)
		}
		dir := copyFixtureAll(t)
		bad := bytes.Replace(data, []byte(`{`), []byte(`{"unknown_field": 1, `), 1)
		if err := os.WriteFile(filepath.Join(dir, name), bad, 0o644); err != nil {
			t.Fatal(err)
		}
		if _, err := readResults(dir); err == nil || !strings.Contains(err.Error(), "unknown_field") {
			t.Errorf("%s with an unknown field: readResults error %v", name, err)
		}
	}
	dir := copyFixtureAll(t)
	data, _ := os.ReadFile(filepath.Join(dir, FileSamples))
	bad := bytes.Replace(data, []byte("landing"), []byte("landed"), 1)
	if err := os.WriteFile(filepath.Join(dir, FileSamples), bad, 0o644); err != nil {
		t.Fatal(err)
	}
	if _, err := readResults(dir); err == nil || !strings.Contains(err.Error(), FileSamples) {
		t.Errorf("%s with another header: readResults error %v", FileSamples, err)
	}
}

// copyFixtureAll copies every file of the fixture's top level.
func copyFixtureAll(t *testing.T) string {
	t.Helper()
	entries, err := os.ReadDir(fixture)
	if err != nil {
		t.Fatal(err)
	}
	var files []string
	for _, e := range entries {
		if !e.IsDir() {
			files = append(files, e.Name())
		}
	}
	return copyFixture(t, files...)
}
