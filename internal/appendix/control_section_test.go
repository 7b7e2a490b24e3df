package appendix

import (
	"image/png"
	"math"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/htsgd/htsgd/control"
	"github.com/htsgd/htsgd/optim"
)

// controlReport is a report summarised from made-up results: every method
// of the default spec in 3 replications, ours-2 1.4 points more accurate than sb and
// flatter than the rest, one sb-noise run diverged, and a 2×2 sweep.
func controlReport() *control.Report {
	s := control.DefaultSpec()
	s.Replications = 3
	s.Sweep.B, s.Sweep.Alpha, s.Sweep.Replications = []float64{0.1, 1}, []float64{1.2, 1.8}, 2
	var res []control.Result
	for _, j := range s.Jobs() {
		r := control.Result{Job: j, Done: true}
		acc := 0.80 + 0.002*float64(j.Rep) + 0.001*float64(len(j.Method))
		sh := 0.006 - 0.0001*float64(j.Rep)
		if j.Method == optim.Ours2 {
			acc += 0.01
			sh -= 0.001
		}
		r.TestAccuracy, r.TrainAccuracy, r.TrainLoss = control.Num(acc), 0.95, control.Num(0.2+0.01*float64(j.Rep))
		r.Sharpness, r.TopEigen, r.ExitRate, r.Excursion, r.ClippedFraction = control.Num(sh), control.Num(5+float64(j.Rep)), 0, 2, 0
		if j.Method == optim.SBNoise && j.Rep == 1 {
			nan := control.Num(math.NaN())
			r.Diverged = true
			r.TestAccuracy, r.TrainAccuracy, r.TrainLoss, r.Sharpness, r.TopEigen, r.ExitRate, r.Excursion = nan, nan, nan, nan, nan, nan, nan
		}
		res = append(res, r)
	}
	return control.Summarize(&s, res)
}

// TestRenderControl renders the fixture with a control report added and
// checks the section: its title, every row of the Table 2 analogue in
// appendix.md, the paired rows, the generated discussion (ours-2 1.4 points above sb
// in every replication, the diverged run counted), both figures as decodable PNGs
// and PDFs, and the LaTeX labels.
func TestRenderControl(t *testing.T) {
	dir := t.TempDir()
	if err := os.CopyFS(dir, os.DirFS(fixture)); err != nil {
		t.Fatal(err)
	}
	if err := os.MkdirAll(filepath.Join(dir, "control"), 0o755); err != nil {
		t.Fatal(err)
	}
	rep := controlReport()
	f, err := os.Create(filepath.Join(dir, FileControl))
	if err != nil {
		t.Fatal(err)
	}
	if err := control.WriteJSON(f, rep); err != nil {
		t.Fatal(err)
	}
	f.Close()
	out := t.TempDir()
	if err := Render(dir, out, RenderOptions{}); err != nil {
		t.Fatal(err)
	}
	md, _ := os.ReadFile(filepath.Join(out, "appendix.md"))
	tex, _ := os.ReadFile(filepath.Join(out, "appendix.tex"))
	d := controlIntroOf(rep)
	for _, tb := range []*table{controlTable(rep, d, nil), controlPairedTable(rep, d, nil), controlSweepTable(rep, d, nil)} {
		for _, row := range tb.rows {
			if line := (markdown{}).row(row); !strings.Contains(string(md), line) {
				t.Errorf("appendix.md lacks the %s row %s", tb.label, line)
			}
		}
		if !strings.Contains(string(tex), `\label{`+tb.label+`}`) {
			t.Errorf("appendix.tex lacks the label %s", tb.label)
		}
	}
	for _, want := range []string{"Control: truncated heavy-tailed noise", "Against `sb`, `ours-2` changes the test accuracy by 1.4 [1.4, 1.4] points (higher, the interval above 0)",
		"1 of the 3 runs diverged", "results/control/control.json", "figures/" + figControlMethods + ".png", "figures/" + figControlSweep + ".png"} {
		if !strings.Contains(string(md), want) {
			t.Errorf("appendix.md lacks %q", want)
		}
	}
	for _, name := range []string{figControlMethods, figControlSweep} {
		pf, err := os.Open(filepath.Join(out, "figures", name+".png"))
		if err != nil {
			t.Fatal(err)
		}
		if _, err := png.Decode(pf); err != nil {
			t.Errorf("%s.png: %v", name, err)
		}
		pf.Close()
		if st, err := os.Stat(filepath.Join(out, "figures", name+".pdf")); err != nil || st.Size() == 0 {
			t.Errorf("%s.pdf: %v", name, err)
		}
	}
}

// TestReadControlAbsent checks that a results directory without
// control/control.json renders without the section.
func TestReadControlAbsent(t *testing.T) {
	rep, err := readControl(fixture)
	if err != nil || rep != nil {
		t.Fatalf("readControl(fixture) = %v, %v; want nil, nil", rep, err)
	}
}
