package appendix

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// TestProvenance checks that the appendix names the checkout of each step:
// the run's from meta.json, the fit's when meta.json records it (and says
// so when it does not), and the render's when given.
func TestProvenance(t *testing.T) {
	m := &Meta{Sizes: "full", GitCommit: "114b5b6c5b0609e934ba263728388fd3784f7eea", Started: "2026-11-28T10:16:50Z", Steps: map[string]int64{"exits": 10}}
	for _, tc := range []struct {
		name          string
		fit, render   *Provenance
		want, notWant []string
	}{
		{"run only", nil, nil, []string{`The run (\texttt{full}): commit \texttt{114b5b6c5b06}`, "The commit of the fits is not recorded"}, []string{"This text and the figures"}},
		{"every step", &Provenance{Commit: "acb7dc0aaaaaaaaaaaa", Time: "2026-12-01T00:00:00Z"}, &Provenance{Commit: "49f0c3e1b1230000", Dirty: true},
			[]string{`The fits (\texttt{fits.json}): commit \texttt{acb7dc0aaaaa}, 2026-12-01T00:00:00Z.`,
				`This text and the figures: commit \texttt{49f0c3e1b123} (with uncommitted changes).`}, []string{"not recorded"}},
	} {
		mm := *m
		mm.FitStep = tc.fit
		got := texOf(t, "provenance", provenanceOf(&results{meta: &mm, render: tc.render}))
		for _, w := range tc.want {
			if !strings.Contains(got, w) {
				t.Errorf("%s: %q lacks %q", tc.name, got, w)
			}
		}
		for _, w := range tc.notWant {
			if strings.Contains(got, w) {
				t.Errorf("%s: %q has %q", tc.name, got, w)
			}
		}
	}
}

// TestRefitRecords checks that Refit records the fit's checkout in
// meta.json and leaves its other fields as they were.
func TestRefitRecords(t *testing.T) {
	dir := copyFixture(t, FileTheory, FileExits)
	m := Meta{Sizes: "tiny", GitCommit: "abc", WallSec: map[string]float64{}, Steps: map[string]int64{"exits": 5}}
	if err := writeJSONFile(dir, FileMeta, m); err != nil {
		t.Fatal(err)
	}
	if err := Refit(dir); err != nil {
		t.Fatal(err)
	}
	var got Meta
	if err := readJSONFile(dir, FileMeta, &got); err != nil {
		t.Fatal(err)
	}
	if got.FitStep == nil || got.FitStep.Commit == "" || got.FitStep.Time == "" || got.GitCommit != "abc" || got.Steps["exits"] != 5 {
		t.Errorf("meta.json after Refit: %+v, fit step %+v", got, got.FitStep)
	}
	if _, err := os.Stat(filepath.Join(dir, FileFits)); err != nil {
		t.Error(err)
	}
}
