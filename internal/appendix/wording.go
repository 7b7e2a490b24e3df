package appendix

import (
	"bytes"
	"embed"
	"fmt"
	"io/fs"
	"strconv"
	"strings"
	"text/template"
)

// The wording of the appendix lives in templates/*.tmpl, embedded in the
// binary, one file per section. A template is written as prose in Unicode
// with three marks of its own:
//
//	$…$      a formula in TeX notation; it may hold actions that give TeX
//	         ({{mnum .Eta 2}}, {{bMath .B}}), but no control structure
//	*…*      emphasis (outside formulas)
//	{{…}}    a text/template action: data, numbers and verdicts
//
// Each output format reads the same templates (format.go): before parsing,
// a template's prose is written in the format's spelling (LaTeX escapes it,
// Markdown takes it as it is), its emphasis in the format's marks, and each
// formula becomes one call of the format's math function on the whole
// formula, so that LaTeX prints it between dollars and Markdown in Unicode.
// The templates are then executed on the same data for both formats.

//go:embed templates/*.tmpl
var templateFiles embed.FS

// format is an output format of the appendix: how it writes each kind of
// inline text.
type format interface {
	// name is "tex" or "md".
	name() string
	// inline writes an Inline.
	inline(Inline) string
	// math writes a formula in TeX notation.
	math(string) (string, error)
	// code writes a literal in a monospaced font; text writes a string of
	// data as text; prose writes the literal prose of a template.
	code(string) string
	text(string) string
	prose(string) (string, error)
	// emph writes the opening or closing mark of emphasis.
	emph(open bool) string
	// ref writes the number of a labelled table, figure or section.
	ref(label string) (string, error)
	// nbsp writes a no-break space.
	nbsp() string
	// theoryLink writes a reference to section s of docs/theory.md (the
	// whole document for "").
	theoryLink(s string) string
}

// wording is the templates of the appendix prepared for one format.
type wording struct {
	format format
	tmpl   *template.Template
}

// newWording parses the embedded templates for f.
func newWording(f format) (*wording, error) {
	return parseWording(f, templateFiles)
}

// parseWording parses the *.tmpl files of fsys (under templates/) for f.
func parseWording(f format, fsys fs.FS) (*wording, error) {
	w := &wording{format: f}
	t := template.New("appendix").Option("missingkey=error").Funcs(w.funcs())
	names, err := fs.Glob(fsys, "templates/*.tmpl")
	if err != nil {
		return nil, err
	}
	if len(names) == 0 {
		return nil, fmt.Errorf("wording: no templates")
	}
	for _, name := range names {
		src, err := fs.ReadFile(fsys, name)
		if err != nil {
			return nil, err
		}
		out, err := preprocess(string(src), f)
		if err != nil {
			return nil, fmt.Errorf("%s: %w", name, err)
		}
		if _, err := t.New(name).Parse(out); err != nil {
			return nil, fmt.Errorf("%s (%s): %w", name, f.name(), err)
		}
	}
	w.tmpl = t
	return w, nil
}

// execute runs a snippet's template on its data. The text of a snippet is
// one line: a run of white space holding a line break becomes one space,
// and the ends are trimmed, so that templates may wrap their prose.
func (w *wording) execute(s snippet) (string, error) {
	var buf bytes.Buffer
	if err := w.tmpl.ExecuteTemplate(&buf, s.name, s.data); err != nil {
		return "", fmt.Errorf("wording (%s): %w", w.format.name(), err)
	}
	return oneLine(buf.String()), nil
}

// oneLine joins the lines of s: every run of white space that holds a line
// break becomes one space; the ends are trimmed.
func oneLine(s string) string {
	var b strings.Builder
	for i := 0; i < len(s); {
		if !asciiSpace(s[i]) {
			b.WriteByte(s[i])
			i++
			continue
		}
		j, newline := i, false
		for j < len(s) && asciiSpace(s[j]) {
			newline = newline || s[j] == '\n'
			j++
		}
		if newline {
			b.WriteByte(' ')
		} else {
			b.WriteString(s[i:j])
		}
		i = j
	}
	return strings.TrimSpace(b.String())
}

// asciiSpace reports whether c is an ASCII space, tab or line break.
func asciiSpace(c byte) bool { return c == ' ' || c == '\t' || c == '\n' || c == '\r' }

// preprocess writes a template's source for format f: prose in f's
// spelling, emphasis in f's marks, each formula as a call of math on the
// formula's text (its literal TeX and the results of its actions, in
// order). Actions outside formulas are copied as they are.
func preprocess(src string, f format) (string, error) {
	var out, prose strings.Builder
	var formula []string // parts of the formula being read
	var lit strings.Builder
	inMath, inEmph := false, false
	flushProse := func() error {
		if prose.Len() == 0 {
			return nil
		}
		p, err := f.prose(prose.String())
		if err != nil {
			return err
		}
		out.WriteString(p)
		prose.Reset()
		return nil
	}
	flushLit := func() {
		if lit.Len() > 0 {
			formula = append(formula, "`"+lit.String()+"`")
			lit.Reset()
		}
	}
	line := 1
	for i := 0; i < len(src); {
		// In a formula, a brace right before an action's {{ is TeX's
		// ("^{{{exact .Alpha}}}").
		if strings.HasPrefix(src[i:], "{{") && !(inMath && strings.HasPrefix(src[i:], "{{{")) {
			n, err := actionLen(src[i:])
			if err != nil {
				return "", fmt.Errorf("line %d: %w", line, err)
			}
			act := src[i : i+n]
			line += strings.Count(act, "\n")
			i += n
			if !inMath {
				if err := flushProse(); err != nil {
					return "", fmt.Errorf("line %d: %w", line, err)
				}
				out.WriteString(act)
				continue
			}
			pipe, err := formulaAction(act)
			if err != nil {
				return "", fmt.Errorf("line %d: %w", line, err)
			}
			flushLit()
			formula = append(formula, "("+pipe+")")
			continue
		}
		c := src[i]
		i++
		if c == '\n' {
			line++
		}
		switch {
		case c == '$' && !inMath:
			if err := flushProse(); err != nil {
				return "", fmt.Errorf("line %d: %w", line, err)
			}
			inMath, formula = true, nil
		case c == '$':
			flushLit()
			if len(formula) == 0 {
				return "", fmt.Errorf("line %d: an empty formula", line)
			}
			out.WriteString("{{math (print " + strings.Join(formula, " ") + ")}}")
			inMath = false
		case inMath:
			if c == '`' {
				return "", fmt.Errorf("line %d: a backquote in a formula", line)
			}
			lit.WriteByte(c)
		case c == '*':
			if err := flushProse(); err != nil {
				return "", fmt.Errorf("line %d: %w", line, err)
			}
			inEmph = !inEmph
			out.WriteString(f.emph(inEmph))
		case c == '{' || c == '}' || c == '\\':
			return "", fmt.Errorf("line %d: %q in prose (braces and backslashes belong in formulas and actions)", line, c)
		default:
			prose.WriteByte(c)
		}
	}
	if inMath || inEmph {
		return "", fmt.Errorf("a formula or an emphasis is not closed at the end")
	}
	if err := flushProse(); err != nil {
		return "", err
	}
	return out.String(), nil
}

// actionLen returns the length of the action at the start of s ("{{…}}"),
// skipping the strings and comments inside it.
func actionLen(s string) (int, error) {
	i := 2
	for i < len(s) {
		switch {
		case strings.HasPrefix(s[i:], "}}"):
			return i + 2, nil
		case strings.HasPrefix(s[i:], "/*"):
			j := strings.Index(s[i:], "*/")
			if j < 0 {
				return 0, fmt.Errorf("an unclosed comment")
			}
			i += j + 2
		case s[i] == '"' || s[i] == '`' || s[i] == '\'':
			q := s[i]
			i++
			for i < len(s) && s[i] != q {
				if s[i] == '\\' && q != '`' {
					i++
				}
				i++
			}
			i++
		default:
			i++
		}
	}
	return 0, fmt.Errorf("an unclosed action")
}

// formulaAction returns the pipeline of an action inside a formula, which
// must be a plain pipeline (its value enters the formula's text).
func formulaAction(act string) (string, error) {
	body := strings.TrimSpace(act[2 : len(act)-2])
	if strings.HasPrefix(body, "-") || strings.HasSuffix(body, "-") {
		return "", fmt.Errorf("trim markers in a formula's action %s", act)
	}
	word := body
	if k := strings.IndexAny(body, " \t\n("); k >= 0 {
		word = body[:k]
	}
	switch word {
	case "if", "else", "end", "range", "with", "define", "template", "block", "break", "continue":
		return "", fmt.Errorf("a control structure in a formula: %s", act)
	}
	if strings.HasPrefix(body, "/*") || strings.Contains(body, ":=") || body == "" {
		return "", fmt.Errorf("not a value in a formula: %s", act)
	}
	return body, nil
}

// funcs returns the template functions of the wording's format.
func (w *wording) funcs() template.FuncMap {
	f := w.format
	in := func(x Inline) string { return f.inline(x) }
	refs := func(word string, labels []string) (string, error) {
		out := make([]string, len(labels))
		for i, l := range labels {
			r, err := f.ref(l)
			if err != nil {
				return "", err
			}
			out[i] = r
		}
		return word + f.nbsp() + strings.Join(out, in(prose("–"))), nil
	}
	return template.FuncMap{
		// Formulas (written by preprocess) and inline text.
		"math": f.math,
		"t":    in,
		"code": f.code,
		"text": f.text,
		// Numbers in text.
		"num":  func(x float64, sig int) string { return in(num(x, sig)) },
		"numP": func(p *float64, sig int) string { return in(numP(p, sig)) },
		"ci": func(x, lo, hi any, sig int) (string, error) {
			p, err := optionals(x, lo, hi)
			if err != nil {
				return "", err
			}
			return in(ci(p[0], p[1], p[2], sig)), nil
		},
		"pct":    func(p *float64) string { return in(pct(p)) },
		"pctCI":  func(x, lo, hi *float64) string { return in(pctCI(x, lo, hi)) },
		"pval":   func(p *float64) string { return in(pval(p)) },
		"bLabel": func(b *float64) string { return in(bLabel(b)) },
		"bValue": func(b *float64) string { return in(bValue(b)) },
		// Numbers in formulas.
		"mnum":       mnum,
		"mnums":      mnums,
		"bMath":      bMath,
		"exact":      exact,
		"float":      toFloat,
		"count":      count,
		"exactPoint": exactPoint,
		"andSep":     andSep,
		"tabList":    func(l []string) (string, error) { return refs("Tables", l) },
		"minus":      func(a, b int) int { return a - b },
		"minus1i":    func(a int) int { return a - 1 },
		"minus1":     func(x float64) float64 { return x - 1 },
		"div":        func(a, b float64) float64 { return a / b },
		"mpval":      func(p *float64) string { return mathText(pval(p)) },
		"ptrs":       func(p ...*float64) []*float64 { return p },
		"pct100":     func(x float64) float64 { return 100 * x },
		"deref":      func(p *float64) float64 { return *p },
		"sig":        func(x float64, n int) string { return strconv.FormatFloat(x, 'g', n, 64) },
		// References.
		"ref":  f.ref,
		"tab":  func(l string) (string, error) { return refs("Table", []string{l}) },
		"tabs": func(l ...string) (string, error) { return refs("Tables", l) },
		"fig":  func(l string) (string, error) { return refs("Figure", []string{l}) },
		"sec":  func(l string) (string, error) { return refs("Section", []string{l}) },
		// docs/theory.md, or sections of it: "docs/theory.md §6.1 and §9.3".
		"doc": func(sections ...string) string {
			if len(sections) == 0 {
				return f.theoryLink("")
			}
			parts := make([]string, len(sections))
			for i, s := range sections {
				parts[i] = f.theoryLink(s)
			}
			return in(prose("docs/theory.md ")) + strings.Join(parts, in(prose(" and ")))
		},
		// Verdicts.
		"is": is,
	}
}

// mnums formats numbers for a formula, "a, b, c", each with sig
// significant digits.
func mnums(xs []float64, sig int) (string, error) {
	parts := make([]string, len(xs))
	for i, x := range xs {
		s, err := mnum(x, sig)
		if err != nil {
			return "", err
		}
		parts[i] = s
	}
	return strings.Join(parts, ", "), nil
}

// count writes a small count in words ("four"), larger ones in digits.
func count(n int) string {
	words := []string{"no", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine"}
	if n >= 0 && n < len(words) {
		return words[n]
	}
	return strconv.Itoa(n)
}

// toFloat converts a count to float64 for the number formats.
func toFloat(n any) (float64, error) {
	switch n := n.(type) {
	case int:
		return float64(n), nil
	case int64:
		return float64(n), nil
	case float64:
		return n, nil
	}
	return 0, fmt.Errorf("float: not a number: %T", n)
}

// andSep is the separator before item i of n in a list "a, b and c".
func andSep(i, n int) string {
	switch {
	case i == 0:
		return ""
	case i == n-1:
		return " and "
	}
	return ", "
}

// optionals converts numbers given as float64 or *float64 to *float64.
func optionals(xs ...any) ([]*float64, error) {
	out := make([]*float64, len(xs))
	for i, x := range xs {
		switch x := x.(type) {
		case float64:
			out[i] = &x
		case *float64:
			out[i] = x
		case nil:
		default:
			return nil, fmt.Errorf("not a number: %T", x)
		}
	}
	return out, nil
}
