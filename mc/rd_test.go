package mc

import (
	"context"
	"math"
	"reflect"
	"strings"
	"testing"

	"github.com/htsgd/htsgd/landscapes"
	"github.com/htsgd/htsgd/noise"
)

func TestStepRd(t *testing.T) {
	inf := math.Inf(1)
	tests := []struct {
		name    string
		x, g, z []float64
		eta, b  float64
		dom     landscapes.Ball
		want    []float64
	}{
		// w = η(g − z) = 0.1·(3, 4) − 0 → ‖w‖ = 0.5 ≤ b: full step.
		{"unclipped", []float64{1, 1}, []float64{3, 4}, []float64{0, 0}, 0.1, 1, landscapes.Ball{Radius: inf}, []float64{0.7, 0.6}},
		// w = 0.1·(0 − (−30, −40)) = (3, 4), ‖w‖ = 5 > b = 1: x − w/5.
		{"clipped", []float64{0, 0}, []float64{0, 0}, []float64{-30, -40}, 0.1, 1, landscapes.Ball{Radius: inf}, []float64{-0.6, -0.8}},
		// Step to (3, 4), projected onto the ball of radius 2: (1.2, 1.6).
		{"projected", []float64{0, 0}, []float64{-3, -4}, []float64{0, 0}, 1, inf, landscapes.Ball{Radius: 2}, []float64{1.2, 1.6}},
		// Noise against the gradient: w = η(g − z) with z = g cancels.
		{"cancel", []float64{0.5, -0.5}, []float64{2, 2}, []float64{2, 2}, 0.3, 0.1, landscapes.Ball{Radius: inf}, []float64{0.5, -0.5}},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			x := append([]float64(nil), tc.x...)
			StepRd(x, tc.g, tc.z, tc.eta, tc.b, tc.dom)
			for k := range x {
				if math.Abs(x[k]-tc.want[k]) > 1e-15 {
					t.Fatalf("x = %v, want %v", x, tc.want)
				}
			}
		})
	}
	w := []float64{3, 4}
	TruncateRd(w, 1)
	if math.Abs(w[0]-0.6) > 1e-15 || math.Abs(w[1]-0.8) > 1e-15 {
		t.Errorf("φ_1(3, 4) = %v", w)
	}
}

// quadSystem is the 2-D quadratic well with ball basin R under isotropic
// Pareto noise (α = 1.5, c = 1).
func quadSystem(t testing.TB, R, eta, b float64) SystemRd {
	q, err := landscapes.NewQuadraticRd([][]float64{{1.5, 0.5}, {0.5, 1}}, R)
	if err != nil {
		t.Fatal(err)
	}
	law, _ := noise.NewPareto(1.5, 1, 0.5)
	z, err := noise.NewRadial(2, law, nil)
	if err != nil {
		t.Fatal(err)
	}
	return SystemRd{Landscape: q, Basins: q, Noise: z, Eta: eta, B: b}
}

// TestRunExitsRdOf: a replica's record does not depend on which other
// replicas run or on the number of workers — RunExitsRdOf on any list of
// indices gives the records RunExitsRd gives those replicas, which is what
// makes sharding and resuming exact; indices that are not strictly
// increasing are an error.
func TestRunExitsRdOf(t *testing.T) {
	e := FirstExitRd{SystemRd: quadSystem(t, 1, 0.05, 1.5), Start: []float64{0.1, 0}, MaxSteps: 5000}
	key := StreamKey{Seed: 9, Labels: []uint64{1}}
	all, err := RunExitsRd(context.Background(), e, key, 0, 12, 2, nil)
	if err != nil {
		t.Fatal(err)
	}
	tests := []struct {
		name    string
		indices []int
		workers int
		wantErr bool
	}{
		{"all, one worker", []int{0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11}, 1, false},
		{"gaps", []int{1, 4, 5, 11}, 2, false},
		{"none", nil, 2, false},
		{"unsorted", []int{9, 2, 7}, 3, true},
		{"negative", []int{-1, 2}, 1, true},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, err := RunExitsRdOf(context.Background(), e, key, tt.indices, tt.workers, nil)
			if tt.wantErr {
				if err == nil {
					t.Fatal("no error")
				}
				return
			}
			if err != nil {
				t.Fatal(err)
			}
			if len(got.Records) != len(tt.indices) {
				t.Fatalf("%d records, want %d", len(got.Records), len(tt.indices))
			}
			for i, r := range got.Records {
				if r != all.Records[tt.indices[i]] {
					t.Errorf("replica %d: %+v, want %+v", tt.indices[i], r, all.Records[tt.indices[i]])
				}
			}
		})
	}
}

// firstStepExits returns how many of n replicas left the basin at step 1
// (MaxSteps = 1: the others are censored).
func firstStepExits(t *testing.T, s SystemRd, n int, seed uint64) int {
	e := FirstExitRd{SystemRd: s, Start: []float64{0, 0}, MaxSteps: 1}
	res, err := RunExitsRd(context.Background(), e, StreamKey{Seed: seed}, 0, n, 2, nil)
	if err != nil {
		t.Fatal(err)
	}
	k := 0
	for _, r := range res.Records {
		if !r.Censored {
			if r.Steps != 1 || r.Landing != landscapes.NoBasin {
				t.Fatalf("record %+v", r)
			}
			k++
		}
	}
	return k
}

func TestExitRdFirstStepLaw(t *testing.T) {
	// From the minimum 0 (∇f = 0) the first step is X_1 = φ_b(ηZ_1): with
	// b > R it leaves the ball ‖x‖ < R iff ‖ηZ‖ ≥ R, with probability
	// H(R/η) = (R/(ηc))^{−α} exactly (THEORY.md section 1). R = 1, η = 0.1,
	// c = 1, α = 1.5: p = 10^{−1.5} = 0.0316. Binomial z-test, level 0.001
	// two-sided (|z| < 3.29).
	const n = 20000
	p := math.Pow(10, -1.5)
	k := firstStepExits(t, quadSystem(t, 1, 0.1, 2), n, 1)
	if z := (float64(k) - n*p) / math.Sqrt(n*p*(1-p)); math.Abs(z) > 3.29 {
		t.Errorf("%d first-step exits of %d, expected %.1f (z = %.2f)", k, n, n*p, z)
	}
	// Truncation: with b = 0.9 < R no single step can leave.
	if k := firstStepExits(t, quadSystem(t, 1, 0.1, 0.9), 2000, 2); k != 0 {
		t.Errorf("b < R: %d first-step exits, want 0", k)
	}
}

func TestExitRdFirstStepLawDetectsWrongScale(t *testing.T) {
	// Companion: predicting with the scale factor of η² instead of η
	// (H(R/η)·1.2, a 20% error) must be rejected by the same test.
	const n = 20000
	p := 1.2 * math.Pow(10, -1.5)
	k := firstStepExits(t, quadSystem(t, 1, 0.1, 2), n, 1)
	if z := (float64(k) - n*p) / math.Sqrt(n*p*(1-p)); math.Abs(z) <= 3.29 {
		t.Errorf("z = %.2f: a 20%% error was not detected", z)
	}
}

func TestExitRdReproducible(t *testing.T) {
	e := FirstExitRd{SystemRd: quadSystem(t, 1, 0.05, 1.5), Start: []float64{0.1, 0}, MaxSteps: 5000}
	key := StreamKey{Seed: 7, Labels: []uint64{3}}
	a, err := RunExitsRd(context.Background(), e, key, 0, 40, 1, nil)
	if err != nil {
		t.Fatal(err)
	}
	b, err := RunExitsRd(context.Background(), e, key, 0, 40, 2, nil)
	if err != nil {
		t.Fatal(err)
	}
	if !reflect.DeepEqual(a, b) {
		t.Error("results depend on the number of workers")
	}
	exits := 0
	for _, r := range a.Records {
		if !r.Censored {
			exits++
		}
	}
	if exits == 0 {
		t.Error("no replica exited")
	}
}

func TestExitRdValidate(t *testing.T) {
	good := quadSystem(t, 1, 0.05, 1)
	tests := []struct {
		name, field string
		mod         func(*FirstExitRd)
	}{
		{"eta", "eta", func(e *FirstExitRd) { e.Eta = 0 }},
		{"b", "b", func(e *FirstExitRd) { e.B = -1 }},
		{"max-steps", "max_steps", func(e *FirstExitRd) { e.MaxSteps = 0 }},
		{"start-dim", "start_x", func(e *FirstExitRd) { e.Start = []float64{0} }},
		{"start-outside", "start_x", func(e *FirstExitRd) { e.Start = []float64{2, 0} }},
		{"start-outside-domain", "start_x", func(e *FirstExitRd) { e.Domain = landscapes.Ball{Radius: 0.1}; e.Start = []float64{0.5, 0} }},
		{"domain", "landscapes.Ball.Radius", func(e *FirstExitRd) { e.Domain = landscapes.Ball{Radius: -1} }},
		{"dimension", "dimension", func(e *FirstExitRd) {
			law, _ := noise.NewPareto(1.5, 1, 0.5)
			e.Noise, _ = noise.NewRadial(3, law, nil)
		}},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			e := FirstExitRd{SystemRd: good, Start: []float64{0, 0}, MaxSteps: 10}
			tc.mod(&e)
			_, err := RunExitsRd(context.Background(), e, StreamKey{}, 0, 1, 1, nil)
			if err == nil || !strings.HasPrefix(err.Error(), tc.field+":") {
				t.Errorf("error %v, want one starting with %q", err, tc.field+":")
			}
		})
	}
}

func TestTrajectoryRdBookkeeping(t *testing.T) {
	g, err := landscapes.NewGaussianWells([][]float64{{-1, 0}, {1, 0}}, []float64{0.3, 0.3}, []float64{0.5, 0.5}, 0.1)
	if err != nil {
		t.Fatal(err)
	}
	bm, err := landscapes.NewBasinMap(g, landscapes.BasinMapOptions{Domain: landscapes.Ball{Radius: 2.5}, Grid: 15, Directions: 90, CacheCells: 64})
	if err != nil {
		t.Fatal(err)
	}
	law, _ := noise.NewPareto(1.5, 1, 0.5)
	z, _ := noise.NewRadial(2, law, nil)
	e := TrajectoryRd{
		SystemRd: SystemRd{Landscape: g, Basins: bm, Noise: z, Eta: 0.05, B: 0.8, Domain: landscapes.Ball{Radius: 2.5}},
		Start:    []float64{-1, 0}, Steps: 200000, Radius: 0.3, RecordBasins: true,
	}
	recs, err := RunTrajectoriesRd(context.Background(), e, StreamKey{Seed: 5}, 0, 2, 2, nil)
	if err != nil {
		t.Fatal(err)
	}
	again, _ := RunTrajectoriesRd(context.Background(), e, StreamKey{Seed: 5}, 0, 2, 1, nil)
	if !reflect.DeepEqual(recs, again) {
		t.Error("results depend on the number of workers")
	}
	for _, r := range recs {
		var near, marker, basin int64
		for j := range r.NearSteps {
			near += r.NearSteps[j]
			marker += r.MarkerSteps[j]
			basin += r.BasinSteps[j]
		}
		if near+r.OutSteps != r.Steps || marker != r.Steps || basin+r.NoBasinSteps != r.Steps {
			t.Errorf("replica %d: near %d + out %d, marker %d, basin %d + %d; want %d each", r.Replica, near, r.OutSteps, marker, basin, r.NoBasinSteps, r.Steps)
		}
		if len(r.Transitions) == 0 {
			t.Errorf("replica %d: no transition between the wells in %d steps", r.Replica, r.Steps)
		}
		from := 0
		for _, tr := range r.Transitions {
			if tr.From != from || tr.To == from {
				t.Fatalf("replica %d: transition %+v after marker %d", r.Replica, tr, from)
			}
			from = tr.To
		}
	}
	if err := (TrajectoryRd{SystemRd: e.SystemRd, Start: e.Start, Steps: 1, Radius: 1.5}).Validate(); err == nil || !strings.HasPrefix(err.Error(), "radius:") {
		t.Errorf("a radius reaching the other minimum: %v", err)
	}
}
