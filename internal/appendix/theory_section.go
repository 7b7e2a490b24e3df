package appendix

import (
	"strconv"
	"strings"
)

// introData is the setting stated in the opening paragraph: the paper's
// landscape and noise as theory.json records them, the run's size and the
// two-dimensional sections that follow.
type introData struct {
	Lo, Hi          float64
	Minima, Saddles []float64
	// Scale and Alpha are c and α of the Pareto noise, AlphaMinus1 the
	// exponent of λ(η) ∝ η^{α−1}.
	Scale, Alpha, AlphaMinus1 float64
	// Sizes names the run.
	Sizes string
	// Himmelblau says whether the paper's 2-D experiment follows, and
	// QuadraticJ lists the jump numbers of the 2-D quadratic series (none:
	// no such section).
	Himmelblau bool
	QuadraticJ []int
}

// introOf reads the opening paragraph's data.
func introOf(r *results) introData {
	th := r.theory
	d := introData{Lo: th.Domain[0], Hi: th.Domain[1], Minima: th.Minima, Saddles: th.Saddles,
		Scale: th.Scale, Alpha: th.Alpha, AlphaMinus1: th.Alpha - 1, Sizes: r.exits.Sizes, Himmelblau: r.himmelblau != nil}
	if r.quadratic != nil {
		for _, s := range r.quadratic.Series {
			d.QuadraticJ = append(d.QuadraticJ, s.J)
		}
	}
	return d
}

// theorySection is section "Theory": what package theory computes for the
// three thresholds of the paper's Figure 1 (right).
func theorySection(r *results) []block {
	return []block{
		heading{1, text("theory.title", nil), "sec:theory"},
		para{text("theory", nil)},
		tableJumps(r), tableRates(r), tableChains(r),
	}
}

// minimum is the formula m_i of the minimum i (0-based, as everywhere in
// htsgd).
func minimum(i int) Inline { return formula("m_{" + strconv.Itoa(i) + "}") }

// minimaList is the formula "m_1, m_3" of 0-based minima (a dash for
// none).
func minimaList(idx []int) Inline {
	if len(idx) == 0 {
		return prose(dash)
	}
	parts := make([]string, len(idx))
	for i, j := range idx {
		parts[i] = "m_{" + strconv.Itoa(j) + "}"
	}
	return formula(strings.Join(parts, ", "))
}

// vector is "(a, b, …)" with 6 significant digits.
func vector(v []float64) Inline {
	parts := make([]Inline, len(v))
	for i, x := range v {
		parts[i] = num(x, 6)
	}
	return join(prose("("), joinWith(", ", parts), prose(")"))
}

// fixed6 formats a rate constant with 6 decimals, the digits of the
// reference values of docs/theory.md §10.1.
func fixed6(x float64) Inline { return prose(strconv.FormatFloat(x, 'f', 6, 64)) }

// tableJumps lists r_i and J_i for every b.
func tableJumps(r *results) *table {
	th := r.theory
	t := &table{label: "tab:jumps", caption: text("theory.jumps.caption", nil), source: []string{FileTheory},
		align: "lrr" + strings.Repeat("r", len(th.Cases))}
	t.header = []Inline{nil, formula("m_i"), formula("r_i")}
	for _, c := range th.Cases {
		t.header = append(t.header, join(formula("J_i"), prose(", "), bLabel(c.B)))
	}
	for i, m := range th.Minima {
		row := []Inline{minimum(i), num(m, 5), num(th.Cases[0].Radius[i], 4)}
		for _, c := range th.Cases {
			row = append(row, prose(strconv.Itoa(c.Jump[i])))
		}
		t.rows = append(t.rows, row)
	}
	return t
}

// tableRates lists q_ij and q_i for every b, with the largest z-score of
// the independent Monte Carlo check in each row.
func tableRates(r *results) *table {
	th := r.theory
	n := len(th.Minima)
	t := &table{label: "tab:rates", caption: text("theory.rates.caption", nil), source: []string{FileTheory, FileRatesCSV},
		align: "ll" + strings.Repeat("r", n+1) + "r"}
	t.header = []Inline{formula("b"), prose("from")}
	for j := range n {
		t.header = append(t.header, formula("q_{i"+strconv.Itoa(j)+"}"))
	}
	t.header = append(t.header, formula("q_i"), join(prose("MC check "), formula(`\max|z|`)))
	for _, c := range th.Cases {
		t.rules = append(t.rules, len(t.rows))
		for i := range n {
			row := []Inline{nil, minimum(i)}
			if i == 0 {
				row[0] = bValue(c.B)
			}
			for j := range n {
				if i == j {
					row = append(row, prose(dash))
					continue
				}
				row = append(row, fixed6(c.Rates[i][j]))
			}
			row = append(row, fixed6(c.ExitRate[i]))
			switch {
			case i >= len(c.CheckMaxZ):
				row = append(row, prose(dash))
			case c.CheckMaxZ[i] == nil:
				row = append(row, prose("exact"))
			default:
				row = append(row, num(*c.CheckMaxZ[i], 2))
			}
			t.rows = append(t.rows, row)
		}
	}
	return t
}

// tableChains lists the classes of the typical transition graph with their
// limiting chains, one row per wide minimum (its row of Q and its π).
func tableChains(r *results) *table {
	t := &table{label: "tab:chains", caption: text("theory.chains.caption", nil), source: []string{FileTheory}, align: "lllllr"}
	t.header = []Inline{formula("b"), prose("class"), prose("kind"), prose("wide"), join(prose("row of "), formula("Q")), formula(`\pi`)}
	for _, c := range r.theory.Cases {
		t.rules = append(t.rules, len(t.rows))
		for k, cl := range c.Classes {
			kind := "absorbing"
			if !cl.Absorbing {
				kind = "transient"
			}
			for w, i := range cl.Wide {
				row := []Inline{nil, nil, nil, minimum(i), prose(dash), prose(dash)}
				if k == 0 && w == 0 {
					row[0] = bValue(c.B)
				}
				if w == 0 {
					row[1], row[2] = minimaList(cl.Members), prose(kind)
				}
				if w < len(cl.Generator) {
					row[4] = vector(cl.Generator[w])
				}
				if w < len(cl.Stationary) {
					row[5] = num(cl.Stationary[w], 6)
				}
				t.rows = append(t.rows, row)
			}
		}
	}
	return t
}
