package appendix

import "strings"

// Inline is a run of inline text of the appendix: a sequence of prose, math
// and code spans, built by Go (numbers, intervals, table cells) and rendered
// by each output format in its own way (latex.go, markdown.go). Prose is
// plain Unicode text; math is written in TeX notation (the one notation both
// formats render: LaTeX as is, Markdown as Unicode); code is a literal
// (a file name, a command line).
type Inline []span

// span is one piece of an Inline.
type span struct {
	kind spanKind
	s    string
}

// spanKind says how a span is rendered.
type spanKind int

const (
	// proseSpan is text: escaped in LaTeX, as is in Markdown.
	proseSpan spanKind = iota
	// mathSpan is TeX math: $…$ in LaTeX, Unicode in Markdown.
	mathSpan
	// codeSpan is a literal in a monospaced font.
	codeSpan
)

// prose returns s as prose.
func prose(s string) Inline { return Inline{{proseSpan, s}} }

// formula returns the TeX math s (without dollars) as an inline formula.
func formula(s string) Inline { return Inline{{mathSpan, s}} }

// code returns the literal s.
func code(s string) Inline { return Inline{{codeSpan, s}} }

// join concatenates inlines.
func join(parts ...Inline) Inline {
	var out Inline
	for _, p := range parts {
		out = append(out, p...)
	}
	return out
}

// joinWith concatenates inlines with the prose sep between them.
func joinWith(sep string, parts []Inline) Inline {
	var out Inline
	for i, p := range parts {
		if i > 0 {
			out = append(out, span{proseSpan, sep})
		}
		out = append(out, p...)
	}
	return out
}

// mathText returns the inline as the content of a formula: its spans'
// text, unmarked (for numbers, whose prose is digits).
func mathText(in Inline) string {
	var b strings.Builder
	for _, sp := range in {
		b.WriteString(sp.s)
	}
	return b.String()
}
