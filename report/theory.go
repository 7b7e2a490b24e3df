package report

import (
	"encoding/json"
	"fmt"
	"io"
	"strconv"
	"strings"

	"github.com/htsgd/htsgd/theory"
)

// TheoryCheck is the Monte Carlo cross-check of the rate constants
// (theory.CrossCheck), in the shape of Analysis.Rates.
type TheoryCheck struct {
	// Samples is the number of Monte Carlo paths per side of each minimum.
	Samples int `json:"samples"`
	// Rates and Stderr are the estimates of q_{i,j} and their standard
	// errors.
	Rates  [][]float64 `json:"rates"`
	Stderr [][]float64 `json:"stderr"`
}

// EtaPrediction holds the predicted mean exit steps of every minimum at one
// step size.
type EtaPrediction struct {
	// Eta is η.
	Eta float64 `json:"eta"`
	// Lambda is λ(η) = η^{−1} H(η^{−1}).
	Lambda float64 `json:"lambda"`
	// MeanExitSteps[i] is 1/(q_i η λ(η)^{J_i}); null if Ω_i cannot be left.
	MeanExitSteps []*float64 `json:"mean_exit_steps"`
	// TimeUnit[c] is 1/(η λ(η)^{J_G}) steps for class c.
	TimeUnit []*float64 `json:"time_unit"`
	// NarrowFraction[i] is the first-order finite-η fraction of time in the
	// narrow basin Ω_i (0 for wide minima, null for transient classes).
	NarrowFraction []*float64 `json:"narrow_fraction"`
}

// TheoryReport is the output of `verify theory`: the analysis (whose JSON
// fields come first, as the contract requires), the predictions per step
// size and, with -check, the Monte Carlo cross-check.
type TheoryReport struct {
	*theory.Analysis
	Predictions []EtaPrediction `json:"predictions"`
	Check       *TheoryCheck    `json:"check,omitempty"`
}

// MarshalJSON merges the analysis' own JSON with the extra keys.
func (r TheoryReport) MarshalJSON() ([]byte, error) {
	base, err := r.Analysis.MarshalJSON()
	if err != nil {
		return nil, err
	}
	extra, err := json.Marshal(struct {
		Predictions []EtaPrediction `json:"predictions"`
		Check       *TheoryCheck    `json:"check,omitempty"`
	}{r.Predictions, r.Check})
	if err != nil {
		return nil, err
	}
	// Both are JSON objects: splice "{…}" + "{…}" into one object.
	return append(append(base[:len(base)-1:len(base)-1], ','), extra[1:]...), nil
}

func fmtVec(v []float64, digits int) string {
	s := make([]string, len(v))
	for i, x := range v {
		s[i] = formatG(Num(x), digits)
	}
	return "(" + strings.Join(s, ", ") + ")"
}

func fmtInts(v []int) string {
	s := make([]string, len(v))
	for i, x := range v {
		s[i] = strconv.Itoa(x)
	}
	return "{" + strings.Join(s, ", ") + "}"
}

// WriteTheoryText writes the report for a reader: critical points, r and J,
// the rate matrix (with the cross-check when present), the graph and its
// classes with their limiting chains, and predicted exit times per η.
func WriteTheoryText(w io.Writer, r TheoryReport) error {
	a := r.Analysis
	n := len(a.Minima)
	fmt.Fprintf(w, "minima   %s\n", fmtVec(a.Minima, 6))
	fmt.Fprintf(w, "saddles  %s\n", fmtVec(a.Saddles, 6))
	fmt.Fprintf(w, "r        %s\n", fmtVec(a.Radius, 6))
	fmt.Fprintf(w, "J        %v\n\n", a.JumpNumber)

	fmt.Fprintln(w, "rate constants q_ij (THEORY.md section 3)")
	header := []string{"from"}
	for j := range n {
		header = append(header, "q_i,"+strconv.Itoa(j))
	}
	if len(a.ExitBelow) > 0 {
		header = append(header, "below", "above")
	}
	header = append(header, "q_i")
	t := newTable(w, header...)
	for i := range n {
		row := []any{"m_" + strconv.Itoa(i)}
		for j := range n {
			if i == j {
				row = append(row, "–")
				continue
			}
			cell := strconv.FormatFloat(a.Rates[i][j], 'f', 6, 64)
			if r.Check != nil {
				cell += fmt.Sprintf("\nMC %.4f ± %.4f", r.Check.Rates[i][j], 1.96*r.Check.Stderr[i][j])
			}
			row = append(row, cell)
		}
		if len(a.ExitBelow) > 0 {
			row = append(row, strconv.FormatFloat(a.ExitBelow[i], 'f', 6, 64), strconv.FormatFloat(a.ExitAbove[i], 'f', 6, 64))
		}
		row = append(row, strconv.FormatFloat(a.ExitRate[i], 'f', 6, 64))
		if err := t.Append(row...); err != nil {
			return err
		}
	}
	if err := t.Render(); err != nil {
		return err
	}
	if r.Check != nil {
		fmt.Fprintf(w, "MC: independent time-domain Monte Carlo, %d paths per side, ± 1.96 standard errors\n", r.Check.Samples)
	}

	fmt.Fprintln(w, "\ntypical transition graph (i → j iff J_ij = J_i)")
	for _, c := range a.Classes {
		kind := "absorbing"
		if !c.Absorbing {
			kind = "transient"
		}
		fmt.Fprintf(w, "  class %s (%s): wide %s, narrow %s\n", fmtInts(c.Members), kind, fmtInts(c.Wide), fmtInts(c.Narrow))
		for a, row := range c.Generator {
			fmt.Fprintf(w, "    Q[m_%d] = %s\n", c.Wide[a], fmtVec(row, 6))
		}
		if len(c.Stationary) > 0 {
			fmt.Fprintf(w, "    stationary π = %s\n", fmtVec(c.Stationary, 6))
		}
		if len(c.KillRate) > 0 {
			fmt.Fprintf(w, "    kill rates κ = %s\n", fmtVec(c.KillRate, 6))
		}
	}
	if len(a.Classes) > 1 {
		fmt.Fprintln(w, "  the graph is reducible: each absorbing class has its own limit")
	}

	if len(r.Predictions) > 0 {
		fmt.Fprintln(w, "\npredicted mean exit steps 1/(q_i η λ(η)^J_i) and first-order narrow time fraction per absorbing class")
		header := []string{"η", "λ(η)"}
		for i := range n {
			header = append(header, "E τ_"+strconv.Itoa(i))
		}
		header = append(header, "narrow fraction")
		t := newTable(w, header...)
		for _, p := range r.Predictions {
			row := []any{strconv.FormatFloat(p.Eta, 'g', 4, 64), formatG(Num(p.Lambda), 4)}
			for _, m := range p.MeanExitSteps {
				row = append(row, formatG(m, 4))
			}
			row = append(row, narrowByClass(a, p.NarrowFraction))
			if err := t.Append(row...); err != nil {
				return err
			}
		}
		if err := t.Render(); err != nil {
			return err
		}
	}
	for _, s := range a.Warnings {
		fmt.Fprintln(w, "warning:", s)
	}
	return nil
}

// narrowByClass sums the narrow time fractions within each absorbing class
// (they are fractions of the time spent in that class) and renders one sum
// per class; transient classes have none.
func narrowByClass(a *theory.Analysis, frac []*float64) string {
	var parts []string
	for _, c := range a.Classes {
		if !c.Absorbing {
			continue
		}
		sum := 0.0
		for _, i := range c.Members {
			sum += Value(frac[i])
		}
		parts = append(parts, formatG(Num(sum), 4))
	}
	if len(parts) == 1 {
		return parts[0]
	}
	return strings.Join(parts, " | ")
}
