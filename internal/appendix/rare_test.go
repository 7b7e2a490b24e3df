package appendix

import (
	"strings"
	"testing"
)

// TestFitRareDiagnostics checks that the self-check of a rare-event row
// (its "rare" object) reaches fits.json with the point, and that
// tableRare prints it next to the mean: the hazard ratio and transient
// bias with their intervals, the largest weight share, the effective exits
// and the verdict, naming the failed checks when the estimate warns; a row
// without diagnostics (a report from before they existed) says so.
func TestFitRareDiagnostics(t *testing.T) {
	dir := copyFixture(t, FileTheory, FileExits)
	diag := func(warn bool) string {
		failed := `[]`
		if warn {
			failed = `["hazard_ratio", "max_share"]`
		}
		return `"rare": {"design": {"j": 3, "gamma": 0.036, "warmup": 1.8, "burn": 0.9, "window": 1.4, "weight": 0.05},
			"basis": {"distance": 0.6, "slack": 0.04, "flow_span": 0.5, "relax_time": 0.46, "return_time": 1.8, "contracting": true},
			"stretch": 2, "pilots": 2, "pilot_steps": 10, "total_steps": 100, "steps_per_window": 10,
			"hazard_ratio": {"value": 1.02, "low": 0.91, "high": 1.13, "limit": 1, "pass": true},
			"transient_bias": {"value": -0.004, "low": -0.012, "high": -0.001, "limit": -0.02, "pass": true},
			"max_share": {"value": 0.013, "low": null, "high": null, "limit": 0.1, "pass": true},
			"ess": {"value": 271, "low": null, "high": null, "limit": 100, "pass": true},
			"long_sequences": {"value": 0, "low": 0, "high": 0, "limit": null, "pass": true},
			"outside_b": {"value": 0.01, "low": 0, "high": 0.02, "limit": null, "pass": true},
			"warning": ` + map[bool]string{true: "true", false: "false"}[warn] + `, "failed": ` + failed + `}, `
	}
	with := func(body, d string) string {
		return strings.Replace(body, `"method": "is",`, d+`"method": "is",`, 1)
	}
	writeRare(t, dir, map[string]string{
		"appendix_b0.5.json": with(rareReport("1.2", "0.5", 0.001, 7e5, 6e5, 8e5), diag(false)),
		"appendix_binf.json": with(rareReport("1.2", "null", 0.0001, 3e5, 2.5e5, 3.6e5), diag(true)),
		"appendix_old.json":  rareReport("1.2", "0.5", 0.0005, 2e6, 1.5e6, 2.5e6),
	})
	if err := Fit(dir); err != nil {
		t.Fatal(err)
	}
	var r results
	if err := readJSONFile(dir, FileFits, &r.fits); err != nil {
		t.Fatal(err)
	}
	tab := tableRare(&r)
	if tab == nil || len(tab.rows) != 3 {
		t.Fatalf("table %+v: want 3 rows", tab)
	}
	got := map[string]string{}
	for _, row := range tab.rows {
		var cells []string
		for _, c := range row {
			cells = append(cells, mathText(c))
		}
		got[cells[1]] = strings.Join(cells, " | ")
	}
	for eta, want := range map[string][]string{
		"0.0010":            {"0.5", "1.02 [0.910, 1.13]", "-0.40% [-1.2%, -0.10%]", "1.3%", "271", "pass (design stretched by 2)"},
		"10^{-4}":           {`\infty`, "warning: hazard ratio, max share"},
		"5.0\\times10^{-4}": {"unchecked: made before the design rule"},
	} {
		row, ok := got[eta]
		if !ok {
			t.Errorf("no row at η = %s; rows %v", eta, got)
			continue
		}
		for _, w := range want {
			if !strings.Contains(row, w) {
				t.Errorf("η = %s: row %q lacks %q", eta, row, w)
			}
		}
	}
	if tableRare(&results{}) != nil {
		t.Error("a table without rare-event points")
	}
}
