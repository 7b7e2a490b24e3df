package appendix

import (
	"math"
	"sort"

	"github.com/htsgd/htsgd/control"
)

// controlDiscussion is what the generated discussion of the control
// section states: per paper variant its paired differences to SB, to the
// untruncated variant and to SAM (where each interval lies against 0), the
// method ranking by accuracy and by sharpness, and the best sweep cell.
type controlDiscussion struct {
	Variants []controlVariant
	// ByAccuracy and BySharpness list the methods from the most accurate
	// and from the flattest (mean over replications).
	ByAccuracy, BySharpness []string
	// NoiseDiverged counts diverged sb-noise runs (-1 without sb-noise).
	NoiseDiverged, NoiseRuns int
	// NoiseTrain and SBTrain are the training accuracies (%) of sb-noise
	// and sb (mean, lo, hi; nil without the method).
	NoiseTrain, SBTrain []*float64
	// Best is the sweep cell of highest mean accuracy (nil: no sweep),
	// BestAcc and BestVsSB its accuracy and paired difference to sb in
	// percent and points; Worst the cell of lowest mean accuracy.
	Best, Worst       *control.SweepCell
	BestAcc, WorstAcc float64
	BestVsSB          []*float64
	SweepMethod       string
}

// controlVariant is one of the paper's variants against the baselines.
type controlVariant struct {
	Method string
	// Comparisons with sb, sb-noise and sam (absent when not run).
	VsSB, VsNoise, VsSAM *controlComparison
}

// controlComparison is a paired difference with the position of its
// interval against 0 (above: the variant has the larger value).
type controlComparison struct {
	Baseline string
	// Acc (points), Sharp, Eig and Exit are the mean and bounds of the
	// paired differences (mean, lo, hi; nil for none).
	Acc, Sharp, Eig, Exit    []*float64
	AccPos, SharpPos, EigPos position
	ExitPos                  position
	// EigRelative and SharpRelative are the differences over the
	// baseline's mean, in percent (NaN without one).
	EigRelative, SharpRelative float64
}

// trio returns an interval's mean and bounds scaled by s.
func trio(iv control.Interval, s float64) []*float64 {
	m, lo, hi := ivPtrs(iv, s)
	return []*float64{m, lo, hi}
}

func posOf(iv control.Interval) position {
	_, lo, hi := ivPtrs(iv, 1)
	return positionOf(lo, hi, 0)
}

func controlDiscussionOf(rep *control.Report) controlDiscussion {
	d := controlDiscussion{NoiseDiverged: -1, SweepMethod: rep.Spec.Sweep.Method}
	row := map[string]control.MethodRow{}
	for _, r := range rep.Table {
		row[r.Method] = r
		d.ByAccuracy = append(d.ByAccuracy, r.Method)
		d.BySharpness = append(d.BySharpness, r.Method)
	}
	mean := func(iv control.Interval) float64 {
		v := float64(iv.Mean)
		if math.IsNaN(v) {
			return math.Inf(-1)
		}
		return v
	}
	sort.SliceStable(d.ByAccuracy, func(i, j int) bool {
		return mean(row[d.ByAccuracy[i]].TestAccuracy) > mean(row[d.ByAccuracy[j]].TestAccuracy)
	})
	sort.SliceStable(d.BySharpness, func(i, j int) bool {
		return -mean(row[d.BySharpness[i]].Sharpness) > -mean(row[d.BySharpness[j]].Sharpness)
	})
	if r, ok := row["sb-noise"]; ok {
		d.NoiseDiverged, d.NoiseRuns = r.Diverged, r.Runs
		d.NoiseTrain = trio(r.TrainAccuracy, 100)
	}
	if r, ok := row["sb"]; ok {
		d.SBTrain = trio(r.TrainAccuracy, 100)
	}
	for _, m := range []string{"ours-1", "ours-2"} {
		if _, ok := row[m]; !ok {
			continue
		}
		v := controlVariant{Method: m}
		for _, p := range rep.Paired {
			if p.Method != m {
				continue
			}
			c := &controlComparison{Baseline: p.Baseline, Acc: trio(p.TestAccuracy, 100), Sharp: trio(p.Sharpness, 1), Eig: trio(p.TopEigen, 1), Exit: trio(p.ExitRate, 1),
				AccPos: posOf(p.TestAccuracy), SharpPos: posOf(p.Sharpness), EigPos: posOf(p.TopEigen), ExitPos: posOf(p.ExitRate),
				EigRelative:   100 * float64(p.TopEigen.Mean) / float64(row[p.Baseline].TopEigen.Mean),
				SharpRelative: 100 * float64(p.Sharpness.Mean) / float64(row[p.Baseline].Sharpness.Mean)}
			switch p.Baseline {
			case "sb":
				v.VsSB = c
			case "sb-noise":
				v.VsNoise = c
			case "sam":
				v.VsSAM = c
			}
		}
		d.Variants = append(d.Variants, v)
	}
	for i := range rep.Sweep {
		c := &rep.Sweep[i]
		if d.Best == nil || mean(c.TestAccuracy) > mean(d.Best.TestAccuracy) {
			d.Best = c
		}
		if d.Worst == nil || mean(c.TestAccuracy) < mean(d.Worst.TestAccuracy) {
			d.Worst = c
		}
	}
	if d.Best != nil {
		d.BestAcc, d.WorstAcc = 100*float64(d.Best.TestAccuracy.Mean), 100*float64(d.Worst.TestAccuracy.Mean)
		d.BestVsSB = trio(d.Best.VsSB, 100)
	}
	return d
}
