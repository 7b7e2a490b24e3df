package mc

// SuppliedExit is the first-exit recursion of a System driven by noise the
// caller supplies: Advance runs
//
//	X_{n+1} = Π_K( X_n − φ_b( η (∇f(X_n) − z_{n+1}) ) )
//
// over given noise values z_1, z_2, … and stops at the first iterate
// outside the basin Ω_i of the start point it was built with. It is the
// kernel of samplers that draw the noise themselves, such as the
// importance sampler of package rare (bulk and tail laws at planned
// positions): they keep the dynamics, the arithmetic and the basin test of
// FirstExit, on the same generated kernels (one per concrete landscape; the
// noise needs no law here).
//
// A SuppliedExit holds scratch space: it is not safe for concurrent use.
// Clone returns an independent copy cheaply.
type SuppliedExit struct {
	sys   System
	basin int
	// One-dimensional fast path.
	lineKernel lineSuppliedFunc
	lineTrace  lineTraceFunc
	lineP      lineParams
	isLine     bool
	// Vector kernel.
	vectorKernel vectorSuppliedFunc
	vectorTrace  vectorTraceFunc
	vectorP      *vectorParams
	g            []float64
}

// NewSuppliedExit returns the supplied-noise exit from the basin of start
// for system s. Errors are *param.Error (System.Validate,
// "mc.SuppliedExit.Start").
func NewSuppliedExit(s System, start []float64) (*SuppliedExit, error) {
	if err := s.Validate(); err != nil {
		return nil, err
	}
	if err := s.checkStart("mc.SuppliedExit.Start", start, true); err != nil {
		return nil, err
	}
	e := &SuppliedExit{sys: s, basin: s.Basins.Locate(start)}
	if l, ok := s.line(); ok {
		e.lineKernel, _ = lineSuppliedKernelFor(l.curve)
		e.lineTrace, _ = lineTraceKernelFor(l.curve)
		e.lineP = l.params(s.Eta, s.B, e.basin)
		e.isLine = true
		return e, nil
	}
	dom, p := s.vector(e.basin)
	e.vectorKernel, _ = vectorSuppliedKernelFor(s.Landscape, dom)
	e.vectorTrace, _ = vectorTraceKernelFor(s.Landscape, dom)
	e.vectorP = p
	e.g = make([]float64, s.Dim())
	return e, nil
}

// Clone returns a copy of e with its own scratch space, for another
// goroutine.
func (e *SuppliedExit) Clone() *SuppliedExit {
	c := *e
	if c.g != nil {
		c.g = make([]float64, len(e.g))
	}
	return &c
}

// Basin returns the index of the basin Advance tests for.
func (e *SuppliedExit) Basin() int { return e.basin }

// Advance advances the point x (d coordinates, updated in place) over the
// noise vectors in z, d coordinates each and one per step (len(z) a
// multiple of d), until an iterate leaves the basin. It returns the number
// of steps taken, m ≤ len(z)/d, and whether the last of them left the
// basin; x is then X_m. The basin test is FirstExit's: in one dimension the
// exitable ends of the basin's interval, otherwise the core of its minimum
// set and Basins.Locate. It does not allocate.
func (e *SuppliedExit) Advance(x, z []float64) (steps int, left bool) {
	if e.isLine {
		x[0], steps, left = e.lineKernel(e.lineP, x[0], z)
		return steps, left
	}
	steps, left, _ = e.vectorKernel(e.vectorP, x, e.g, z)
	return steps, left
}

// Trace is Advance that also records the path: the iterate after the k-th
// step taken, X_{k+1} (k = 0, …, steps−1), is stored in xs[k·d : (k+1)·d].
// xs must hold at least len(z) values. The steps, the arithmetic and the
// basin test are Advance's, so that a caller that watches the path (the
// time a sampler's path last spent near the minimum, say) sees the points
// Advance visits. It does not allocate.
func (e *SuppliedExit) Trace(x, z, xs []float64) (steps int, left bool) {
	if len(xs) < len(z) {
		panic("mc: SuppliedExit.Trace: xs is shorter than z")
	}
	if e.isLine {
		x[0], steps, left = e.lineTrace(e.lineP, x[0], z, xs)
		return steps, left
	}
	steps, left, _ = e.vectorTrace(e.vectorP, x, e.g, z, xs)
	return steps, left
}

// Landing returns the basin a point lies in, as ExitRecord.Landing reports
// it (Basins.Locate).
func (e *SuppliedExit) Landing(x []float64) int { return e.sys.Basins.Locate(x) }
