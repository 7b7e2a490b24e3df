package mdcheck

import (
	"os"
	"path/filepath"
	"slices"
	"testing"
)

// writeTree creates the files of tree (path → content) under a new
// temporary directory and returns it.
func writeTree(t *testing.T, tree map[string]string) string {
	t.Helper()
	root := t.TempDir()
	for name, content := range tree {
		p := filepath.Join(root, filepath.FromSlash(name))
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(p, []byte(content), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	return root
}

// TestCheck runs the checker on small repositories, each with one kind of
// link, and compares the problems found with the expected ones: the good
// cases must pass, and every broken case must be reported with its reason.
func TestCheck(t *testing.T) {
	base := map[string]string{
		"docs/theory.md":   "# Theory\n\n<a id=\"s6-2\"></a>\n### 6.2 Run length\n\n## Notes\n\n## Notes\n",
		"docs/pic.png":     "png",
		"scenarios/x.toml": "name = \"x\"\n",
	}
	for _, tc := range []struct {
		name   string
		readme string // README.md at the root
		want   []Reason
	}{
		{"file", "[t](docs/theory.md)", nil},
		{"directory", "[d](docs/) and [s](scenarios)", nil},
		{"heading anchor", "[t](docs/theory.md#62-run-length)", nil},
		{"explicit anchor", "[t](docs/theory.md#s6-2)", nil},
		{"repeated heading", "[n](docs/theory.md#notes) [n1](docs/theory.md#notes-1)", nil},
		{"same-file anchor", "# Top\n\n[up](#top)", nil},
		{"root-relative", "[t](/docs/theory.md)", nil},
		{"percent-encoded", "[t](docs/theory%2Emd)", nil},
		{"URLs are not checked", "[w](https://example.org/x.md) [m](mailto:a@b.c) [p](//host/x)", nil},
		{"anchor into a non-Markdown file", "[p](docs/pic.png#frag)", nil},
		{"link in code is not checked", "`[x](missing.md)`\n\n```\n[y](missing.md)\n```", nil},
		{"missing file", "[m](docs/missing.md)", []Reason{Missing}},
		{"missing image", "![p](docs/pic.jpg)", []Reason{Missing}},
		{"missing reference target", "[r][1]\n\n[1]: nowhere.md", []Reason{Missing}},
		{"missing HTML target", "<img src=\"docs/none.png\">", []Reason{Missing}},
		{"missing anchor", "[t](docs/theory.md#s9)", []Reason{NoAnchor}},
		{"missing same-file anchor", "# Top\n\n[x](#bottom)", []Reason{NoAnchor}},
		{"anchor case matters", "[t](docs/theory.md#Notes)", []Reason{NoAnchor}},
		{"leaves the repository", "[s](../outside/SPEC.md)", []Reason{Outside}},
		{"leaves through a subdirectory", "[s](docs/../../x.md)", []Reason{Outside}},
		{"root-relative cannot leave", "[s](/../x.md)", []Reason{Outside}},
		{"malformed escape", "[b](docs/%zz.md)", []Reason{Malformed}},
		{"several problems, in order", "[a](a.md)\n[t](docs/theory.md)\n[b](../b.md#x)", []Reason{Missing, Outside}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			tree := map[string]string{"README.md": tc.readme}
			for k, v := range base {
				tree[k] = v
			}
			root := writeTree(t, tree)
			files, err := RepositoryFiles(root)
			if err != nil {
				t.Fatal(err)
			}
			if want := []string{"README.md", "docs/theory.md"}; !slices.Equal(files, want) {
				t.Fatalf("RepositoryFiles = %q, want %q", files, want)
			}
			probs, err := Check(root, files)
			if err != nil {
				t.Fatal(err)
			}
			var got []Reason
			for _, p := range probs {
				got = append(got, p.Reason)
				if p.File != "README.md" {
					t.Errorf("problem in %s, want README.md: %v", p.File, p)
				}
			}
			if !slices.Equal(got, tc.want) {
				t.Errorf("problems %v, want reasons %v", probs, tc.want)
			}
		})
	}
}

// TestCheckReportsPosition checks the file, line and destination of a
// problem in a nested file.
func TestCheckReportsPosition(t *testing.T) {
	root := writeTree(t, map[string]string{
		"docs/a.md": "# A\n\ntext\n\nsee [b](b.md#nowhere)\n",
		"docs/b.md": "# B\n",
	})
	probs, err := Check(root, []string{"docs/a.md", "docs/b.md"})
	if err != nil {
		t.Fatal(err)
	}
	want := []Problem{{File: "docs/a.md", Line: 5, Dest: "b.md#nowhere", Reason: NoAnchor}}
	if !slices.Equal(probs, want) {
		t.Fatalf("problems %v, want %v", probs, want)
	}
	if got, want := probs[0].String(), "docs/a.md:5: b.md#nowhere: no such heading or anchor"; got != want {
		t.Errorf("String() = %q, want %q", got, want)
	}
}

// TestCheckUnreadable: a listed file that does not exist is an error, not a
// problem.
func TestCheckUnreadable(t *testing.T) {
	if _, err := Check(t.TempDir(), []string{"gone.md"}); err == nil {
		t.Error("Check of a missing file: no error")
	}
}
