package mc

import (
	"context"
	"fmt"
	"math"
	"reflect"
	"testing"

	"github.com/htsgd/htsgd/landscapes"
	"github.com/htsgd/htsgd/noise"
)

// TestSpecialisedExitPairKernelsBitIdentical checks the two-replica kernel
// for every concrete (curve, law) pair: its specialised copy gives the
// same result as the generic exitKernelPair, and each of its two chains
// follows bit for bit the path of the single-replica kernel from the same
// generator: run together until the first exit (b = 0.6, at most 5·10^4
// steps), both replicas must be where exitKernel puts them after the same
// number of steps, with the same exit flags.
func TestSpecialisedExitPairKernelsBitIdentical(t *testing.T) {
	ctx := context.Background()
	for _, kc := range kernelCases(t) {
		for li, law := range kernelLaws(t) {
			t.Run(fmt.Sprintf("%s/%d-%s", kc.name, li, law.Name()), func(t *testing.T) {
				pair, specialised := exitPairKernelFor(kc.curve, law)
				if !specialised {
					t.Fatalf("no specialised pair kernel for %T and %T", kc.curve, law)
				}
				single, _ := exitKernelFor(kc.curve, law)
				lo, hi := kc.curve.Domain()
				left, right := kc.st.Interval(kc.st.Basin(kc.start))
				p := exitParams{eta: kc.eta, b: 0.6, lo: lo, hi: hi, left: left, right: right}
				key := StreamKey{Seed: 9, Labels: []uint64{uint64(li)}}
				ra, rb := key.Rand(0), key.Rand(1)
				ga, gb := key.Rand(0), key.Rand(1)
				xa, xb, n, outA, outB := pair(ra, rb, p, kc.start, kc.start, 50_000)
				ya, yb, m, gOutA, gOutB := exitKernelPair[landscapes.Curve, noise.Law](kc.curve, law, ga, gb, p, kc.start, kc.start, 50_000)
				if math.Float64bits(xa) != math.Float64bits(ya) || math.Float64bits(xb) != math.Float64bits(yb) ||
					n != m || outA != gOutA || outB != gOutB || *ra != *ga || *rb != *gb {
					t.Fatalf("specialised pair (%v, %v, %d, %v, %v) ≠ generic (%v, %v, %d, %v, %v)", xa, xb, n, outA, outB, ya, yb, m, gOutA, gOutB)
				}
				sa, sb := key.Rand(0), key.Rand(1)
				za, na, oa := single(ctx, sa, p, kc.start, n)
				zb, nb, ob := single(ctx, sb, p, kc.start, n)
				if math.Float64bits(xa) != math.Float64bits(za) || math.Float64bits(xb) != math.Float64bits(zb) ||
					na != n || nb != n || oa != outA || ob != outB || *ra != *sa || *rb != *sb {
					t.Fatalf("pair after %d steps (%v %v, %v %v) ≠ singles (%v after %d %v, %v after %d %v)",
						n, xa, outA, xb, outB, za, na, oa, zb, nb, ob)
				}
				t.Logf("%d steps: a = %.17g (exit %v), b = %.17g (exit %v)", n, xa, outA, xb, outB)
			})
		}
	}
}

// TestExitPairsMatchRun checks runExitPairs against its contract: every
// replica's record equals e.Run(ctx, key.Rand(k)) run alone, for any number
// of workers and an odd number of replicas (so a goroutine ends with a
// replica alone), with exits at very different times and censored replicas
// (η = 0.01, b = 0.6, cap 3000 steps: about a sixth censored), on the generic path (test doubles) and a specialised
// one (critical points with Pareto noise).
func TestExitPairsMatchRun(t *testing.T) {
	cp, law := specSystem(t)
	concrete := FirstExit{System: System{Line: cp, Structure: cp.Structure(), Law: law, Eta: 0.01, B: 0.6},
		Start: 1, MaxSteps: 3000}
	for _, e := range []FirstExit{doubleWellExit(0.01, 0.6, 1, 3000), concrete} {
		key := StreamKey{Seed: 11, Labels: []uint64{2}}
		const first, last = 3, 40
		want := make([]ExitRecord, 0, last-first)
		censored := 0
		for k := first; k < last; k++ {
			rec, err := e.Run(context.Background(), key.Rand(k))
			if err != nil {
				t.Fatal(err)
			}
			rec.Replica = k
			want = append(want, rec)
			if rec.Censored {
				censored++
			}
		}
		if censored == 0 || censored == len(want) {
			t.Fatalf("%T: %d of %d censored; the test needs both kinds", e.Law, censored, len(want))
		}
		for _, workers := range []int{1, 2, 3} {
			got, err := RunExits(context.Background(), e, key, first, last, workers, nil)
			if err != nil {
				t.Fatal(err)
			}
			if !reflect.DeepEqual(got.Records, want) {
				t.Fatalf("%T, %d workers: records differ from Run replica by replica", e.Law, workers)
			}
		}
		indices := []int{0, 5, 6, 17, 30}
		got, err := RunExitsOf(context.Background(), e, key, indices, 2, nil)
		if err != nil {
			t.Fatal(err)
		}
		for i, k := range indices {
			rec, err := e.Run(context.Background(), key.Rand(k))
			if err != nil {
				t.Fatal(err)
			}
			rec.Replica = k
			if got.Records[i] != rec {
				t.Fatalf("RunExitsOf replica %d: %+v, Run gives %+v", k, got.Records[i], rec)
			}
		}
		t.Logf("%T: %d of %d replicas censored", e.Law, censored, len(want))
	}
}
