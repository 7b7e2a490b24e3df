package rare

import (
	"math"
	"slices"

	"github.com/htsgd/htsgd/landscapes"
	"github.com/htsgd/htsgd/mc"
	"github.com/htsgd/htsgd/rng"
)

// traceChunk is the number of steps a window draws and advances at a time:
// the noises of one chunk are drawn into a buffer and the recursion runs
// over them on the kernel of package mc (mc.SuppliedExit.Trace), so that
// the per-step work of this package is bookkeeping on the buffer.
const traceChunk = 1024

// window holds everything one importance-sampled window needs: the SGD
// recursion of docs/theory.md §2.1 on the kernel of package mc, the basin
// to leave, and the sampler's constants. It is built once by Estimate and
// shared read-only by the workers, each with its own workspace.
type window struct {
	warm   int64     // warm-up steps under P before the importance-sampled part
	n, n0  int64     // importance-sampled part n = ⌈T/η⌉ and burn-in n0 = ⌊T_0/η⌋, in steps
	start  []float64 // X_0
	home   []float64 // m: the minimum of the basin (the centre of its minimum set)
	set    landscapes.MinimumSet
	near   float64 // γ: X_n is at rest when dist(X_n, m) ≤ γ (outcome.seq)
	eta    float64 // η
	thr    float64 // x = γ/η: a noise is big when ‖Z‖ > x
	j      int64   // J
	h      float64 // H(x), probability that one noise is big
	pB     float64 // P(B) = P(Binomial(n, h) ≥ J)
	w      float64 // defensive weight
	src    *source
	count  condBinomial
	exit   *mc.SuppliedExit // the recursion and the basin test (cloned per workspace)
	d      int
	isLine bool // d = 1: the rest test is |X − m| ≤ γ
	// replayAll: markMemory replays every counted exit (Design.ReplayAll).
	replayAll bool
}

// workspace is one worker's scratch space: its copy of the supplied-noise
// exit, the state, and the buffers of one chunk.
type workspace struct {
	exit      *mc.SuppliedExit
	x         []float64 // the state X_i
	z, xs     []float64 // one chunk of noises and of iterates (d per step)
	mag       []float64 // the magnitudes ‖Z‖ of the chunk's noises
	positions []int64   // the steps of the big noises of a window from P(· | B)
	top       topJ
}

func (s *window) newWorkspace() *workspace {
	return &workspace{
		exit: s.exit.Clone(),
		x:    make([]float64, s.d),
		z:    make([]float64, traceChunk*s.d),
		xs:   make([]float64, traceChunk*s.d),
		mag:  make([]float64, traceChunk),
		top:  newTopJ(s.j),
	}
}

// outcome is the result of one window.
type outcome struct {
	tau   int64   // exit step τ ∈ [1, warm+n], 0 when the window ends inside the basin
	lr    float64 // likelihood ratio dP/dQ on F_τ (0 without an exit)
	steps int64   // SGD steps simulated: τ, or warm+n without an exit
	big   int64   // big noises of the importance-sampled part before τ
	fromB bool    // the window was drawn from P(· | B), not from P
	jth   float64 // J-th largest ‖ηZ‖ among the first τ noises (exits only)
	span  int64   // τ minus the earliest step among the J largest ‖ηZ‖ (exits only)
	seq   int64   // τ minus the last n < τ with dist(X_n, m) ≤ γ (exits only; ExitSample.Seq)
}

// topJ keeps the J largest values ‖Z‖ seen so far, in decreasing order,
// with the steps at which they occurred. After an exit, val[J−1] is the
// J-th largest jump, which tells for any γ' whether the exit path had J
// noises with ‖ηZ‖ > γ' (ExitSample.JthJump), and the earliest of their
// steps dates the start of the exit's jump sequence (ExitSample.Span).
type topJ struct {
	val []float64
	at  []int64
}

func newTopJ(j int64) topJ { return topJ{val: make([]float64, j), at: make([]int64, j)} }

// reset empties the list.
func (t topJ) reset() {
	clear(t.val)
	clear(t.at)
}

// add offers a ≥ 0, seen at step i, to the list.
func (t topJ) add(a float64, i int64) {
	k := len(t.val) - 1
	if a <= t.val[k] {
		return
	}
	for k > 0 && t.val[k-1] < a {
		t.val[k], t.at[k] = t.val[k-1], t.at[k-1]
		k--
	}
	t.val[k], t.at[k] = a, i
}

// earliest returns the smallest step among the J kept values.
func (t topJ) earliest() int64 { return slices.Min(t.at) }

// likelihood returns the likelihood ratio of P to the mixture
// Q = w·P + (1−w)·P( · | B) on the σ-field F_τ of the first τ noises, given
// that `big` of them were big noises of the importance-sampled part:
//
//	dP/dQ |F_τ = 1 / ( w + (1−w)·P(B | F_τ)/P(B) ),
//	P(B | F_τ) = P(Binomial(m, h) ≥ J − big),   m = n − (τ − warm)⁺,
//
// m being the steps of the importance-sampled part still to come (1 once
// big ≥ J; and 1/(w + (1−w)) = 1 for an exit during the warm-up, which P and
// Q simulate alike). On the whole window this is the ratio
// 1/(w + (1−w)·1_B/P(B)) of docs/theory.md §13 (WSC 2023, eqs. (7) and
// (9)). Stopping at the exit is legitimate because {τ ≤ t} ∈ F_τ:
// E_Q[1{τ≤t}·dP/dQ|F_τ] = P(τ ≤ t). It is also better: dP/dQ|F_τ =
// E_Q[dP/dQ | F_τ], so by Jensen its second moment is at most that of the
// full-window ratio, and the noises after the exit need not be simulated.
func (s *window) likelihood(tau, big int64) float64 {
	m := s.n - max(0, tau-s.warm)
	pBGiven := binomTail(m, s.h, s.j-big)
	return 1 / (s.w + (1-s.w)*pBGiven/s.pB)
}

// path is the bookkeeping of one window in progress.
type path struct {
	i    int64      // steps taken: the state is X_i
	big  int64      // big noises of the importance-sampled part so far
	rest int64      // the last step n ≤ i with X_n at rest (X_0 counts as at rest)
	top  topJ       // the J largest noises so far
	rec  *[]float64 // if not nil, every noise is appended (d values per step)
}

// run simulates one window with the randomness of r: warm steps under P,
// then n steps from P with probability w, otherwise from P(· | B) by the
// exact construction of WSC 2023 section 3.1: the number of big noises
// N ~ Binomial(n, h) conditioned on N ≥ J, their positions a uniform N-subset
// of the n steps, their values from the tail law and all others from the
// bulk law (Conditional). Steps are numbered from 0 at X_0 = start, warm-up
// included. If rec is not nil, the noise of every step i is appended to
// *rec (as (*rec)[i·d : (i+1)·d] when it starts empty), for a replay
// (restartReproduces).
func (s *window) run(ws *workspace, r *rng.Rand, rec *[]float64) outcome {
	fromB := r.Float64Open53() >= s.w
	ws.top.reset()
	copy(ws.x, s.start)
	p := path{top: ws.top, rec: rec}
	if s.advance(ws, &p, r, drawP, s.warm, false) {
		return s.exitOutcome(&p, fromB)
	}
	end := s.warm + s.n
	if !fromB {
		if s.advance(ws, &p, r, drawP, s.n, true) {
			return s.exitOutcome(&p, false)
		}
		return outcome{steps: end, big: p.big}
	}
	m := s.count.Sample(r)
	ws.positions = positions(r, s.n, m, ws.positions)
	for k := 0; k <= len(ws.positions); k++ {
		next := end
		if k < len(ws.positions) {
			next = s.warm + ws.positions[k]
		}
		if s.advance(ws, &p, r, drawBulk, next-p.i, true) {
			return s.exitOutcome(&p, true)
		}
		if k < len(ws.positions) && s.advance(ws, &p, r, drawTail, 1, true) {
			return s.exitOutcome(&p, true)
		}
	}
	return outcome{steps: end, big: m, fromB: true}
}

// advance runs up to k steps of the window, with noises drawn from the law
// kind, and reports whether the basin was left (at step p.i = τ then). A
// chunk of noises is drawn at a time and the recursion advanced over it by
// the mc kernel; the noises the kernel used (the buffer's prefix) then
// update the J largest magnitudes and, when countBig, the count of big
// noises, and the iterates it recorded the last step at rest. (Noises
// drawn beyond an exit are never used: the window ends there, and its
// generator with it.)
func (s *window) advance(ws *workspace, p *path, r *rng.Rand, kind draw, k int64, countBig bool) bool {
	d := s.d
	for k > 0 {
		c := int(min(k, traceChunk))
		z, mag, xs := ws.z[:c*d], ws.mag[:c], ws.xs[:c*d]
		s.src.fill(r, kind, z, mag)
		m, left := ws.exit.Trace(ws.x, z, xs)
		if p.rec != nil {
			*p.rec = append(*p.rec, z[:m*d]...)
		}
		for t, a := range mag[:m] {
			if countBig && a > s.thr {
				p.big++
			}
			p.top.add(a, p.i+int64(t))
		}
		// The last iterate at rest before the exit step (the exit
		// iterate itself is outside the basin, never at rest).
		last := m
		if left {
			last = m - 1
		}
		for t := last - 1; t >= 0; t-- {
			if s.atRest(xs[t*d : (t+1)*d]) {
				p.rest = p.i + int64(t) + 1
				break
			}
		}
		p.i += int64(m)
		if left {
			return true
		}
		k -= int64(c)
	}
	return false
}

// atRest reports whether the point x is at rest: within γ of the minimum,
// |x − m| ≤ γ on the line, dist(x, m)² ≤ γ² in R^d.
func (s *window) atRest(x []float64) bool {
	if s.isLine {
		return math.Abs(x[0]-s.home[0]) <= s.near
	}
	return s.set.Dist2(x) <= s.near*s.near
}

// exitOutcome is the outcome of a window that left the basin at step p.i.
func (s *window) exitOutcome(p *path, fromB bool) outcome {
	tau := p.i
	return outcome{tau: tau, lr: s.likelihood(tau, p.big), steps: tau, big: p.big, fromB: fromB,
		jth: s.eta * p.top.val[len(p.top.val)-1], span: tau - p.top.earliest(), seq: tau - p.rest}
}
