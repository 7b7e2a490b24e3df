package mc

import (
	"context"
	"errors"
	"math"
	"reflect"
	"testing"
	"time"
)

func doubleWellExit(eta, b, start float64, maxSteps int64) FirstExit {
	return FirstExit{
		System: System{
			Line:      doubleWell{},
			Structure: doubleWellStructure,
			Law:       symmetricPareto{alpha: 1.5},
			Eta:       eta,
			B:         b,
		},
		Start:    start,
		MaxSteps: maxSteps,
	}
}

// TestRunExitsWorkerInvariance checks the reproducibility contract: the same
// key gives bit-identical records whatever the number of workers, and a
// shard [first, last) reproduces the matching slice of the full run.
func TestRunExitsWorkerInvariance(t *testing.T) {
	e := doubleWellExit(0.05, 0.5, 1, 1_000_000)
	key := StreamKey{Seed: 7, Labels: []uint64{3}}
	ctx := context.Background()
	one, err := RunExits(ctx, e, key, 0, 64, 1, nil)
	if err != nil {
		t.Fatal(err)
	}
	two, err := RunExits(ctx, e, key, 0, 64, 2, nil)
	if err != nil {
		t.Fatal(err)
	}
	if !reflect.DeepEqual(one, two) {
		t.Fatal("records differ between 1 and 2 workers")
	}
	shard, err := RunExits(ctx, e, key, 20, 40, 3, nil)
	if err != nil {
		t.Fatal(err)
	}
	if !reflect.DeepEqual(shard.Records, one.Records[20:40]) {
		t.Fatal("shard [20, 40) differs from the same replicas of the full run")
	}
	other, err := RunExits(ctx, e, StreamKey{Seed: 8, Labels: []uint64{3}}, 0, 64, 2, nil)
	if err != nil {
		t.Fatal(err)
	}
	if reflect.DeepEqual(one.Records, other.Records) {
		t.Fatal("a different seed gave the same records")
	}
}

// TestOneStepExitProbability checks the kernel exactly in law. From the
// minimum x = 1 of the double well with b = ∞, X_1 = 1 + ηZ because
// f'(1) = 0, and the basin (0, 2] is left iff ηZ < −1, which has
// probability p = P(Z < −1/η) = ½(1/η)^{−α} for the symmetric Pareto law.
// With a cap of one step each replica is a Bernoulli(p) exit. The exit count
// of n replicas is compared with Binomial(n, p) by a two-sided normal test at
// false-alarm rate 1e-4 (|z| > 3.89); the companion case with α off by 10%
// must be rejected.
func TestOneStepExitProbability(t *testing.T) {
	const n = 40000
	eta := 0.1
	e := doubleWellExit(eta, math.Inf(1), 1, 1)
	res, err := RunExits(context.Background(), e, StreamKey{Seed: 1}, 0, n, 0, nil)
	if err != nil {
		t.Fatal(err)
	}
	exits := 0
	for _, r := range res.Records {
		if !r.Censored {
			exits++
			if r.Landing != 0 || r.Steps != 1 {
				t.Fatalf("exit record %+v: want landing 0 after 1 step", r)
			}
		} else if r.Steps != 1 {
			t.Fatalf("censored record %+v: want steps = cap = 1", r)
		}
	}
	z := func(alpha float64) float64 {
		p := 0.5 * math.Pow(1/eta, -alpha)
		return (float64(exits) - n*p) / math.Sqrt(n*p*(1-p))
	}
	if zz := z(1.5); math.Abs(zz) > 3.89 {
		t.Errorf("exits = %d of %d: z = %.2f against the exact probability", exits, n, zz)
	}
	if zz := z(1.5 * 1.1); math.Abs(zz) <= 3.89 {
		t.Errorf("wrong α = 1.65 not rejected: z = %.2f", zz)
	}
}

// TestTruncationForbidsOneJumpExit: with b = 0.5 a single step moves at most
// 0.5 < 1 = distance to the saddle, so no replica can exit in one step.
func TestTruncationForbidsOneJumpExit(t *testing.T) {
	e := doubleWellExit(0.1, 0.5, 1, 1)
	res, err := RunExits(context.Background(), e, StreamKey{Seed: 1}, 0, 5000, 0, nil)
	if err != nil {
		t.Fatal(err)
	}
	for _, r := range res.Records {
		if !r.Censored || r.Landing != NoLanding {
			t.Fatalf("record %+v: want censored", r)
		}
	}
}

// TestRunExitsCancel checks that cancelling stops a run promptly and keeps
// the replicas that finished.
func TestRunExitsCancel(t *testing.T) {
	// b = 0.01 and η = 1e-3 make exits practically impossible, so every
	// replica runs to its cap of 10^12 steps unless cancelled.
	e := doubleWellExit(1e-3, 0.01, 1, 1_000_000_000_000)
	ctx, cancel := context.WithTimeout(context.Background(), 50*time.Millisecond)
	defer cancel()
	begin := time.Now()
	res, err := RunExits(ctx, e, StreamKey{Seed: 1}, 0, 8, 2, nil)
	if !errors.Is(err, context.DeadlineExceeded) {
		t.Fatalf("err = %v, want deadline exceeded", err)
	}
	if len(res.Records) != 0 {
		t.Fatalf("%d replicas reported finished", len(res.Records))
	}
	if d := time.Since(begin); d > 20*time.Second {
		t.Fatalf("cancellation took %v", d)
	}
}

func TestRunExitsBadInput(t *testing.T) {
	tests := []struct {
		name string
		mod  func(*FirstExit)
	}{
		{"eta zero", func(e *FirstExit) { e.Eta = 0 }},
		{"eta NaN", func(e *FirstExit) { e.Eta = math.NaN() }},
		{"b negative", func(e *FirstExit) { e.B = -1 }},
		{"no cap", func(e *FirstExit) { e.MaxSteps = 0 }},
		{"start outside", func(e *FirstExit) { e.Start = 3 }},
	}
	for _, tt := range tests {
		e := doubleWellExit(0.01, 0.5, 1, 10)
		tt.mod(&e)
		if _, err := RunExits(context.Background(), e, StreamKey{}, 0, 2, 1, nil); err == nil {
			t.Errorf("%s: no error", tt.name)
		}
	}
}
