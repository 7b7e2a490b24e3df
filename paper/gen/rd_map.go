package gen

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"math"
	"os"
	"path/filepath"
	"slices"
	"strconv"

	"github.com/htsgd/htsgd/landscapes"
	"github.com/htsgd/htsgd/mc"
	"github.com/htsgd/htsgd/pipeline"
	"github.com/htsgd/htsgd/report"
	"github.com/htsgd/htsgd/rng"
	"github.com/htsgd/htsgd/scenario"
)

// rdMapMargin widens the drawn square beyond the projection ball.
const rdMapMargin = 0.1

// rdMap computes rd_map.json: basin labels and f on a MapGrid × MapGrid
// grid of the square [−R − 0.1, R + 0.1]² (R the projection radius; −1
// outside the ball), and the thinned path of replica 0 of each variant,
// replayed from its stream.
func rdMap(ctx context.Context, d RdSize, sc *scenario.Scenario, b *scenario.BuiltRd, rep report.DynamicsReportRd, workers int, p *progress) (RdMapFile, error) {
	R := b.Domain.Radius
	m := RdMapFile{DomainRadius: R, Grid: make([]float64, d.MapGrid), Basin: make([][]int, d.MapGrid), Loss: make([][]float64, d.MapGrid)}
	lo, hi := -R-rdMapMargin, R+rdMapMargin
	for i := range m.Grid {
		m.Grid[i] = round4(lo + (hi-lo)*float64(i)/float64(d.MapGrid-1))
	}
	x := make([]float64, 2)
	for r, y := range m.Grid {
		m.Basin[r], m.Loss[r] = make([]int, d.MapGrid), make([]float64, d.MapGrid)
		for c, xc := range m.Grid {
			x[0], x[1] = xc, y
			m.Loss[r][c] = sig4(b.Landscape.Value(x))
			m.Basin[r][c] = landscapes.NoBasin
			if math.Hypot(xc, y) <= R {
				m.Basin[r][c] = b.Basins.Locate(x)
			}
		}
	}

	sharp := make([]bool, len(b.Minima))
	for _, r := range rep.Runs {
		for _, s := range r.Sets {
			if s.Sharp && s.Set < len(sharp) {
				sharp[s.Set] = true
			}
		}
	}
	stride := d.Steps / int64(d.PathPoints)
	replay := func(ctx context.Context, vi int) (rdReplay, error) {
		bv := b.B
		if rdVariants[vi] == pipeline.VariantUntruncated {
			bv = math.Inf(1)
		}
		// Replica 0 of the variant's stream in pipeline.RunDynamicsRd; the
		// replay checks it is the same path (RdPath.SameAsDynamics).
		key := pipeline.DynamicsKey(uint64(sc.Run.Seed), rdVariants[vi], 0)
		return replayRd(ctx, b, bv, key.Rand(0), d.Steps, stride, sharp)
	}
	recs, done, err := mc.Replicas(ctx, 0, len(rdVariants), workers, replay, func(int, rdReplay) { p.add(d.Steps) })
	if err != nil {
		return m, err
	}
	for vi, v := range rdVariants {
		if !done[vi] {
			return m, fmt.Errorf("rd: the replay of %s did not finish", v)
		}
		pa := RdPath{Variant: v, B: bPtr(b.B), Stride: stride, X: recs[vi].x, Y: recs[vi].y}
		if v == pipeline.VariantUntruncated {
			pa.B = nil
		}
		for _, r := range rep.Runs {
			if r.Variant == v && len(r.SharpByReplica) > 0 {
				same := r.SharpByReplica[0] == recs[vi].sharp
				pa.SameAsDynamics = &same
			}
		}
		m.Paths = append(m.Paths, pa)
	}
	return m, nil
}

// rdReplay is what replayRd records.
type rdReplay struct {
	x, y  []float64
	sharp float64
}

// replayRd reruns one trajectory exactly as mc.TrajectoryRd does
// (X_{n+1} = Π_K(X_n − φ_b(η(∇f(X_n) − Z_{n+1}))), mc.StepRd; THEORY.md
// section 1) from the scenario's start with generator r, and records
// X_n at n = stride, 2·stride, … (rounded to 10^−4) and the fraction of
// steps in the basins flagged sharp, labelled as mc's trajectory kernel
// labels them (a point within Core(j) of set j is in Ω_j, others are
// Located) and summed over the sets in order, as RunDynamicsRd sums
// SharpByReplica, so that equality shows the replay is the same path.
func replayRd(ctx context.Context, b *scenario.BuiltRd, bv float64, r *rng.Rand, steps, stride int64, sharp []bool) (rdReplay, error) {
	l, z, basins, sets := b.Landscape, b.Noise, b.Basins, b.Minima
	if len(b.Etas) != 1 || len(b.Starts) == 0 {
		return rdReplay{}, fmt.Errorf("rd: the replay wants one η and a start, got %d and %d", len(b.Etas), len(b.Starts))
	}
	eta := b.Etas[0]
	dom := b.Domain
	if dom.Radius == 0 {
		dom.Radius = math.Inf(1)
	}
	x := slices.Clone(b.Starts[0].X)
	g, w := make([]float64, len(x)), make([]float64, len(x))
	cores := make([]float64, len(sets))
	for j := range sets {
		c := basins.Core(j)
		cores[j] = c * c
	}
	counts := make([]int64, len(sets))
	var out rdReplay
	for n := int64(1); n <= steps; n++ {
		l.Gradient(g, x)
		z.Sample(r, w)
		mc.StepRd(x, g, w, eta, bv, dom)
		lab := -1
		for j := range sets {
			if sets[j].Dist2(x) < cores[j] {
				lab = j
			}
		}
		if lab < 0 {
			lab = basins.Locate(x)
		}
		if lab >= 0 {
			counts[lab]++
		}
		if n%stride == 0 {
			out.x, out.y = append(out.x, round4(x[0])), append(out.y, round4(x[1]))
		}
		if n%pathCheckSteps == 0 && ctx.Err() != nil {
			return out, ctx.Err()
		}
	}
	for j, c := range counts {
		if sharp[j] {
			out.sharp += float64(c) / float64(steps)
		}
	}
	return out, nil
}

// round4 rounds x to 4 decimals.
func round4(x float64) float64 { return math.Round(x*1e4) / 1e4 }

// sig4 rounds x to 4 significant digits.
func sig4(x float64) float64 {
	v, _ := strconv.ParseFloat(strconv.FormatFloat(x, 'g', 4, 64), 64)
	return v
}

// writeCompactJSONFile writes v as one line of JSON to dir/name.
func writeCompactJSONFile(dir, name string, v any) error {
	var buf bytes.Buffer
	if err := json.NewEncoder(&buf).Encode(v); err != nil {
		return fmt.Errorf("%s: %w", name, err)
	}
	return os.WriteFile(filepath.Join(dir, name), buf.Bytes(), 0o644)
}
