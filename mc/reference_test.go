package mc

import (
	"bytes"
	"context"
	"encoding/json"
	"math"
	"os"
	"slices"
	"testing"

	"github.com/htsgd/htsgd/landscapes"
	"github.com/htsgd/htsgd/noise"
	"github.com/htsgd/htsgd/rng"
)

// referenceCase is one case of testdata/reference_records.json: the spec
// of an experiment and the records the pre-restructuring mc (1-D and R^d
// stacks, commit 01fd138) produced for it (testdata/README.md).
type referenceCase struct {
	Spec struct {
		Name         string    `json:"name"`
		Kind         string    `json:"kind"`
		Landscape    string    `json:"landscape"`
		Law          string    `json:"law"`
		Alpha        float64   `json:"alpha"`
		Scale        float64   `json:"scale"`
		PPlus        float64   `json:"p_plus"`
		PPlusGiven   bool      `json:"p_plus_given"`
		Angular      string    `json:"angular"`
		Eta          float64   `json:"eta"`
		B            float64   `json:"b"`
		BInf         bool      `json:"b_inf"`
		DomainRadius float64   `json:"domain_radius"`
		Start        []float64 `json:"start"`
		MaxSteps     int64     `json:"max_steps"`
		Steps        int64     `json:"steps"`
		Radius       float64   `json:"radius"`
		Snapshots    []int64   `json:"snapshots"`
		RecordBasins bool      `json:"record_basins"`
		Seed         uint64    `json:"seed"`
		Labels       []uint64  `json:"labels"`
		First        int       `json:"first"`
		Last         int       `json:"last"`
		Indices      []int     `json:"indices"`
	} `json:"spec"`
	Records json.RawMessage `json:"records"`
}

// userBowl is a user-defined R² loss with the quadratic-rd Hessian, so
// that the quadratic's ball basin applies (the fixture's user-bowl-rd).
type userBowl struct{}

func (userBowl) Dim() int { return 2 }
func (userBowl) Value(x []float64) float64 {
	return 0.5 * (1.5*x[0]*x[0] + 2*0.5*x[0]*x[1] + 1*x[1]*x[1])
}
func (userBowl) Gradient(dst, x []float64) []float64 {
	dst[0] = 1.5*x[0] + 0.5*x[1]
	dst[1] = 0.5*x[0] + 1*x[1]
	return dst
}

// referenceWalk returns the iterates of w with generator r in the layout of
// the fixture: X_1, …, X_10 and every 1000th.
func referenceWalk(w Walk, r *rng.Rand) ([]walkPoint, error) {
	var out []walkPoint
	d := w.Dim()
	err := w.Run(context.Background(), r, ObserverFunc(func(first int64, xs []float64) error {
		for i := 0; i < len(xs)/d; i++ {
			if n := first + int64(i); n <= 10 || n%1000 == 0 {
				out = append(out, walkPoint{Step: n, X: slices.Clone(xs[i*d : (i+1)*d])})
			}
		}
		return nil
	}))
	return out, err
}

// walkPoint is an iterate X_n of a reference walk.
type walkPoint struct {
	Step int64     `json:"step"`
	X    []float64 `json:"x"`
}

// system builds the case's System with the new API, as a caller would from
// the old one: in one dimension the landscape's own domain as the
// projection interval and the scalar law; in R² the projection ball (none
// for a zero radius) and the radial law.
func (c referenceCase) system(t *testing.T) System {
	s := c.Spec
	must := func(err error) {
		if err != nil {
			t.Fatal(err)
		}
	}
	var law noise.Law
	if s.Law == "user-pareto" {
		law = symmetricPareto{alpha: s.Alpha}
	} else {
		alpha := s.Alpha
		if s.Law == "gaussian" {
			alpha = math.NaN()
		}
		var err error
		law, err = noise.New(s.Law, alpha, s.Scale, s.PPlus, s.PPlusGiven)
		must(err)
	}
	b := s.B
	if s.BInf {
		b = math.Inf(1)
	}
	if s.Angular == "" {
		var (
			l  landscapes.Line
			st landscapes.Structure
		)
		switch s.Landscape {
		case "paper-1d":
			p, err := landscapes.NewPaper1D(landscapes.Paper1DLo, landscapes.Paper1DHi)
			must(err)
			st, err = landscapes.Discover(p)
			must(err)
			l = p
		case "double-well":
			cp, err := landscapes.NewCriticalPoints(1, []float64{-1, 0, 1}, -2, 2)
			must(err)
			l, st = cp, cp.Structure()
		case "quadratic-open":
			q, err := landscapes.NewQuadratic(1, -2.1, 1.5)
			must(err)
			l, st = q, q.Structure()
		case "user-double-well":
			l, st = doubleWell{}, doubleWellStructure
		default:
			t.Fatalf("unknown 1-D landscape %q", s.Landscape)
		}
		return lineSystem(l, st, law, s.Eta, b)
	}
	q, err := landscapes.NewQuadraticRd([][]float64{{1.5, 0.5}, {0.5, 1}}, 1)
	must(err)
	sys := System{Eta: s.Eta, B: b}
	switch s.Landscape {
	case "quadratic-rd":
		sys.Landscape, sys.Basins = q, q
	case "user-bowl-rd":
		sys.Landscape, sys.Basins = userBowl{}, q
	case "gaussian-wells":
		sys.Landscape, sys.Basins = gaussianWells(t)
	case "himmelblau":
		sys.Landscape, sys.Basins = himmelblau(t)
	default:
		t.Fatalf("unknown R^d landscape %q", s.Landscape)
	}
	var ang *noise.Angular
	if s.Angular == "finite" {
		ang = &noise.Angular{Directions: [][]float64{{1, 0}, {-1, 0}, {0, 1}, {0, -1}, {1, 1}, {-1, -1}}}
	}
	sys.Noise, err = noise.NewRadial(2, law, ang)
	must(err)
	if s.DomainRadius > 0 {
		sys.Domain = landscapes.Ball{Radius: s.DomainRadius}
	}
	return sys
}

// TestReferenceRecords checks the non-negotiable contract of the
// restructuring: for the same seeds the new API produces, byte for byte in
// their JSON form, the first-exit and trajectory records of the old 1-D
// and R^d stacks, on every concrete curve and law (generated kernels), on
// user-defined types (interface kernels), on the three concrete R^d
// landscapes and a user-defined one, with and without projection and
// truncation, for ranges and lists of replicas. Records are integers,
// which a rounding difference in a contracting recursion rarely changes,
// so walks pin the arithmetic too: the iterates (exact float64 in JSON) of
// the old exported step functions, which the old kernels were proved
// bit-identical to, against those of Walk.
func TestReferenceRecords(t *testing.T) {
	data, err := os.ReadFile("testdata/reference_records.json")
	if err != nil {
		t.Fatal(err)
	}
	var cases []referenceCase
	if err := json.Unmarshal(data, &cases); err != nil {
		t.Fatal(err)
	}
	if len(cases) < 20 {
		t.Fatalf("%d cases in the fixture", len(cases))
	}
	for _, c := range cases {
		s := c.Spec
		t.Run(s.Name, func(t *testing.T) {
			sys := c.system(t)
			key := StreamKey{Seed: s.Seed, Labels: s.Labels}
			set := ReplicaRange(s.First, s.Last)
			if s.Indices != nil {
				set = ReplicaIndices(s.Indices)
			}
			var (
				got any
				err error
			)
			switch s.Kind {
			case "exit":
				e := FirstExit{System: sys, Start: s.Start, MaxSteps: s.MaxSteps}
				got, err = runExits(context.Background(), e, key, set, 2)
			case "trajectory":
				e := Trajectory{System: sys, Start: s.Start, Steps: s.Steps, Radius: s.Radius, Snapshots: s.Snapshots, RecordBasins: s.RecordBasins}
				got, err = runTrajectories(context.Background(), e, key, set, 2)
			case "walk":
				got, err = referenceWalk(Walk{System: sys, Start: s.Start, Steps: s.Steps}, key.Rand(s.First))
			default:
				t.Fatalf("unknown kind %q", s.Kind)
			}
			if err != nil {
				t.Fatal(err)
			}
			b, err := json.Marshal(got)
			if err != nil {
				t.Fatal(err)
			}
			if !bytes.Equal(b, c.Records) {
				n := min(len(b), len(c.Records))
				i := 0
				for i < n && b[i] == c.Records[i] {
					i++
				}
				t.Fatalf("records differ from the reference at byte %d:\n new %s\n old %s", i,
					b[max(0, i-80):min(len(b), i+80)], c.Records[max(0, i-80):min(len(c.Records), i+80)])
			}
		})
	}
}
