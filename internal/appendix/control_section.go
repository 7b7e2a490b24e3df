package appendix

import (
	"strconv"

	"github.com/htsgd/htsgd/control"
)

// The section of the control experiment (results/control/control.json):
// the setting, the Table 2 analogue, the paired differences, the b × α
// sweep, two figures and the discussion (control.tmpl words them).

// controlIntro is the data of the section's opening paragraph and of the
// captions: the setting of the report as plain numbers.
type controlIntro struct {
	Name, Network, SweepMethod, Command            string
	Params, Train, Corrupt, Test, Side, Reps       int
	SB, LB, Steps, Final, Draws, Window, SweepReps int
	Eta, B, C, Alpha, Rho, Sigma, Kappa            float64
	Runs                                           int
	Wall, CPU                                      float64
	Workers                                        int
	Sweep                                          bool
}

// controlIntroOf reads the setting out of a report.
func controlIntroOf(rep *control.Report) controlIntro {
	s := rep.Spec
	return controlIntro{Name: s.Name, Command: "verify control -scenario scenarios/" + s.Name + ".toml", Network: rep.Network, SweepMethod: s.Sweep.Method,
		Params: rep.Params, Train: s.Data.Train, Corrupt: s.Data.Corrupt, Test: s.Data.Test, Side: 28 / s.Data.Pool, Reps: s.Replications,
		SB: s.Train.SmallBatch, LB: s.Train.LargeBatch, Steps: s.Train.Steps, Final: s.Train.FinalSteps, Draws: s.Metrics.SharpnessDraws,
		Window: s.Metrics.ExitWindow, SweepReps: s.Sweep.Replications,
		Eta: s.Train.Eta, B: s.Noise.B, C: s.Noise.C, Alpha: s.Noise.Alpha, Rho: s.SAM.Rho, Sigma: s.Metrics.SharpnessSigma, Kappa: s.Metrics.ExitKappa,
		Runs: len(rep.Results), Wall: rep.Timing.WallSeconds, CPU: rep.Timing.CPUSeconds, Workers: rep.Timing.Workers, Sweep: len(rep.Sweep) > 0}
}

// controlSection returns the blocks of the section.
func controlSection(rep *control.Report) []block {
	d := controlIntroOf(rep)
	src := []string{FileControl, FileControlCSV}
	b := []block{heading{1, text("control.title", nil), "sec:control"}, para{text("control", d)}, controlTable(rep, d, src)}
	if len(rep.Paired) > 0 {
		b = append(b, controlPairedTable(rep, d, src))
	}
	b = append(b, figure{label: "fig:control", name: figControlMethods, width: 0.95, source: []string{FileControl}, caption: text("control.figure.caption", d)})
	if d.Sweep {
		b = append(b, controlSweepTable(rep, d, src),
			figure{label: "fig:control-sweep", name: figControlSweep, width: 0.6, source: []string{FileControl}, caption: text("control.sweep.figure.caption", d)})
	}
	return append(b, para{text("control.discussion", controlDiscussionOf(rep))})
}

// civ formats an interval (scale s, sig digits).
func civ(iv control.Interval, s float64, sig int) Inline {
	m, lo, hi := ivPtrs(iv, s)
	return ci(m, lo, hi, sig)
}

// controlTable is the Table 2 analogue.
func controlTable(rep *control.Report, d controlIntro, src []string) *table {
	t := &table{label: "tab:control", caption: text("control.table.caption", d), source: src, align: "lrrrrrrr"}
	t.header = []Inline{prose("method"), prose("runs (div.)"), prose("test accuracy % [95% CI]"), prose("sharpness [95% CI]"),
		join(prose("top eigenvalue "), formula(`\lambda_{\max}`)), prose("training loss"), prose("exits / 1000 steps"), prose("max excursion")}
	for _, r := range rep.Table {
		t.rows = append(t.rows, []Inline{code(r.Method), prose(strconv.Itoa(r.Runs) + " (" + strconv.Itoa(r.Diverged) + ")"),
			civ(r.TestAccuracy, 100, 4), civ(r.Sharpness, 1, 3), civ(r.TopEigen, 1, 3), civ(r.TrainLoss, 1, 3), civ(r.ExitRate, 1, 2), civ(r.Excursion, 1, 2)})
	}
	return t
}

// controlPairedTable is the paired differences of the paper's method
// against each baseline.
func controlPairedTable(rep *control.Report, d controlIntro, src []string) *table {
	t := &table{label: "tab:control-paired", caption: text("control.paired.caption", d), source: src, align: "llrrrrr"}
	delta := func(s string) Inline { return join(formula(`\Delta`), prose(" "+s)) }
	t.header = []Inline{prose("method"), prose("baseline"), delta("test accuracy (points)"), delta("sharpness"),
		join(formula(`\Delta`), prose(" "), formula(`\lambda_{\max}`)), delta("training loss"), delta("exits / 1000 steps")}
	for _, p := range rep.Paired {
		t.rows = append(t.rows, []Inline{code(p.Method), code(p.Baseline), civ(p.TestAccuracy, 100, 2), civ(p.Sharpness, 1, 2),
			civ(p.TopEigen, 1, 2), civ(p.TrainLoss, 1, 2), civ(p.ExitRate, 1, 2)})
	}
	return t
}

// controlSweepTable is the b × α sweep.
func controlSweepTable(rep *control.Report, d controlIntro, src []string) *table {
	t := &table{label: "tab:control-sweep", caption: text("control.sweep.caption", d), source: src, align: "rrrrrrr"}
	t.header = []Inline{formula("b"), formula(`\alpha`), prose("runs (div.)"), prose("test accuracy % [95% CI]"), join(formula(`\Delta`), prose(" vs sb (points)")),
		prose("sharpness"), join(prose("top eigenvalue "), formula(`\lambda_{\max}`))}
	for _, c := range rep.Sweep {
		t.rows = append(t.rows, []Inline{prose(exact(c.B)), prose(exact(c.Alpha)), prose(strconv.Itoa(c.Runs) + " (" + strconv.Itoa(c.Diverged) + ")"),
			civ(c.TestAccuracy, 100, 4), civ(c.VsSB, 100, 2), civ(c.Sharpness, 1, 3), civ(c.TopEigen, 1, 3)})
	}
	return t
}
