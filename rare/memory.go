package rare

import (
	"context"
	"fmt"

	"github.com/htsgd/htsgd/mc"
)

// markMemory sets ExitSample.ForgetsHalf and ForgetsQuarter for the
// counted exits of res (those after step counted): whether the exit at τ
// survives forgetting the first ⌈τ/2⌉, or the first ⌈τ/4⌉, steps of its
// window. An exit whose excursion began at or after the restart step u
// (τ − Seq ≥ u) passes through rest after u, where a path restarted at
// rest at u would be too, and is marked without a replay; every other one
// is re-run from its own stream key.Rand(k), with its noises recorded, and
// replayed from rest at u (restartReproduces); with Design.ReplayAll every
// one is replayed. Replays are serial and in
// window order, so the marks do not depend on the number of workers.
func markMemory(ctx context.Context, s *window, key mc.StreamKey, res *Result, counted int64) error {
	ws := s.newWorkspace()
	restart := s.exit.Clone()
	x := make([]float64, s.d)
	var rec []float64
	for i := range res.ExitLog {
		e := &res.ExitLog[i]
		if e.Tau <= counted {
			continue
		}
		half, quarter := (e.Tau+1)/2, (e.Tau+3)/4
		if !s.replayAll {
			rest := e.Tau - e.Seq
			e.ForgetsHalf, e.ForgetsQuarter = rest >= half, rest >= quarter
		}
		if e.ForgetsHalf && e.ForgetsQuarter {
			continue
		}
		if err := ctx.Err(); err != nil {
			return err
		}
		rec = rec[:0]
		if o := s.run(ws, key.Rand(e.Window), &rec); o.tau != e.Tau {
			return fmt.Errorf("rare: internal error: window %d exits at %d on its replay, %d first", e.Window, o.tau, e.Tau)
		}
		if !e.ForgetsHalf {
			e.ForgetsHalf = s.restartReproduces(restart, x, rec, half, e.Tau)
		}
		if !e.ForgetsQuarter {
			e.ForgetsQuarter = s.restartReproduces(restart, x, rec, quarter, e.Tau)
		}
	}
	return nil
}

// restartReproduces reports whether a path restarted at rest, X'_u = m, at
// step u and driven by the window's own noises zs (zs[i·d : (i+1)·d] moves
// X_i to X_{i+1}) leaves the basin by step tau, as the window did: then the
// exit did not need the window's state at u. (An exit a few steps earlier
// is the same exit: the paths differ by what the state at u left of a small
// displacement.) The recursion is the window's own, the supplied-noise exit
// e of package mc; x is scratch of d coordinates.
func (s *window) restartReproduces(e *mc.SuppliedExit, x, zs []float64, u, tau int64) bool {
	copy(x, s.home)
	_, left := e.Advance(x, zs[u*int64(s.d):tau*int64(s.d)])
	return left
}
