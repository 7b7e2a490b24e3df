package appendix

import (
	"strconv"
)

// A document is the appendix as a list of blocks, built once from the
// results (render.go) and written twice, as LaTeX (latex.go) and as
// Markdown (markdown.go). Every text in it is a snippet: a template of the
// embedded wording (templates/*.tmpl) with the data it is executed on, so
// that both formats say the same thing with the same numbers.
type document struct {
	title  snippet
	blocks []block
}

// snippet is a named template and its data.
type snippet struct {
	name string
	data any
}

// text returns the snippet name executed on data.
func text(name string, data any) snippet { return snippet{name: name, data: data} }

// block is one element of the document.
type block interface{ isBlock() }

// heading is a section heading; level 1 is a section of the appendix
// (\subsection in LaTeX, ## in Markdown).
type heading struct {
	level int
	text  snippet
	label string
}

// para is a paragraph.
type para struct{ text snippet }

// items is a bulleted list.
type items struct{ list []snippet }

// table is a table with a caption. Source names the results files its
// numbers come from; align is a tabular column spec ("lrr"); rules lists
// the row indices before which a rule is drawn.
type table struct {
	label   string
	caption snippet
	source  []string
	align   string
	header  []Inline
	rows    [][]Inline
	rules   []int
}

// figure is a figure file pair figures/<name>.pdf|png with a caption;
// width is its fraction of the line width in LaTeX.
type figure struct {
	label   string
	name    string
	caption snippet
	source  []string
	width   float64
}

func (heading) isBlock() {}
func (para) isBlock()    {}
func (items) isBlock()   {}
func (*table) isBlock()  {}
func (figure) isBlock()  {}

// numberRefs assigns the numbers printed for references: "Table n",
// "Figure n" and section "A.n", by label.
func numberRefs(blocks []block) map[string]string {
	refs := map[string]string{}
	nt, nf, ns := 0, 0, 0
	for _, b := range blocks {
		switch b := b.(type) {
		case *table:
			nt++
			refs[b.label] = strconv.Itoa(nt)
		case figure:
			nf++
			refs[b.label] = strconv.Itoa(nf)
		case heading:
			if b.level == 1 {
				ns++
				if b.label != "" {
					refs[b.label] = "A." + strconv.Itoa(ns)
				}
			}
		}
	}
	return refs
}

// sourceLine is "Source: results/x.json, results/y.csv." under a table or
// figure (empty without files).
func sourceLine(files []string) Inline {
	if len(files) == 0 {
		return nil
	}
	parts := make([]Inline, len(files))
	for i, f := range files {
		parts[i] = code("results/" + f)
	}
	return join(prose("Source: "), joinWith(", ", parts), prose("."))
}
