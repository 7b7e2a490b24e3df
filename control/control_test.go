package control

import (
	"bytes"
	"context"
	"errors"
	"math"
	"os"
	"reflect"
	"strings"
	"testing"

	"github.com/htsgd/htsgd/rng"
	"github.com/htsgd/htsgd/scenario"
	"gonum.org/v1/gonum/stat/distuv"
)

// fakeMNIST returns a small MNIST-shaped data set: images of a bright
// 4×4 block at a place of their digit (a cell of the 4×4 pooling), with pixel noise, so that a
// tiny net learns something in a few steps.
func fakeMNIST(train, test int) *MNIST {
	r := rng.New(99, 1)
	img := func() ([]byte, int) {
		b := make([]byte, imageSide*imageSide)
		y := int(r.Uint64n(10))
		for i := range b {
			b[i] = byte(r.Uint64n(60))
		}
		for dy := 0; dy < 4; dy++ {
			for dx := 0; dx < 4; dx++ {
				b[(4*(y/5)+4+dy)*imageSide+4*(y%5)+4+dx] = 255
			}
		}
		return b, y
	}
	m := &MNIST{}
	for i := 0; i < train; i++ {
		b, y := img()
		m.TrainImages, m.TrainLabels = append(m.TrainImages, b), append(m.TrainLabels, y)
	}
	for i := 0; i < test; i++ {
		b, y := img()
		m.TestImages, m.TestLabels = append(m.TestImages, b), append(m.TestLabels, y)
	}
	return m
}

// tinySpec is a spec small enough for tests: every method, a 2×2 sweep.
const tinySpec = `
name = "tiny"
seed = 7
replications = 3
[network]
hidden = [6]
[data]
train = 60
corrupt = 10
test = 50
pool = 4
[train]
eta = 0.2
small_batch = 10
large_batch = 30
steps = 60
final_steps = 10
[metrics]
sharpness_draws = 5
power_iterations = 10
exit_window = 5
[sweep]
method = "ours-1"
b = [0.1, 1]
alpha = [1.2, 2]
replications = 2
`

func mustSpec(t *testing.T, src string) *Spec {
	t.Helper()
	s, err := ParseSpec(src)
	if err != nil {
		t.Fatal(err)
	}
	return s
}

// TestDeterminism checks that a run gives the same results, bit for bit,
// with 1, 2 and 5 workers (the runs' wall times aside).
func TestDeterminism(t *testing.T) {
	s := mustSpec(t, tinySpec)
	m := fakeMNIST(200, 50)
	var ref string
	for _, w := range []int{1, 2, 5} {
		res, err := Run(context.Background(), s, m, Options{Workers: w})
		if err != nil {
			t.Fatal(err)
		}
		for i := range res {
			res[i].Seconds = 0
		}
		var b bytes.Buffer
		if err := WriteJSON(&b, Summarize(s, res)); err != nil {
			t.Fatal(err)
		}
		if ref == "" {
			ref = b.String()
			if n := len(res); n != 3*7+2*4 {
				t.Fatalf("%d results, want 29", n)
			}
			continue
		}
		if b.String() != ref {
			t.Fatalf("%d workers give other numbers than 1 worker", w)
		}
	}
	// A different seed gives different numbers: the check has power.
	s2 := *s
	s2.Seed = 8
	res, _ := Run(context.Background(), &s2, m, Options{Workers: 2})
	for i := range res {
		res[i].Seconds = 0
	}
	var b bytes.Buffer
	WriteJSON(&b, Summarize(s, res))
	if b.String() == ref {
		t.Fatal("seed 8 gives the numbers of seed 7")
	}
}

// TestPairing checks that the runs of one replication share the data
// subset and the initial weights: SB with small_batch = large_batch =
// train is then full-batch GD, exactly LB.
func TestPairing(t *testing.T) {
	s := mustSpec(t, tinySpec+"")
	s.Methods = []string{"lb", "sb"}
	s.Train.SmallBatch, s.Train.LargeBatch = s.Data.Train, s.Data.Train
	s.Sweep.B = nil
	res, err := Run(context.Background(), s, fakeMNIST(200, 50), Options{})
	if err != nil {
		t.Fatal(err)
	}
	for r := 0; r < s.Replications; r++ {
		a, b := res[2*r], res[2*r+1]
		if a.TestAccuracy != b.TestAccuracy || a.TrainLoss != b.TrainLoss {
			t.Fatalf("replication %d: lb %v/%v, full-batch sb %v/%v", r, a.TestAccuracy, a.TrainLoss, b.TestAccuracy, b.TrainLoss)
		}
	}
	if res[0].TrainLoss == res[2].TrainLoss {
		t.Fatal("replications 0 and 1 gave the same run")
	}
}

// TestLearns is a known-answer check of the whole pipeline: on the fake
// set, whose digit is the place of a block, every method (16 hidden units, noise
// scale c = 0.1) classifies the clean test images far above chance.
func TestLearns(t *testing.T) {
	s := mustSpec(t, tinySpec)
	s.Sweep.B, s.Sweep.Alpha = nil, nil
	s.Train.Steps, s.Train.FinalSteps = 300, 50
	s.Data.Corrupt = 0
	s.Replications = 2
	s.Network.Hidden = []int{16}
	s.Noise.C = 0.1
	res, err := Run(context.Background(), s, fakeMNIST(200, 100), Options{})
	if err != nil {
		t.Fatal(err)
	}
	for _, r := range res {
		if !r.Diverged && r.TestAccuracy < 0.9 {
			t.Errorf("%s replication %d: test accuracy %v", r.Method, r.Rep, r.TestAccuracy)
		}
	}
}

// TestInterrupt checks that a cancelled run returns context.Canceled with
// the finished runs marked Done and the rest not.
func TestInterrupt(t *testing.T) {
	s := mustSpec(t, tinySpec)
	ctx, cancel := context.WithCancel(context.Background())
	done := 0
	res, err := Run(ctx, s, fakeMNIST(200, 50), Options{Workers: 1, JobDone: func(Result) {
		done++
		if done == 2 {
			cancel()
		}
	}})
	if !errors.Is(err, context.Canceled) {
		t.Fatalf("err = %v", err)
	}
	n := 0
	for _, r := range res {
		if r.Done {
			n++
		}
	}
	if n != 2 {
		t.Fatalf("%d runs done, want 2", n)
	}
	rep := Summarize(s, res)
	if rep.Complete {
		t.Fatal("an interrupted report says complete")
	}
	var b bytes.Buffer
	if err := WriteText(&b, rep); err != nil || !strings.Contains(b.String(), "INTERRUPTED") {
		t.Fatalf("text of an interrupted run: %v\n%s", err, b.String())
	}
}

// TestCountExits checks the exit count on a hand-made sequence: median 1,
// radius 3, two up-crossings (the run of two steps outside counts once).
func TestCountExits(t *testing.T) {
	d := []float64{1, 1, 1, 10, 1, 1, 10, 10, 1}
	n, r, steps := countExits(d, 3)
	if n != 2 || r != 3 || steps != 9 {
		t.Fatalf("exits %d radius %v steps %d, want 2, 3, 9", n, r, steps)
	}
}

// TestPairedCICoverage is a known-answer check of the interval machinery:
// pairs with a shared replication effect u_r ~ N(0, 10²) and method noise
// N(0, 1), true mean difference δ = 0.7, n = 5 pairs. Over 4000 trials the
// paired interval must cover δ in a fraction consistent with 95% (binomial
// acceptance region at false-alarm rate 0.001); an interval judged against
// a wrong δ (0.7 + 1.5) is rejected by the same check. The unpaired
// interval of the same data is at least 3 times wider on average: pairing
// removes u_r.
func TestPairedCICoverage(t *testing.T) {
	const trials, n, delta = 4000, 5, 0.7
	r := rng.New(21, 1)
	cover, coverWrong := 0, 0
	wPaired, wUnpaired := 0.0, 0.0
	a, b := make([]float64, n), make([]float64, n)
	for k := 0; k < trials; k++ {
		for i := 0; i < n; i++ {
			u := 10 * r.NormFloat64()
			a[i] = u + delta + r.NormFloat64()
			b[i] = u + r.NormFloat64()
		}
		iv := PairedCI(a, b)
		if iv.Covers(delta) {
			cover++
		}
		if iv.Covers(delta + 1.5) {
			coverWrong++
		}
		ia, ib := MeanCI(a), MeanCI(b)
		wPaired += float64(iv.Hi - iv.Lo)
		wUnpaired += float64(ia.Hi-ia.Lo) + float64(ib.Hi-ib.Lo)
	}
	bin := distuv.Binomial{N: trials, P: Level}
	ok := func(c int) bool { p := bin.CDF(float64(c)); return p > 0.0005 && p < 0.9995 }
	if !ok(cover) {
		t.Errorf("paired interval covered δ in %d of %d trials", cover, trials)
	}
	if ok(coverWrong) {
		t.Errorf("the coverage check does not reject a wrong δ (%d of %d)", coverWrong, trials)
	}
	// Per replication the shared effect u has sd 10 and the noise sd 1, so
	// a paired difference has sd √2 and each mean's values sd √101: the
	// two unpaired intervals are together about 2·√(101/2) ≈ 14 times as
	// wide as the paired one; 3× leaves room for the t quantiles' noise.
	if wUnpaired < 3*wPaired {
		t.Errorf("unpaired width %v not ≫ paired %v", wUnpaired/trials, wPaired/trials)
	}
}

// TestMeanCIKnown checks MeanCI against a hand computation: values 1..5,
// mean 3, s = √2.5, t_{4,0.975} = 2.776445.
func TestMeanCIKnown(t *testing.T) {
	iv := MeanCI([]float64{1, 2, 3, 4, 5, math.NaN()})
	h := 2.7764451051977987 * math.Sqrt(2.5/5)
	if iv.N != 5 || iv.Mean != 3 || math.Abs(float64(iv.Hi)-3-h) > 1e-12 || math.Abs(3-float64(iv.Lo)-h) > 1e-12 {
		t.Fatalf("%+v, want 3 ± %v", iv, h)
	}
}

// TestBadSpec checks that every bad value is refused with an error naming
// its key.
func TestBadSpec(t *testing.T) {
	for _, tc := range []struct{ src, field string }{
		{`replications = 1`, "replications"},
		{`methods = ["sb", "adam"]`, "methods[1]"},
		{`methods = ["sb", "sb"]`, "methods[1]"},
		{`methods = []`, "methods"},
		{`bogus = 3`, "bogus"},
		{"[train]\nbogus = 3", "train.bogus"},
		{"[train]\neta = -1", "train.eta"},
		{"[train]\neta = \"fast\"", "train.eta"},
		{"[train]\nsmall_batch = 0", "train.small_batch"},
		{"[train]\nlarge_batch = 5000", "train.large_batch"},
		{"[train]\nsteps = 2", "train.steps"},
		{"[train]\nfinal_steps = 3000", "train.final_steps"},
		{"[network]\nkind = \"rnn\"", "network.kind"},
		{"[network]\nhidden = [0]", "network.hidden[0]"},
		{"[network]\nkind = \"conv\"\nkernel = 4", "network.kernel"},
		{"[network]\nkind = \"conv\"\nfilters = 0", "network.filters"},
		{"[data]\npool = 3", "data.pool"},
		{"[data]\ntrain = 5", "data.train"},
		{"[data]\ncorrupt = 2000", "data.corrupt"},
		{"[data]\ntest = 20000", "data.test"},
		{"[noise]\nb = 0", "noise.b"},
		{"[noise]\nalpha = 1", "noise.alpha"},
		{"[noise]\nc = -0.5", "noise.c"},
		{"[sam]\nrho = 0", "sam.rho"},
		{"[metrics]\nsharpness_draws = 0", "metrics.sharpness_draws"},
		{"[metrics]\nsharpness_sigma = 0", "metrics.sharpness_sigma"},
		{"[metrics]\npower_iterations = 0", "metrics.power_iterations"},
		{"[metrics]\npower_tol = 2", "metrics.power_tol"},
		{"[metrics]\nexit_window = 1", "metrics.exit_window"},
		{"[metrics]\nexit_kappa = 1", "metrics.exit_kappa"},
		{"[sweep]\nmethod = \"sb\"\nb = [0.5]\nalpha = [1.4]", "sweep.method"},
		{"[sweep]\nb = [0.5, -1]\nalpha = [1.4]", "sweep.b[1]"},
		{"[sweep]\nb = [0.5]\nalpha = [4]", "sweep.alpha[0]"},
		{"[sweep]\nb = [0.5]\nalpha = [1.4]\nreplications = 9", "sweep.replications"},
		{"[train", "toml"},
	} {
		_, err := ParseSpec(tc.src)
		var fe *scenario.FieldError
		if !errors.As(err, &fe) {
			t.Errorf("%q: error %v, want a FieldError", tc.src, err)
			continue
		}
		if fe.Field != tc.field {
			t.Errorf("%q: field %q (%v), want %q", tc.src, fe.Field, err, tc.field)
		}
	}
}

// TestScenarioFiles checks that the shipped scenarios parse.
func TestScenarioFiles(t *testing.T) {
	for _, p := range []string{"../scenarios/control/control.toml", "../scenarios/control/quick.toml"} {
		if _, err := LoadSpec(p); err != nil {
			t.Errorf("%s: %v", p, err)
		}
	}
}

// TestDefaultIsShipped checks that the built-in default (verify control
// without -scenario) is scenarios/control/control.toml, key for key.
func TestDefaultIsShipped(t *testing.T) {
	s, err := LoadSpec("../scenarios/control/control.toml")
	if err != nil {
		t.Fatal(err)
	}
	if !reflect.DeepEqual(*s, DefaultSpec()) {
		t.Fatalf("scenarios/control/control.toml\n%+v\ndiffers from DefaultSpec\n%+v", *s, DefaultSpec())
	}
}

// TestMNISTVersion checks that go.mod requires the version of the MNIST
// module whose directory LoadMNIST reads.
func TestMNISTVersion(t *testing.T) {
	b, err := os.ReadFile("../go.mod")
	if err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(string(b), MNISTModule+" "+MNISTVersion) {
		t.Fatalf("go.mod does not require %s %s", MNISTModule, MNISTVersion)
	}
}

// TestLoadMNIST reads the real files: 60,000 and 10,000 images, the
// well-known first labels (5 and 7), and MakeTrain's corrupted labels all
// wrong.
func TestLoadMNIST(t *testing.T) {
	m, err := LoadMNIST()
	if err != nil {
		t.Fatal(err)
	}
	if len(m.TrainImages) != 60000 || len(m.TestImages) != 10000 || m.TrainLabels[0] != 5 || m.TestLabels[0] != 7 {
		t.Fatalf("%d/%d images, first labels %d, %d", len(m.TrainImages), len(m.TestImages), m.TrainLabels[0], m.TestLabels[0])
	}
	s, err := MakeTrain(m, 1200, 200, 2, rng.New(1, 1))
	if err != nil {
		t.Fatal(err)
	}
	if len(s.Corrupted) != 200 || s.Train.N != 1200 || s.Train.D != 196 {
		t.Fatalf("%d corrupted, %d×%d", len(s.Corrupted), s.Train.N, s.Train.D)
	}
}

// TestConvNet runs the tiny spec with the conv net (7×7 images, 4×4
// kernels): every run finishes, and the clean fake set is learnt.
func TestConvNet(t *testing.T) {
	s := mustSpec(t, tinySpec+"")
	s.Network = NetworkSpec{Kind: "conv", Filters: 4, Kernel: 4}
	s.Methods = []string{"sb", "ours-2"}
	s.Sweep.B = nil
	s.Data.Corrupt = 0
	s.Noise.C = 0.1
	s.Train.Steps, s.Train.FinalSteps = 300, 50
	if err := s.Validate(); err != nil {
		t.Fatal(err)
	}
	res, err := Run(context.Background(), s, fakeMNIST(200, 100), Options{})
	if err != nil {
		t.Fatal(err)
	}
	for _, r := range res {
		if !r.Done || r.Diverged || r.TestAccuracy < 0.9 {
			t.Errorf("%s replication %d: done %v diverged %v accuracy %v", r.Method, r.Rep, r.Done, r.Diverged, r.TestAccuracy)
		}
	}
}
