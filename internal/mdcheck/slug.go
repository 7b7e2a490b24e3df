package mdcheck

import (
	"regexp"
	"strings"
	"unicode"
)

// Slug returns the anchor that GitHub gives a heading with the Markdown
// source text (without the leading #s): the heading's rendered text, lower
// case, with every character removed that is not a letter, a mark, a
// number, a connector punctuation such as '_', a hyphen or a space, and
// each space replaced by a hyphen. "3. First exit from a basin" becomes
// "3-first-exit-from-a-basin" and "λ(η) and `J_ij`" becomes "λη-and-j_ij".
//
// The rendered text keeps the content of code spans and the text of links
// and images, and drops HTML tags and emphasis delimiters. Repeated
// headings are numbered by Anchors, not by Slug.
func Slug(heading string) string {
	text := renderedText(strings.TrimSpace(heading))
	var b strings.Builder
	for _, r := range strings.ToLower(text) {
		switch {
		case r == ' ':
			b.WriteByte('-')
		case r == '-', unicode.IsLetter(r), unicode.IsMark(r), unicode.IsNumber(r), unicode.Is(unicode.Pc, r):
			b.WriteRune(r)
		}
	}
	return b.String()
}

var (
	// inlineLink matches a link or image with an inline destination; the
	// first group is its text.
	inlineLink = regexp.MustCompile(`!?\[([^\]]*)\]\([^)]*\)`)
	// refLink matches a full or collapsed reference link; the first group
	// is its text.
	refLink = regexp.MustCompile(`!?\[([^\]]*)\]\[[^\]]*\]`)
	// htmlTag matches an inline HTML tag.
	htmlTag = regexp.MustCompile(`</?[A-Za-z][^>]*>`)
)

// renderedText approximates the text a Markdown renderer shows for the
// inline source s: code spans keep their content verbatim, links and images
// keep their text, HTML tags disappear and so do emphasis delimiters ('*'
// anywhere, since Slug drops it anyway, and '_' where it opens or closes
// emphasis, that is not inside a word).
func renderedText(s string) string {
	var out strings.Builder
	for _, part := range splitCode(s) {
		if part.code {
			out.WriteString(part.text)
			continue
		}
		t := inlineLink.ReplaceAllString(part.text, "$1")
		t = refLink.ReplaceAllString(t, "$1")
		t = htmlTag.ReplaceAllString(t, "")
		out.WriteString(stripUnderscoreEmphasis(t))
	}
	return out.String()
}

// stripUnderscoreEmphasis removes the '_' characters of s that are not
// inside a word: CommonMark never treats an underscore between two letters
// or digits as emphasis ("snake_case" keeps it), and one at a word boundary
// ("_stress_") is a delimiter that the rendered text does not show.
func stripUnderscoreEmphasis(s string) string {
	rs := []rune(s)
	var b strings.Builder
	for i, r := range rs {
		if r == '_' {
			before := i > 0 && isWordRune(rs[i-1])
			after := i+1 < len(rs) && isWordRune(rs[i+1])
			if !(before && after) {
				continue
			}
		}
		b.WriteRune(r)
	}
	return b.String()
}

// isWordRune reports whether r is a letter or a digit (or an underscore,
// so that runs of underscores inside a word are kept).
func isWordRune(r rune) bool {
	return unicode.IsLetter(r) || unicode.IsNumber(r) || r == '_'
}

// span is a piece of inline source: code (the content of a code span,
// without the fence of backticks around it) or ordinary text.
type span struct {
	text  string
	code  bool
	fence int // length of each backtick run around a code span
}

// splitCode splits the inline source s into code spans and text. A code
// span opens with a run of n backticks and closes with the next run of
// exactly n backticks; a run with no match is literal text.
func splitCode(s string) []span {
	var out []span
	text := 0 // start of the pending text
	for i := 0; i < len(s); {
		if s[i] != '`' {
			i++
			continue
		}
		n := backtickRun(s, i)
		end := closingRun(s, i+n, n)
		if end < 0 {
			i += n
			continue
		}
		if text < i {
			out = append(out, span{text: s[text:i]})
		}
		out = append(out, span{text: s[i+n : end], code: true, fence: n})
		i = end + n
		text = i
	}
	if text < len(s) {
		out = append(out, span{text: s[text:]})
	}
	return out
}

// backtickRun returns the length of the run of backticks starting at i.
func backtickRun(s string, i int) int {
	n := 0
	for i+n < len(s) && s[i+n] == '`' {
		n++
	}
	return n
}

// closingRun returns the index of the first run of exactly n backticks at or
// after from, or −1.
func closingRun(s string, from, n int) int {
	for j := from; j < len(s); {
		if s[j] != '`' {
			j++
			continue
		}
		m := backtickRun(s, j)
		if m == n {
			return j
		}
		j += m
	}
	return -1
}
