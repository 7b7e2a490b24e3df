package estimators

import (
	"math"
	"math/rand/v2"

	"gonum.org/v1/gonum/stat/distuv"
)

// synthLadder describes a synthetic step-size ladder of exit-time ratios,
// built to look like the ladders `verify converge` will walk (docs/theory.md
// §3.2, §6.1, §11.1):
//
//   - Pareto noise with c = 0.1: λ(η) = c^α η^{α−1}; the top rung is at
//     η = 0.1.
//   - Rungs geometric in λ over the span a brute-force budget reaches: the
//     cost per exit is ∝ 1/(η λ^J) ∝ λ^{−(J + 1/(α−1))}, so a budget of
//     ladderCostSpan between the top and the bottom rung spans a factor
//     S = ladderCostSpan^{1/(J + 1/(α−1))} in λ (4.6 for α = 1.2, J = 1;
//     3.2 for α = 1.2, J = 3; 22 for α = 1.5, J = 1; 250 for α = 2.5, J = 1).
//   - True ratio R(λ) = limit·(1 − bias·(λ/λ_1)^κ), or with + for the
//     "above 1" pattern of r/b just above an integer (docs/theory.md §11.3):
//     bias is the relative bias at the top rung (docs/theory.md §11.2: 2-15% for J = 1,
//     15-45% for J = 2, more for J = 3), limit is 1 for a correct prediction
//     and 0.8 or 1.25 for one wrong by 20%.
//   - Each rung an exponential mean from `exits` exits (complete), or from
//     `exits` samples censored at censorAt times the rung's mean.
type synthLadder struct {
	alpha    float64
	jump     int
	bias     float64
	kappa    float64
	above    bool
	limit    float64
	rungs    int
	exits    int
	censorAt float64
	flat     float64 // if > 0, R = flat at every rung (bias and limit ignored)
}

// ladderCostSpan is the cost ratio between the bottom and the top rung of a
// synthetic ladder: 10^4, what brute force affords between a rung of seconds
// and one of hours.
const ladderCostSpan = 1e4

// paretoC is the noise scale of the synthetic ladders (the paper's).
const paretoC = 0.1

func (l synthLadder) lambdaOf(eta float64) float64 {
	return math.Pow(paretoC, l.alpha) * math.Pow(eta, l.alpha-1)
}

// lambdas returns the rungs' λ, decreasing, and their η.
func (l synthLadder) lambdas() (lambda, eta []float64) {
	span := math.Pow(ladderCostSpan, 1/(float64(l.jump)+1/(l.alpha-1)))
	l1 := l.lambdaOf(0.1)
	for k := range l.rungs {
		lk := l1 * math.Pow(span, -float64(k)/float64(l.rungs-1))
		lambda = append(lambda, lk)
		eta = append(eta, math.Pow(lk/math.Pow(paretoC, l.alpha), 1/(l.alpha-1)))
	}
	return lambda, eta
}

// truth is the true R at λ (top rung λ1).
func (l synthLadder) truth(lambda, l1 float64) float64 {
	if l.flat > 0 {
		return l.flat
	}
	b := l.bias * math.Pow(lambda/l1, l.kappa)
	if l.above {
		return l.limit * (1 + b)
	}
	return l.limit * (1 - b)
}

// simulate draws one ladder of rungs (prediction = 1 step, so R̂ = θ̂).
func (l synthLadder) simulate(rng *rand.Rand) []RatioRung {
	lambda, eta := l.lambdas()
	rungs := make([]RatioRung, len(lambda))
	for k, lk := range lambda {
		theta := l.truth(lk, lambda[0])
		var total float64
		exits, cens := l.exits, 0
		if l.censorAt > 0 {
			exits = 0
			c := l.censorAt * theta
			for range l.exits {
				x := theta * rng.ExpFloat64()
				if x > c {
					total += c
					cens++
				} else {
					total += x
					exits++
				}
			}
		} else {
			total = theta * distuv.Gamma{Alpha: float64(l.exits), Beta: 1, Src: rng}.Rand()
		}
		m, err := ExpMeanFromTotals(total, exits, cens, 0.95)
		if err != nil {
			panic(err)
		}
		if rungs[k], err = NewRatioRung(eta[k], lk, m, 1); err != nil {
			panic(err)
		}
	}
	return rungs
}

// verdictCounts runs reps ladders and counts the verdicts by kind.
func verdictCounts(l synthLadder, reps int, seed uint64, opt LadderOptions) (counts [4]int) {
	rng := rand.New(rand.NewPCG(seed, 0x1add3))
	for range reps {
		v, err := JudgeRatio(l.simulate(rng), opt)
		if err != nil {
			panic(err)
		}
		counts[v.Kind]++
	}
	return counts
}

// synthLanding describes a synthetic ladder of exit locations from one
// basin: the limit law over the allowed cells is law (conditional on an
// allowed landing), and the truth at rung k is
//
//	P(allowed cell j | allowed) = law_j + shift_j·(λ/λ_1)^κ,
//	P(forbidden) = forbid·(λ/λ_1)^beta   (spread evenly over banned cells),
//
// with shift summing to 0 (docs/theory.md §11.2: P(left) 0.89 at η = 0.003
// against 0.943 in the limit). A wrong prediction is passed separately to
// JudgeLanding; beta ≤ 0 makes the forbidden fraction flat or rising.
type synthLanding struct {
	ladder synthLadder // λ grid: alpha, jump, rungs
	law    []float64   // limit over the allowed cells
	shift  []float64
	kappa  float64
	banned int // number of forbidden cells (appended after the allowed ones)
	forbid float64
	beta   float64
	exits  int
}

// simulate draws one ladder of landing counts: cells are the allowed ones
// in order, then the banned ones.
func (l synthLanding) simulate(rng *rand.Rand) []LandingRung {
	lambda, eta := l.ladder.lambdas()
	rungs := make([]LandingRung, len(lambda))
	for k, lk := range lambda {
		r := lk / lambda[0]
		pF := l.forbid * math.Pow(r, l.beta)
		p := make([]float64, 0, len(l.law)+l.banned)
		for j, q := range l.law {
			p = append(p, (1-pF)*(q+l.shift[j]*math.Pow(r, l.kappa)))
		}
		for range l.banned {
			p = append(p, pF/float64(l.banned))
		}
		rungs[k] = LandingRung{Eta: eta[k], Lambda: lk, Counts: multinomial(rng, l.exits, p)}
	}
	return rungs
}

// landingCounts runs reps landing ladders against the prediction probs and
// counts verdicts by kind.
func landingCounts(l synthLanding, probs []float64, reps int, seed uint64, opt LadderOptions) (counts [4]int) {
	rng := rand.New(rand.NewPCG(seed, 0x1a9d))
	for i := range reps {
		opt.Seed = uint64(i)
		v, err := JudgeLanding(l.simulate(rng), probs, opt)
		if err != nil {
			panic(err)
		}
		counts[v.Kind]++
	}
	return counts
}
