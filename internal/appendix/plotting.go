package appendix

import (
	"bytes"
	"fmt"
	"image/color"
	"io"
	"math"
	"os"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"unicode/utf8"

	xfont "golang.org/x/image/font"
	"golang.org/x/image/font/sfnt"
	"golang.org/x/image/math/fixed"
	"gonum.org/v1/plot"
	"gonum.org/v1/plot/font"
	"gonum.org/v1/plot/plotter"
	plottext "gonum.org/v1/plot/text"
	"gonum.org/v1/plot/vg"
	"gonum.org/v1/plot/vg/draw"
	"gonum.org/v1/plot/vg/vgimg"
	"gonum.org/v1/plot/vg/vgpdf"
)

// pngDPI is the resolution of the PNG figures.
const pngDPI = 150

// Colours of the three exit series and of reference lines.
var (
	seriesColor = map[string]color.Color{
		"b=0.28": color.RGBA{R: 217, G: 95, B: 2, A: 255},
		"b=0.5":  color.RGBA{R: 33, G: 102, B: 172, A: 255},
		"b=inf":  color.RGBA{R: 27, G: 158, B: 119, A: 255},
	}
	grey  = color.Gray{Y: 120}
	black = color.Black
	red   = color.RGBA{R: 200, G: 30, B: 30, A: 255}
)

// colorOf returns a series' colour (black for an unknown label).
func colorOf(label string) color.Color {
	if c, ok := seriesColor[label]; ok {
		return c
	}
	return black
}

// seriesName is a series label for figure legends: "b = 0.5 (J = 2)".
func seriesName(b *float64, J int) string {
	bs := "∞"
	if b != nil {
		bs = strconv.FormatFloat(*b, 'g', -1, 64)
	}
	return fmt.Sprintf("b = %s (J = %d)", bs, J)
}

// decadeTicks marks powers of ten (labelled) and their multiples 2..9.
type decadeTicks struct{}

// Ticks implements plot.Ticker.
func (decadeTicks) Ticks(lo, hi float64) []plot.Tick {
	var ticks []plot.Tick
	for e := math.Floor(math.Log10(lo)); e <= math.Ceil(math.Log10(hi)); e++ {
		v := math.Pow(10, e)
		if v >= lo && v <= hi {
			ticks = append(ticks, plot.Tick{Value: v, Label: decadeLabel(e)})
		}
		for k := 2.0; k < 10; k++ {
			if w := k * v; w >= lo && w <= hi {
				ticks = append(ticks, plot.Tick{Value: w})
			}
		}
	}
	return ticks
}

// decadeLabel is the label of the decade 10^e, the same on every log axis
// and at every e: "10^{-4}", which powerLabels typesets as 10 with a raised
// exponent (the fonts have no superscript minus, so Unicode superscripts
// cannot write it).
func decadeLabel(e float64) string { return "10^{" + strconv.Itoa(int(e)) + "}" }

// decadeAxis makes an axis logarithmic with decade ticks labelled as
// powers of ten.
func decadeAxis(a *plot.Axis) {
	a.Scale, a.Tick.Marker = plot.LogScale{}, decadeTicks{}
	a.Tick.Label.Handler = powerLabels{plottext.Plain{Fonts: font.DefaultCache}}
}

// powerLabels is the text handler of the tick labels of decade axes: a
// label "10^{e}" is written as 10 followed by e in a smaller font raised
// above the baseline (with a minus sign, not a hyphen); any other text, and
// rotated text, as plain text.
type powerLabels struct{ plottext.Plain }

// power splits "10^{e}" into its base and exponent (ok false otherwise).
func power(txt string) (base, exp string, ok bool) {
	base, rest, ok := strings.Cut(txt, "^{")
	if !ok || !strings.HasSuffix(rest, "}") {
		return "", "", false
	}
	return base, strings.ReplaceAll(strings.TrimSuffix(rest, "}"), "-", "−"), true
}

// exponentFont is the font of an exponent in fnt's labels: 70% of its size,
// raised by 40% of its size.
func exponentFont(fnt font.Font) (font.Font, vg.Length) {
	small := fnt
	small.Size = fnt.Size * 0.7
	return small, fnt.Size * 0.4
}

// Box implements text.Handler.
func (h powerLabels) Box(txt string, fnt font.Font) (width, height, depth vg.Length) {
	base, exp, ok := power(txt)
	if !ok {
		return h.Plain.Box(txt, fnt)
	}
	face := h.Fonts.Lookup(fnt, fnt.Size)
	small, raise := exponentFont(fnt)
	sface := h.Fonts.Lookup(small, small.Size)
	ext := face.Extents()
	return face.Width(base) + sface.Width(exp), max(ext.Ascent, raise+sface.Extents().Ascent), ext.Descent
}

// Draw implements text.Handler, placing the label as text.Plain places a
// line of text with the style's alignment.
func (h powerLabels) Draw(c vg.Canvas, txt string, sty plottext.Style, pt vg.Point) {
	base, exp, ok := power(txt)
	if !ok || sty.Rotation != 0 {
		h.Plain.Draw(c, txt, sty, pt)
		return
	}
	face := h.Fonts.Lookup(sty.Font, sty.Font.Size)
	small, raise := exponentFont(sty.Font)
	sface := h.Fonts.Lookup(small, small.Size)
	width, height, _ := h.Box(txt, sty.Font)
	c.SetColor(sty.Color)
	at := vg.Point{X: pt.X + vg.Length(sty.XAlign)*width, Y: pt.Y + height*vg.Length(sty.YAlign) - face.Extents().Ascent + sty.Font.Size}
	c.FillString(face, at, base)
	c.FillString(sface, vg.Point{X: at.X + face.Width(base), Y: at.Y + raise}, exp)
}

// logAxes sets both axes of p to log scale with decade ticks.
func logAxes(p *plot.Plot) {
	decadeAxis(&p.X)
	decadeAxis(&p.Y)
}

// newPlot returns a plot with the appendix's style.
func newPlot(title, xlabel, ylabel string) *plot.Plot {
	p := plot.New()
	p.Title.Text = title
	p.X.Label.Text, p.Y.Label.Text = xlabel, ylabel
	p.Title.TextStyle.Font.Size = vg.Points(10)
	p.X.Label.TextStyle.Font.Size, p.Y.Label.TextStyle.Font.Size = vg.Points(9), vg.Points(9)
	p.X.Tick.Label.Font.Size, p.Y.Tick.Label.Font.Size = vg.Points(8), vg.Points(8)
	p.Legend.TextStyle.Font.Size = vg.Points(8)
	return p
}

// line returns a line plotter through xys.
func line(xys plotter.XYs, c color.Color, width vg.Length, dashed bool) (*plotter.Line, error) {
	l, err := plotter.NewLine(xys)
	if err != nil {
		return nil, err
	}
	l.Color, l.Width = c, width
	if dashed {
		l.Dashes = []vg.Length{vg.Points(4), vg.Points(3)}
	}
	return l, nil
}

// points returns a scatter of xys with glyph shape and colour c.
func points(xys plotter.XYs, c color.Color, shape draw.GlyphDrawer, radius vg.Length) (*plotter.Scatter, error) {
	s, err := plotter.NewScatter(xys)
	if err != nil {
		return nil, err
	}
	s.GlyphStyle = draw.GlyphStyle{Color: c, Radius: radius, Shape: shape}
	return s, nil
}

// errorBars returns vertical bars from lo[i] to hi[i] at x[i].
func errorBars(x, y, lo, hi []float64, c color.Color, cap vg.Length) *plotter.YErrorBars {
	xys := make(plotter.XYs, len(x))
	errs := make(plotter.YErrors, len(x))
	for i := range x {
		xys[i] = plotter.XY{X: x[i], Y: y[i]}
		errs[i].Low, errs[i].High = y[i]-lo[i], hi[i]-y[i]
	}
	return &plotter.YErrorBars{XYs: xys, YErrors: errs, LineStyle: draw.LineStyle{Color: c, Width: vg.Points(0.8)}, CapWidth: cap}
}

// drawGrid draws a figure's plots (nil cells are left empty) on c.
func drawGrid(g grid, c vg.CanvasSizer) {
	tiles := draw.Tiles{Rows: len(g.plots), Cols: len(g.plots[0]), PadX: vg.Points(12), PadY: vg.Points(10),
		PadTop: vg.Points(4), PadBottom: vg.Points(4), PadLeft: vg.Points(4), PadRight: vg.Points(8)}
	dc := draw.New(c)
	canvases := plot.Align(g.plots, tiles, dc)
	for i := range g.plots {
		for j, p := range g.plots[i] {
			if p != nil {
				p.Draw(canvases[i][j])
			}
		}
	}
}

// savePNG writes dir/<name>.png at pngDPI.
func savePNG(g grid, dir string) error {
	img := vgimg.NewWith(vgimg.UseWH(g.w, g.h), vgimg.UseDPI(pngDPI), vgimg.UseBackgroundColor(color.White))
	drawGrid(g, img)
	return writeCanvas(filepath.Join(dir, g.name+".png"), vgimg.PngCanvas{Canvas: img})
}

// pdfDate matches the creation and modification dates of a PDF.
var pdfDate = regexp.MustCompile(`/(CreationDate|ModDate) \(D:\d{14}\)`)

// savePDF writes dir/<name>.pdf (vector, fonts embedded, text outside
// ASCII as glyph outlines: outlineCanvas). The dates the PDF library stamps
// are replaced by a fixed one of the same length (so the cross-reference
// offsets stay valid) to make the file reproducible.
func savePDF(g grid, dir string) error {
	pdf := outlineCanvas{vgpdf.New(g.w, g.h)}
	drawGrid(g, pdf)
	var buf bytes.Buffer
	if _, err := pdf.WriteTo(&buf); err != nil {
		return err
	}
	out := pdfDate.ReplaceAll(buf.Bytes(), []byte("/$1 (D:20000101000000)"))
	return os.WriteFile(filepath.Join(dir, g.name+".pdf"), out, 0o644)
}

// outlineCanvas is the PDF canvas of the figures. gonum's PDF canvas
// encodes text in code page 1252, which has no Greek (η, λ, π, Ω) nor the
// mathematical signs of the labels (∞, ≤, −); a text with a character
// outside ASCII is therefore drawn as the outlines of its glyphs, taken from
// the same font and placed with the same advances and kerning as
// font.Face.Width measures them, so that it looks as in the PNG and keeps
// its place in the layout. ASCII text stays text.
type outlineCanvas struct {
	*vgpdf.Canvas
}

// FillString implements vg.Canvas: the text with its baseline starting at
// pt.
func (c outlineCanvas) FillString(f font.Face, pt vg.Point, s string) {
	if f.Font.Size == 0 {
		return
	}
	ascii := true
	for _, r := range s {
		ascii = ascii && r < utf8.RuneSelf
	}
	if ascii {
		c.Canvas.FillString(f, pt, s)
		return
	}
	c.Fill(glyphOutlines(f, pt, s))
}

// glyphOutlines returns the outlines of the glyphs of s in the face f, the
// baseline starting at pt: each glyph's segments in font units (LoadGlyph at
// one unit per em unit, as font.Face.Width measures), scaled to the font
// size, y pointing up.
func glyphOutlines(f font.Face, pt vg.Point, s string) vg.Path {
	var (
		face  = f.Face
		upem  = fixed.Int26_6(face.UnitsPerEm())
		scale = f.Font.Size / vg.Length(upem)
		buf   sfnt.Buffer
		path  vg.Path
		x     fixed.Int26_6
		prev  sfnt.GlyphIndex
	)
	at := func(p fixed.Point26_6) vg.Point {
		return vg.Point{X: pt.X + vg.Length(x+p.X)*scale, Y: pt.Y - vg.Length(p.Y)*scale}
	}
	for i, r := range []rune(s) {
		idx, err := face.GlyphIndex(&buf, r)
		if err != nil {
			continue
		}
		if i > 0 {
			if k, err := face.Kern(&buf, prev, idx, upem, xfont.HintingNone); err == nil {
				x += k
			}
		}
		segs, err := face.LoadGlyph(&buf, idx, upem, nil)
		if err == nil {
			for _, sg := range segs {
				switch sg.Op {
				case sfnt.SegmentOpMoveTo:
					if len(path) > 0 {
						path.Close()
					}
					path.Move(at(sg.Args[0]))
				case sfnt.SegmentOpLineTo:
					path.Line(at(sg.Args[0]))
				case sfnt.SegmentOpQuadTo:
					path.QuadTo(at(sg.Args[0]), at(sg.Args[1]))
				case sfnt.SegmentOpCubeTo:
					path.CubeTo(at(sg.Args[0]), at(sg.Args[1]), at(sg.Args[2]))
				}
			}
			if len(path) > 0 {
				path.Close()
			}
		}
		if adv, err := face.GlyphAdvance(&buf, idx, upem, xfont.HintingNone); err == nil {
			x += adv
		}
		prev = idx
	}
	return path
}

// writeCanvas writes a canvas to a file.
func writeCanvas(path string, c io.WriterTo) error {
	f, err := os.Create(path)
	if err != nil {
		return err
	}
	if _, err := c.WriteTo(f); err != nil {
		f.Close()
		return err
	}
	return f.Close()
}
