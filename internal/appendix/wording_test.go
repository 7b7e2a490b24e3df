package appendix

import (
	"strings"
	"testing"
	"testing/fstest"
)

// TestPreprocess checks how each format reads a template's source: prose in
// its spelling, formulas (with actions in them, and a TeX brace right before
// an action) as one call of math, emphasis in its marks, actions as they
// are.
func TestPreprocess(t *testing.T) {
	for _, tt := range []struct{ src, tex, md string }{
		{"95% – “sim”", "95\\% -- ``sim''", "95% – “sim”"},
		{"at $b = {{.B}}$.", "at {{math (print `b = ` (.B))}}.", "at {{math (print `b = ` (.B))}}."},
		{"$w^{{{exact .A}}}$", "{{math (print `w^{` (exact .A) `}`)}}", "{{math (print `w^{` (exact .A) `}`)}}"},
		{"*Slope, $b$.* x", `\emph{Slope, {{math (print ` + "`b`" + `)}}.} x`, "*Slope, {{math (print `b`)}}.* x"},
		{`{{if .X}}a_b{{end}}`, `{{if .X}}a\_b{{end}}`, `{{if .X}}a_b{{end}}`},
		{`{{/* a "quoted" $ */}}`, `{{/* a "quoted" $ */}}`, `{{/* a "quoted" $ */}}`},
	} {
		for _, f := range []format{latex{}, markdown{}} {
			want := tt.tex
			if f.name() == "md" {
				want = tt.md
			}
			got, err := preprocess(tt.src, f)
			if err != nil || got != want {
				t.Errorf("preprocess(%q) for %s = %q, %v; want %q", tt.src, f.name(), got, err, want)
			}
		}
	}
}

// TestPreprocessRejects checks that a template that would print wrong
// fails when it is read: an unclosed formula or emphasis, TeX in prose, a
// control structure or a backquote in a formula, an unclosed action, and
// (for LaTeX) a character it cannot spell.
func TestPreprocessRejects(t *testing.T) {
	for _, src := range []string{"$x", "*x", `a \emph{b}`, "a {b}", "${{if .X}}x{{end}}$", "$`x`$", "{{.X", "${{- .X}}$"} {
		if got, err := preprocess(src, markdown{}); err == nil {
			t.Errorf("preprocess(%q) = %q, want an error", src, got)
		}
	}
	if got, err := preprocess("Ω", latex{}); err == nil {
		t.Errorf("preprocess(Ω) for LaTeX = %q, want an error", got)
	}
}

// TestIs checks that a verdict is tested by its names, and that a name the
// verdict does not have is an error in the template that uses it.
func TestIs(t *testing.T) {
	if ok, err := is(above, "above"); !ok || err != nil {
		t.Errorf("is(above, above) = %v, %v", ok, err)
	}
	if ok, err := is(above, "below"); ok || err != nil {
		t.Errorf("is(above, below) = %v, %v", ok, err)
	}
	if _, err := is(above, "abov"); err == nil {
		t.Error("is(above, abov): want an error for a name position does not have")
	}
	fsys := fstest.MapFS{"templates/x.tmpl": {Data: []byte(`{{define "x"}}{{if is . "insdie"}}in{{end}}{{end}}`)}}
	w, err := parseWording(latex{}, fsys)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := w.execute(text("x", inside)); err == nil || !strings.Contains(err.Error(), "insdie") {
		t.Errorf("a misspelt verdict in a template: error %v", err)
	}
}

// TestOneLine checks that templates may wrap their prose: a line break and
// the spaces around it are one space, other spaces are kept.
func TestOneLine(t *testing.T) {
	if got, want := oneLine("  a\n  b  c\n\n d ·\n"), "a b  c d ·"; got != want {
		t.Errorf("oneLine = %q, want %q", got, want)
	}
}

// TestEveryWordingParses checks that the embedded templates parse for both
// formats and that each snippet of the fixture's document executes in both.
func TestEveryWordingParses(t *testing.T) {
	r, err := readResults(fixture)
	if err != nil {
		t.Fatal(err)
	}
	doc, err := buildDocument(r)
	if err != nil {
		t.Fatal(err)
	}
	for _, f := range []format{latex{}, markdown{refs: numberRefs(doc.blocks)}} {
		w, err := newWording(f)
		if err != nil {
			t.Fatal(err)
		}
		var snips []snippet
		for _, b := range doc.blocks {
			switch b := b.(type) {
			case heading:
				snips = append(snips, b.text)
			case para:
				snips = append(snips, b.text)
			case items:
				snips = append(snips, b.list...)
			case *table:
				snips = append(snips, b.caption)
			case figure:
				snips = append(snips, b.caption)
			}
		}
		for _, s := range snips {
			out, err := w.execute(s)
			if err != nil || out == "" {
				t.Errorf("%s: %s: %q, %v", f.name(), s.name, out, err)
			}
		}
	}
}
