package report

import (
	"fmt"
	"io"

	"github.com/olekukonko/tablewriter"
	"github.com/olekukonko/tablewriter/tw"
)

// table is a text table in htsgd's style: headers as given (not
// upper-cased), numbers right-aligned, and every column of numbers in one
// notation (number.go). Cells are strings or numCells; the notation of a
// column is decided when the table is rendered, from all its numbers.
type table struct {
	w      io.Writer
	header []string
	rows   [][]any
}

// newTable returns a table writing to w with the given column headers.
func newTable(w io.Writer, header ...string) *table {
	return &table{w: w, header: header}
}

// Append adds a row of cells: strings, numCells or values printed with
// fmt.Sprint.
func (t *table) Append(cells ...any) error {
	t.rows = append(t.rows, cells)
	return nil
}

// Render writes the table: each column of numbers in scientific notation
// when one of its numbers needs it, in plain decimals otherwise.
func (t *table) Render() error {
	var sci []bool
	for _, row := range t.rows {
		for c, cell := range row {
			for len(sci) <= c {
				sci = append(sci, false)
			}
			if n, ok := cell.(numCell); ok && n.needsExponent() {
				sci[c] = true
			}
		}
	}
	tt := tablewriter.NewTable(t.w,
		tablewriter.WithHeaderAutoFormat(tw.Off),
		tablewriter.WithRowAlignment(tw.AlignRight),
		tablewriter.WithHeaderAlignment(tw.AlignCenter),
	)
	h := make([]any, len(t.header))
	for i, s := range t.header {
		h[i] = s
	}
	tt.Header(h...)
	for _, row := range t.rows {
		cells := make([]any, len(row))
		for c, cell := range row {
			switch v := cell.(type) {
			case string:
				cells[c] = v
			case numCell:
				cells[c] = v.render(v.digitsOr(), sci[c])
			default:
				cells[c] = fmt.Sprint(v)
			}
		}
		if err := tt.Append(cells...); err != nil {
			return err
		}
	}
	return tt.Render()
}

// cellKind is the shape of a numCell.
type cellKind int

const (
	cellOne   cellKind = iota // x
	cellRange                 // [lo, hi]
	cellCI                    // x [lo, hi]
)

// numCell is a table cell of numbers written in the notation of its column:
// a number, an interval "[lo, hi]", or an estimate with its interval
// "x [lo, hi]". A nil number is one that does not exist; a missing upper
// end of an interval whose lower end exists is ∞ (an interval open
// upwards).
type numCell struct {
	kind   cellKind
	vals   []*float64
	digits int // significant digits; 0: sigDigits
}

// num is the cell of one number (nil: "–").
func num(p *float64) numCell { return numCell{kind: cellOne, vals: []*float64{p}} }

// numF is the cell of x (NaN and ±Inf: "–").
func numF(x float64) numCell { return num(Num(x)) }

// numRange is the cell of the interval [lo, hi].
func numRange(lo, hi *float64) numCell { return numCell{kind: cellRange, vals: []*float64{lo, hi}} }

// numCI is the cell of the estimate x with its interval [lo, hi]: "x" when
// the interval is missing, "– [lo, hi]" when only the estimate is (a mean
// with no exits has a lower bound).
func numCI(x, lo, hi *float64) numCell { return numCell{kind: cellCI, vals: []*float64{x, lo, hi}} }

// withDigits returns c written with the given significant digits.
func (c numCell) withDigits(digits int) numCell {
	c.digits = digits
	return c
}

func (c numCell) digitsOr() int {
	if c.digits > 0 {
		return c.digits
	}
	return sigDigits
}

// needsExponent reports whether one of the cell's numbers needs scientific
// notation.
func (c numCell) needsExponent() bool {
	for _, v := range c.vals {
		if v != nil && needsExponent(*v, c.digitsOr()) {
			return true
		}
	}
	return false
}

// renderInline writes the cell on its own, outside a table: in the
// notation its numbers need, without trailing zeros.
func (c numCell) renderInline() string {
	return c.renderWith(c.digitsOr(), c.needsExponent(), true)
}

// render writes the cell with the given significant digits and notation.
func (c numCell) render(digits int, sci bool) string { return c.renderWith(digits, sci, false) }

// renderWith writes the cell with the given significant digits and
// notation, with trailing zeros dropped when trim is set.
func (c numCell) renderWith(digits int, sci, trim bool) string {
	f := func(p *float64) string {
		if p == nil {
			return "–"
		}
		if trim {
			return trimZeros(fmtSig(*p, digits, sci))
		}
		return fmtSig(*p, digits, sci)
	}
	interval := func(lo, hi *float64) string {
		h := "∞"
		if hi != nil {
			h = f(hi)
		}
		return "[" + f(lo) + ", " + h + "]"
	}
	switch c.kind {
	case cellRange:
		if c.vals[0] == nil && c.vals[1] == nil {
			return "–"
		}
		return interval(c.vals[0], c.vals[1])
	case cellCI:
		if c.vals[1] == nil && c.vals[2] == nil {
			return f(c.vals[0])
		}
		return f(c.vals[0]) + " " + interval(c.vals[1], c.vals[2])
	}
	return f(c.vals[0])
}
