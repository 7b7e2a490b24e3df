package control

import (
	"github.com/htsgd/htsgd/optim"
)

// ReportFormat names the JSON layout of a Report.
const ReportFormat = "htsgd-control/1"

// Report is the outcome of a control run: the spec, every run's result,
// and the summaries of the tables.
type Report struct {
	Format   string `json:"format"`
	Scenario string `json:"scenario"`
	Spec     Spec   `json:"spec"`
	// Network describes the network; Params is its number of parameters.
	Network string `json:"network"`
	Params  int    `json:"params"`
	// Complete is false when the run was interrupted: the summaries cover
	// the runs that finished.
	Complete bool        `json:"complete"`
	Table    []MethodRow `json:"table"`
	Paired   []PairedRow `json:"paired"`
	Sweep    []SweepCell `json:"sweep,omitempty"`
	Results  []Result    `json:"results"`
	Timing   Timing      `json:"timing"`
}

// Timing is the wall and CPU time of the run and the number of workers.
type Timing struct {
	WallSeconds float64 `json:"wall_seconds"`
	CPUSeconds  float64 `json:"cpu_seconds"`
	Workers     int     `json:"workers"`
}

// MethodRow summarises the runs of one method at (noise.b, noise.alpha):
// the mean and 95% interval over its finished, non-diverged runs of each
// metric.
type MethodRow struct {
	Method        string   `json:"method"`
	Runs          int      `json:"runs"`
	Diverged      int      `json:"diverged"`
	TestAccuracy  Interval `json:"test_accuracy"`
	Sharpness     Interval `json:"sharpness"`
	TopEigen      Interval `json:"top_eigenvalue"`
	TrainLoss     Interval `json:"train_loss"`
	TrainAccuracy Interval `json:"train_accuracy"`
	ExitRate      Interval `json:"exit_rate"`
	Excursion     Interval `json:"excursion"`
	Clipped       Interval `json:"clipped_fraction"`
}

// PairedRow is the paired difference Method − Baseline over the
// replications where both finished without diverging.
type PairedRow struct {
	Method       string   `json:"method"`
	Baseline     string   `json:"baseline"`
	TestAccuracy Interval `json:"test_accuracy"`
	Sharpness    Interval `json:"sharpness"`
	TopEigen     Interval `json:"top_eigenvalue"`
	TrainLoss    Interval `json:"train_loss"`
	ExitRate     Interval `json:"exit_rate"`
}

// SweepCell summarises the sweep method at one (b, α): its metrics and its
// paired test-accuracy difference to SB in the same replications (when SB
// is among the methods).
type SweepCell struct {
	B            float64  `json:"b"`
	Alpha        float64  `json:"alpha"`
	Runs         int      `json:"runs"`
	Diverged     int      `json:"diverged"`
	TestAccuracy Interval `json:"test_accuracy"`
	Sharpness    Interval `json:"sharpness"`
	TopEigen     Interval `json:"top_eigenvalue"`
	ExitRate     Interval `json:"exit_rate"`
	VsSB         Interval `json:"accuracy_vs_sb"`
}

// metric picks one number out of a result.
type metric func(Result) float64

var (
	mAcc       metric = func(r Result) float64 { return float64(r.TestAccuracy) }
	mSharp     metric = func(r Result) float64 { return float64(r.Sharpness) }
	mEig       metric = func(r Result) float64 { return float64(r.TopEigen) }
	mLoss      metric = func(r Result) float64 { return float64(r.TrainLoss) }
	mTrainAcc  metric = func(r Result) float64 { return float64(r.TrainAccuracy) }
	mExit      metric = func(r Result) float64 { return float64(r.ExitRate) }
	mExcursion metric = func(r Result) float64 { return float64(r.Excursion) }
	mClipped   metric = func(r Result) float64 { return float64(r.ClippedFraction) }
)

// byRep returns, for the finished runs matching keep, metric f indexed by
// replication (NaN where a replication did not finish or diverged).
func byRep(res []Result, reps int, keep func(Result) bool, f metric) []float64 {
	out := make([]float64, reps)
	for i := range out {
		out[i] = nan()
	}
	for _, r := range res {
		if r.Done && keep(r) && r.Rep < reps {
			out[r.Rep] = f(r)
		}
	}
	return out
}

// Summarize builds the report of the results of s.Jobs() (in that order).
func Summarize(s *Spec, res []Result) *Report {
	rep := &Report{Format: ReportFormat, Scenario: s.Name, Spec: *s, Results: res, Complete: true}
	if net, err := s.NewNet(); err == nil {
		rep.Params = net.NumParams()
	}
	rep.Network = s.describeNet()
	for _, r := range res {
		if !r.Done {
			rep.Complete = false
		}
	}
	R := s.Replications
	table := func(m string) func(Result) bool {
		return func(r Result) bool { return !r.Sweep && string(r.Method) == m }
	}
	for _, m := range s.Methods {
		row := MethodRow{Method: m}
		for _, r := range res {
			if r.Done && table(m)(r) {
				row.Runs++
				if r.Diverged {
					row.Diverged++
				}
			}
		}
		ci := func(f metric) Interval { return MeanCI(byRep(res, R, table(m), f)) }
		row.TestAccuracy, row.Sharpness, row.TopEigen = ci(mAcc), ci(mSharp), ci(mEig)
		row.TrainLoss, row.TrainAccuracy, row.ExitRate = ci(mLoss), ci(mTrainAcc), ci(mExit)
		row.Excursion, row.Clipped = ci(mExcursion), ci(mClipped)
		rep.Table = append(rep.Table, row)
	}
	for _, m := range s.Methods {
		mm, _ := optim.Parse(m)
		if !mm.Ours() {
			continue
		}
		for _, b := range s.Methods {
			if b == m {
				continue
			}
			if bm, _ := optim.Parse(b); bm.Ours() {
				continue
			}
			pc := func(f metric) Interval {
				return PairedCI(byRep(res, R, table(m), f), byRep(res, R, table(b), f))
			}
			rep.Paired = append(rep.Paired, PairedRow{Method: m, Baseline: b,
				TestAccuracy: pc(mAcc), Sharpness: pc(mSharp), TopEigen: pc(mEig), TrainLoss: pc(mLoss), ExitRate: pc(mExit)})
		}
	}
	if s.sweeps() {
		hasSB := false
		for _, m := range s.Methods {
			hasSB = hasSB || m == string(optim.SB)
		}
		W := s.Sweep.Replications
		for _, b := range s.Sweep.B {
			for _, a := range s.Sweep.Alpha {
				keep := func(r Result) bool { return r.Sweep && r.B == b && r.Alpha == a }
				c := SweepCell{B: b, Alpha: a}
				for _, r := range res {
					if r.Done && keep(r) {
						c.Runs++
						if r.Diverged {
							c.Diverged++
						}
					}
				}
				ci := func(f metric) Interval { return MeanCI(byRep(res, W, keep, f)) }
				c.TestAccuracy, c.Sharpness, c.TopEigen, c.ExitRate = ci(mAcc), ci(mSharp), ci(mEig), ci(mExit)
				c.VsSB = MeanCI(nil)
				if hasSB {
					c.VsSB = PairedCI(byRep(res, W, keep, mAcc), byRep(res, W, table(string(optim.SB)), mAcc))
				}
				rep.Sweep = append(rep.Sweep, c)
			}
		}
	}
	return rep
}
