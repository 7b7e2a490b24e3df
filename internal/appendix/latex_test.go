package appendix

import (
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
)

// TestLaTeXCompiles runs pdflatex on the fixture's appendix.tex, a document
// of its own, twice (for the references), and checks that it compiles
// without an error and without an undefined reference. It needs pdflatex
// with booktabs and graphicx (Debian: texlive-latex-base and
// texlive-latex-recommended) and is skipped without it.
func TestLaTeXCompiles(t *testing.T) {
	if testing.Short() {
		t.Skip("runs pdflatex")
	}
	bin, err := exec.LookPath("pdflatex")
	if err != nil {
		t.Skip("pdflatex not found")
	}
	out := renderFixture(t)
	build := t.TempDir()
	var log []byte
	for range 2 {
		cmd := exec.Command(bin, "-interaction=nonstopmode", "-halt-on-error", "-output-directory", build, "appendix.tex")
		cmd.Dir = out
		if log, err = cmd.CombinedOutput(); err != nil {
			t.Fatalf("pdflatex: %v\n%s", err, tail(string(log), 2000))
		}
	}
	if _, err := os.Stat(filepath.Join(build, "appendix.pdf")); err != nil {
		t.Fatal(err)
	}
	if strings.Contains(string(log), "undefined") {
		t.Errorf("pdflatex reports undefined references:\n%s", tail(string(log), 2000))
	}
}

// tail returns the last n bytes of s.
func tail(s string, n int) string {
	if len(s) > n {
		return s[len(s)-n:]
	}
	return s
}
