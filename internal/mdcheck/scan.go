package mdcheck

import (
	"regexp"
	"strconv"
	"strings"
)

// link is a link destination as written in a Markdown file, with the
// 1-based line it is on.
type link struct {
	dest string
	line int
}

// document is what the checker needs from one Markdown file: the links it
// makes and the anchors it offers.
type document struct {
	links   []link
	anchors map[string]bool
}

var (
	// atxHeading matches "# Title" to "###### Title" with an optional
	// closing run of #s; group 2 is the title.
	atxHeading = regexp.MustCompile(`^ {0,3}(#{1,6})(?:[ \t]+(.*?))?(?:[ \t]+#+)?[ \t]*$`)
	// setextUnderline matches the line under a setext heading.
	setextUnderline = regexp.MustCompile(`^ {0,3}(?:=+|-+)[ \t]*$`)
	// listItem matches the marker of a list item.
	listItem = regexp.MustCompile(`^ {0,3}(?:[-+*]|[0-9]{1,9}[.)])(?:[ \t]|$)`)
	// fence matches the opening line of a fenced code block; group 1 is the
	// fence.
	fence = regexp.MustCompile("^ {0,3}(`{3,}|~{3,})")
	// refDefinition matches a link reference definition; group 1 is the
	// label, group 2 or 3 the destination.
	refDefinition = regexp.MustCompile(`^ {0,3}\[([^\]]+)\]:[ \t]*(?:<([^>]*)>|(\S+))`)
	// attribute matches an attribute of an HTML tag: group 1 its name, one
	// of groups 2 to 4 its value.
	attribute = regexp.MustCompile(`(?i)\b(href|src|id|name)[ \t]*=[ \t]*(?:"([^"]*)"|'([^']*)'|([^\s"'>]+))`)
)

// parse reads Markdown source the way a renderer does for the purposes of
// link checking: it skips fenced and indented code blocks, HTML comments and
// code spans, and collects the link destinations, the heading anchors
// (numbered like GitHub's: the second "Title" is "title-1") and the explicit
// HTML anchors.
func parse(src string) document {
	doc := document{anchors: map[string]bool{}}
	seen := map[string]int{} // heading slug → times seen
	addHeading := func(text string) {
		s := Slug(text)
		if n := seen[s]; n > 0 {
			doc.anchors[s+"-"+strconv.Itoa(n)] = true
		} else {
			doc.anchors[s] = true
		}
		seen[s]++
	}

	var (
		fenceMark    string   // the open fence, "" outside a fenced block
		indentedCode bool     // inside an indented code block
		prevBlank    = true   // the previous line was blank (or the start)
		inList       bool     // the current block belongs to a list
		inComment    bool     // inside an HTML comment
		para         []string // the lines of the open paragraph
		paraIsItem   bool     // the open paragraph starts a list item
	)
	for n, raw := range strings.Split(src, "\n") {
		line := strings.TrimRight(raw, "\r")
		lineNo := n + 1
		if fenceMark != "" {
			if closesFence(line, fenceMark) {
				fenceMark = ""
			}
			continue
		}
		if m := fence.FindStringSubmatch(line); m != nil && !inComment {
			fenceMark, para, indentedCode, prevBlank = m[1], nil, false, false
			continue
		}
		if strings.TrimSpace(line) == "" {
			prevBlank, para = true, nil
			continue
		}
		indent := indentation(line)
		if indent >= 4 && (indentedCode || (prevBlank && !inList)) && !inComment {
			indentedCode, prevBlank = true, false
			continue
		}
		indentedCode = false
		if indent < 4 {
			switch {
			case listItem.MatchString(line):
				inList = true
			case prevBlank:
				inList = false
			}
		}
		text := stripComments(line, &inComment)
		if strings.TrimSpace(text) == "" { // a comment line ends a paragraph
			para = nil
			continue
		}
		switch {
		case atxHeading.MatchString(text):
			addHeading(atxHeading.FindStringSubmatch(text)[2])
			para = nil
		case setextUnderline.MatchString(text) && len(para) > 0 && !paraIsItem:
			addHeading(strings.Join(para, " "))
			para = nil
		default:
			if len(para) == 0 {
				paraIsItem = listItem.MatchString(text)
			}
			para = append(para, strings.TrimSpace(text))
		}
		code := blankCodeSpans(text)
		for _, d := range inlineDestinations(code) {
			doc.links = append(doc.links, link{dest: d, line: lineNo})
		}
		if m := refDefinition.FindStringSubmatch(code); m != nil && !strings.HasPrefix(m[1], "^") {
			doc.links = append(doc.links, link{dest: m[2] + m[3], line: lineNo})
		}
		for _, tag := range htmlTag.FindAllString(code, -1) {
			for _, a := range attribute.FindAllStringSubmatch(tag, -1) {
				value := a[2] + a[3] + a[4]
				switch strings.ToLower(a[1]) {
				case "href", "src":
					doc.links = append(doc.links, link{dest: value, line: lineNo})
				default: // id, name
					doc.anchors[value] = true
				}
			}
		}
		prevBlank = false
	}
	return doc
}

// closesFence reports whether line closes the fenced block opened by mark: a
// run of the same character at least as long, and nothing else.
func closesFence(line, mark string) bool {
	t := strings.TrimSpace(line)
	if indentation(line) > 3 || len(t) < len(mark) {
		return false
	}
	return strings.Trim(t, mark[:1]) == ""
}

// indentation returns the column of the first non-blank character of line,
// with tabs advancing to the next multiple of 4.
func indentation(line string) int {
	col := 0
	for _, r := range line {
		switch r {
		case ' ':
			col++
		case '\t':
			col += 4 - col%4
		default:
			return col
		}
	}
	return col
}

// stripComments removes the HTML comments of line, tracking comments that
// span lines in *open.
func stripComments(line string, open *bool) string {
	var out strings.Builder
	for line != "" {
		if *open {
			end := strings.Index(line, "-->")
			if end < 0 {
				return out.String()
			}
			line, *open = line[end+3:], false
			continue
		}
		start := strings.Index(line, "<!--")
		if start < 0 {
			out.WriteString(line)
			break
		}
		out.WriteString(line[:start])
		line, *open = line[start+4:], true
	}
	return out.String()
}

// blankCodeSpans replaces every code span of s, backticks included, by
// spaces of the same byte length, so that nothing inside one is read as a
// link.
func blankCodeSpans(s string) string {
	var b strings.Builder
	for _, p := range splitCode(s) {
		if p.code {
			b.WriteString(strings.Repeat(" ", len(p.text)+2*p.fence))
			continue
		}
		b.WriteString(p.text)
	}
	return b.String()
}

// inlineDestinations returns the destinations of the inline links and
// images of one line of text (code spans already blanked): every "](" that
// closes a bracket opened on the line and is followed by a destination.
func inlineDestinations(s string) []string {
	var out []string
	for i := 0; i+1 < len(s); i++ {
		if s[i] != ']' || s[i+1] != '(' || escaped(s, i) || !opened(s, i) {
			continue
		}
		if d := destination(s[i+2:]); d != "" {
			out = append(out, d)
		}
	}
	return out
}

// escaped reports whether the byte at i is preceded by an odd number of
// backslashes.
func escaped(s string, i int) bool {
	n := 0
	for j := i - 1; j >= 0 && s[j] == '\\'; j-- {
		n++
	}
	return n%2 == 1
}

// opened reports whether the ']' at i closes an unescaped '[' earlier on
// the line, with nested brackets balanced.
func opened(s string, i int) bool {
	depth := 0
	for j := i - 1; j >= 0; j-- {
		if escaped(s, j) {
			continue
		}
		switch s[j] {
		case ']':
			depth++
		case '[':
			if depth == 0 {
				return true
			}
			depth--
		}
	}
	return false
}

// destination reads a link destination at the start of s (the text after
// "]("): <…> or a run without spaces in which parentheses balance.
// Backslash escapes are resolved.
func destination(s string) string {
	s = strings.TrimLeft(s, " \t")
	if strings.HasPrefix(s, "<") {
		end := strings.IndexByte(s, '>')
		if end < 0 {
			return ""
		}
		return s[1:end]
	}
	var b strings.Builder
	depth := 0
	for i := 0; i < len(s); i++ {
		c := s[i]
		switch {
		case c == '\\' && i+1 < len(s):
			i++
			b.WriteByte(s[i])
			continue
		case c == ' ' || c == '\t':
			return b.String()
		case c == '(':
			depth++
		case c == ')':
			if depth == 0 {
				return b.String()
			}
			depth--
		}
		b.WriteByte(c)
	}
	return b.String()
}
