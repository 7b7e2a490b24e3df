package theory

import (
	"math"
	"strconv"
	"strings"
	"sync"
	"testing"

	"github.com/htsgd/htsgd/landscapes"
)

// inf is b = ∞ (no truncation).
var inf = math.Inf(1)

var paperOnce struct {
	sync.Once
	p   landscapes.Paper1D
	s   landscapes.Structure
	err error
}

// paperModel is paper-1d on [−1.6, 1.6] with the noise of THEORY.md
// section 6: α = 1.2, p_+ = ½, truncation b.
func paperModel(t testing.TB, b float64) Model {
	t.Helper()
	paperOnce.Do(func() {
		paperOnce.p, paperOnce.err = landscapes.NewPaper1D(landscapes.Paper1DLo, landscapes.Paper1DHi)
		if paperOnce.err == nil {
			paperOnce.s, paperOnce.err = landscapes.Discover(paperOnce.p)
		}
	})
	if paperOnce.err != nil {
		t.Fatal(paperOnce.err)
	}
	return Model{Structure: paperOnce.s, Deriv: paperOnce.p.Deriv, Alpha: 1.2, PPlus: 0.5, B: b}
}

// quadraticModel is the fixture of THEORY.md section 8: f = x²/2 with the
// open basin (a, c), α = 1.5, p_± = ½, truncation b.
func quadraticModel(t testing.TB, a, c, b float64) Model {
	t.Helper()
	q, err := landscapes.NewQuadratic(1, a, c)
	if err != nil {
		t.Fatal(err)
	}
	return Model{Structure: q.Structure(), Deriv: q.Deriv, Alpha: 1.5, PPlus: 0.5, B: b}
}

// agrees reports whether got rounds to the decimal number want, as printed
// in THEORY.md: |got − want| ≤ half a unit in want's last digit (e.g.
// "0.276749" accepts [0.2767485, 0.2767495]). This is "to 6 significant
// digits" for the 6- and 7-digit numbers of sections 6 and 8.
func agrees(got float64, want string) bool {
	w, err := strconv.ParseFloat(want, 64)
	if err != nil {
		panic(err)
	}
	decimals := 0
	if k := strings.IndexByte(want, '.'); k >= 0 {
		decimals = len(want) - k - 1
	}
	return math.Abs(got-w) <= 0.5*math.Pow(10, -float64(decimals))*(1+1e-9)
}

// mustAnalyse runs Analyse and fails the test on error.
func mustAnalyse(t testing.TB, m Model) *Analysis {
	t.Helper()
	a, err := Analyse(m)
	if err != nil {
		t.Fatal(err)
	}
	return a
}
