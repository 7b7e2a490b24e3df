package appendix

import "time"

// provenanceData is what section "Reproduction and provenance" states about
// the run: meta.json (nil: none), its short commit, wall time and steps.
type provenanceData struct {
	Meta   *Meta
	Commit string
	Wall   string
	Steps  float64
}

// provenanceOf reads the provenance of a run from its meta.json.
func provenanceOf(r *results) provenanceData {
	d := provenanceData{Meta: r.meta}
	if m := r.meta; m != nil {
		d.Commit = shortCommit(m.GitCommit)
		d.Wall = time.Duration(m.WallTotal * float64(time.Second)).Round(time.Second).String()
		for _, n := range m.Steps {
			d.Steps += float64(n)
		}
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
