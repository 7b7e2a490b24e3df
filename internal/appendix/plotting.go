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

	"gonum.org/v1/plot"
	"gonum.org/v1/plot/plotter"
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

// decadeLabel is "0.01", "1000" or "1e-05", "1e+06" outside [10^−3, 10^4].
func decadeLabel(e float64) string {
	v := math.Pow(10, e)
	if e >= -3 && e <= 4 {
		return strconv.FormatFloat(v, 'f', -1, 64)
	}
	return strconv.FormatFloat(v, 'e', 0, 64)
}

// logAxes sets both axes of p to log scale with decade ticks.
func logAxes(p *plot.Plot) {
	p.X.Scale, p.Y.Scale = plot.LogScale{}, plot.LogScale{}
	p.X.Tick.Marker, p.Y.Tick.Marker = decadeTicks{}, decadeTicks{}
}

// newPlot returns a plot with the appendix's style; tx maps its texts.
func newPlot(tx func(string) string, title, xlabel, ylabel string) *plot.Plot {
	p := plot.New()
	p.Title.Text = tx(title)
	p.X.Label.Text, p.Y.Label.Text = tx(xlabel), tx(ylabel)
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

// savePDF writes dir/<name>.pdf (vector, fonts embedded). The dates the
// PDF library stamps are replaced by a fixed one of the same length (so the
// cross-reference offsets stay valid) to make the file reproducible.
func savePDF(g grid, dir string) error {
	pdf := vgpdf.New(g.w, g.h)
	drawGrid(g, pdf)
	var buf bytes.Buffer
	if _, err := pdf.WriteTo(&buf); err != nil {
		return err
	}
	out := pdfDate.ReplaceAll(buf.Bytes(), []byte("/$1 (D:20000101000000)"))
	return os.WriteFile(filepath.Join(dir, g.name+".pdf"), out, 0o644)
}

// pdfReplace spells out the non-ASCII characters of the figures: gonum's
// PDF canvas declares code page 1252 but passes Go's UTF-8 strings through,
// so only ASCII comes out right.
var pdfReplace = strings.NewReplacer("η", "eta", "λ", "lambda", "τ", "tau", "Ω", "Omega", "α", "alpha",
	"π", "pi", "∞", "inf", "κ", "kappa", "σ", "sigma", "−", "-", "–", "-", "≤", "<=", "≥", ">=", "→", "->",
	"·", "*", "×", "x", "±", "+/-")

// pdfText returns s in ASCII: the characters of pdfReplace spelled out,
// any other non-ASCII character replaced by '?'.
func pdfText(s string) string {
	return strings.Map(func(r rune) rune {
		if r < 0x80 {
			return r
		}
		return '?'
	}, pdfReplace.Replace(s))
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
