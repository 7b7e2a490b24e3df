package mdcheck

import "testing"

func TestSlug(t *testing.T) {
	for _, tc := range []struct {
		heading, want string
	}{
		{"Install", "install"},
		{"3. First exit from a basin", "3-first-exit-from-a-basin"},
		{"6.2 How long a run is", "62-how-long-a-run-is"},
		{"  Padded title  ", "padded-title"},
		{"Noise laws and the scale function λ(η)", "noise-laws-and-the-scale-function-λη"},
		{"The rate constants q_ij", "the-rate-constants-q_ij"},
		{"Landscapes in R^d", "landscapes-in-rd"},
		{"[dynamics]", "dynamics"},
		{"`verify exit` output", "verify-exit-output"},
		{"Code keeps `_x_` underscores", "code-keeps-_x_-underscores"},
		{"An _emphasised_ word", "an-emphasised-word"},
		{"Bold **and** *italic*", "bold-and-italic"},
		{"A [link](other.md#x) inside", "a-link-inside"},
		{"Image ![alt text](a.png) inside", "image-alt-text-inside"},
		{"Anchor <a id=\"x\"></a>", "anchor-"},
		{"Em — dash", "em--dash"},
		{"Ωmega and x²", "ωmega-and-x²"},
		{"C++ & Go: 100%", "c--go-100"},
	} {
		if got := Slug(tc.heading); got != tc.want {
			t.Errorf("Slug(%q) = %q, want %q", tc.heading, got, tc.want)
		}
	}
}

func TestParseAnchors(t *testing.T) {
	src := "# Title\n\n## Title\n\nSetext heading\n--------------\n\n" +
		"Setext one\n===\n\n<a id=\"explicit\"></a>\n<span name='other'>x</span>\n\n" +
		"```\n# not a heading\n```\n\n    # not a heading either\n\n- item\n---\n"
	doc := parse(src)
	want := []string{"title", "title-1", "setext-heading", "setext-one", "explicit", "other"}
	for _, a := range want {
		if !doc.anchors[a] {
			t.Errorf("anchor %q missing; have %v", a, doc.anchors)
		}
	}
	for _, a := range []string{"not-a-heading", "not-a-heading-either", "item"} {
		if doc.anchors[a] {
			t.Errorf("anchor %q found, but its heading is in code or not a heading", a)
		}
	}
	if len(doc.anchors) != len(want) {
		t.Errorf("anchors %v, want exactly %v", doc.anchors, want)
	}
}

func TestParseLinks(t *testing.T) {
	src := "See [a](a.md) and ![b](img/b.png \"title\") and [c](<with space.md>).\n" +
		"A `[code](not-a-link.md)` span, an escaped \\[x\\](y.md), an interval [0, 1] (open).\n" +
		"Nested [[x]](n.md), parentheses [p](f(1).md), escaped [e](a\\(b.md).\n" +
		"[ref]: refs/target.md \"Title\"\n" +
		"[^1]: a footnote, not a link\n" +
		"<a href=\"html.md#top\">x</a> <img src='pic.png'>\n" +
		"<!-- [hidden](gone.md) -->\n" +
		"<!--\n[hidden](gone2.md)\n-->\n" +
		"```\n[fenced](gone3.md)\n```\n" +
		"\n    [indented](gone4.md)\n\n" +
		"- list\n\n    [continued](list.md)\n" +
		"\n[last](z.md)\n"
	var got []string
	for _, l := range parse(src).links {
		got = append(got, l.dest)
	}
	want := []string{"a.md", "img/b.png", "with space.md", "n.md", "f(1).md", "a(b.md",
		"refs/target.md", "html.md#top", "pic.png", "list.md", "z.md"}
	if len(got) != len(want) {
		t.Fatalf("links %q, want %q", got, want)
	}
	for i := range want {
		if got[i] != want[i] {
			t.Errorf("link %d = %q, want %q", i, got[i], want[i])
		}
	}
}
