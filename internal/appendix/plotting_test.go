package appendix

import (
	"testing"

	"gonum.org/v1/plot/vg"
)

// TestGlyphOutlines checks that text outside ASCII is drawn in the PDF as
// the outlines of its glyphs where the layout puts it: the outlines of
// "λ(η) = 10⁻⁴" start at the pen position and end within the width
// font.Face.Width measures, between the descender and the ascender, and a
// text of one glyph more reaches further.
func TestGlyphOutlines(t *testing.T) {
	p := newPlot("", "", "")
	face := p.TextHandler.Cache().Lookup(p.Title.TextStyle.Font, p.Title.TextStyle.Font.Size)
	pt := vg.Point{X: 100, Y: 50}
	extent := func(s string) (lo, hi, bot, top vg.Length) {
		path := glyphOutlines(face, pt, s)
		if len(path) == 0 {
			t.Fatalf("%q: no outline", s)
		}
		lo, hi, bot, top = 1e9, -1e9, 1e9, -1e9
		for _, c := range path {
			if c.Type == vg.CloseComp {
				continue
			}
			lo, hi = min(lo, c.Pos.X), max(hi, c.Pos.X)
			bot, top = min(bot, c.Pos.Y), max(top, c.Pos.Y)
		}
		return
	}
	s := "λ(η) = 10⁻⁴"
	lo, hi, bot, top := extent(s)
	size := p.Title.TextStyle.Font.Size
	if w := face.Width(s); lo < pt.X || hi > pt.X+w || hi < pt.X+w/2 {
		t.Errorf("%q spans x ∈ [%v, %v], want it inside [%v, %v] and past the middle", s, lo, hi, pt.X, pt.X+w)
	}
	if bot < pt.Y-size || top > pt.Y+size || top <= pt.Y {
		t.Errorf("%q spans y ∈ [%v, %v] around the baseline %v at size %v", s, bot, top, pt.Y, size)
	}
	if _, hi2, _, _ := extent(s + "π"); hi2 <= hi {
		t.Errorf("one glyph more does not reach further: %v ≤ %v", hi2, hi)
	}
}

// TestDecadeLabel checks that every decade of a log axis is labelled as a
// power of ten, small and large alike.
func TestDecadeLabel(t *testing.T) {
	for e, want := range map[float64]string{-5: "10^{-5}", -1: "10^{-1}", 0: "10^{0}", 4: "10^{4}", 10: "10^{10}"} {
		if got := decadeLabel(e); got != want {
			t.Errorf("decadeLabel(%g) = %q, want %q", e, got, want)
		}
	}
}
