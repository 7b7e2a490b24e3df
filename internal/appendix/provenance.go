package appendix

import "time"

// provenanceData is what section "Reproduction and provenance" states about
// each step: meta.json (nil: none) with the run's short commit, wall time
// and steps, the fit's provenance (nil: not recorded) and the render's
// (nil: not named), each with its short commit.
type provenanceData struct {
	Meta         *Meta
	Commit       string
	Wall         string
	Steps        float64
	Fit          *Provenance
	FitCommit    string
	Render       *Provenance
	RenderCommit string
}

// provenanceOf reads the provenance of a run from its meta.json and the
// render's checkout.
func provenanceOf(r *results) provenanceData {
	d := provenanceData{Meta: r.meta, Render: r.render}
	if m := r.meta; m != nil {
		d.Commit = shortCommit(m.GitCommit)
		d.Wall = time.Duration(m.WallTotal * float64(time.Second)).Round(time.Second).String()
		for _, n := range m.Steps {
			d.Steps += float64(n)
		}
		if m.FitStep != nil {
			d.Fit, d.FitCommit = m.FitStep, shortCommit(m.FitStep.Commit)
		}
	}
	if r.render != nil {
		d.RenderCommit = shortCommit(r.render.Commit)
	}
	return d
}

// shortCommit returns the first 12 hex digits of a commit.
func shortCommit(c string) string {
	if len(c) > 12 {
		return c[:12]
	}
	return c
}
