package mdcheck

import (
	"bytes"
	"errors"
	"fmt"
	"io/fs"
	"net/url"
	"os"
	"os/exec"
	"path"
	"path/filepath"
	"regexp"
	"slices"
	"strings"
)

// Reason says why a link is broken.
type Reason int

const (
	// Missing: the target file or directory does not exist.
	Missing Reason = iota + 1
	// Outside: the path leaves the root (too many "../").
	Outside
	// NoAnchor: the fragment names no heading or HTML anchor of the
	// Markdown file it points into.
	NoAnchor
	// Malformed: the destination's percent-encoding is invalid.
	Malformed
)

// String returns a short description of r.
func (r Reason) String() string {
	switch r {
	case Missing:
		return "no such file or directory"
	case Outside:
		return "leaves the repository"
	case NoAnchor:
		return "no such heading or anchor"
	case Malformed:
		return "malformed destination"
	}
	return fmt.Sprintf("Reason(%d)", int(r))
}

// Problem is one broken link.
type Problem struct {
	// File is the Markdown file holding the link, relative to the root and
	// slash-separated.
	File string
	// Line is the 1-based line of the link.
	Line int
	// Dest is the link destination as written.
	Dest string
	// Reason says what is wrong.
	Reason Reason
}

// String formats p as "file:line: dest: reason".
func (p Problem) String() string {
	return fmt.Sprintf("%s:%d: %s: %s", p.File, p.Line, p.Dest, p.Reason)
}

// scheme matches the scheme of an absolute URL ("https:", "mailto:").
var scheme = regexp.MustCompile(`^[A-Za-z][A-Za-z0-9+.-]*:`)

// Check checks the links of the Markdown files (paths relative to root,
// slash-separated) and returns the broken ones, ordered by file and line.
// The error is for a file that cannot be read.
func Check(root string, files []string) ([]Problem, error) {
	root, err := filepath.Abs(root)
	if err != nil {
		return nil, err
	}
	c := checker{root: root, docs: map[string]document{}}
	var out []Problem
	for _, f := range files {
		doc, err := c.document(f)
		if err != nil {
			return nil, err
		}
		for _, l := range doc.links {
			if r := c.check(f, l.dest); r != 0 {
				out = append(out, Problem{File: f, Line: l.line, Dest: l.dest, Reason: r})
			}
		}
	}
	return out, nil
}

// checker resolves links against one root, parsing each Markdown file once.
type checker struct {
	root string
	docs map[string]document // by path relative to root, slash-separated
}

// document returns the parsed Markdown file rel.
func (c *checker) document(rel string) (document, error) {
	if d, ok := c.docs[rel]; ok {
		return d, nil
	}
	src, err := os.ReadFile(filepath.Join(c.root, filepath.FromSlash(rel)))
	if err != nil {
		return document{}, err
	}
	d := parse(string(src))
	c.docs[rel] = d
	return d, nil
}

// check returns why the link dest in the Markdown file from is broken, or 0.
func (c *checker) check(from, dest string) Reason {
	if dest == "" || scheme.MatchString(dest) || strings.HasPrefix(dest, "//") {
		return 0 // a URL, or an empty link: not a path in the repository
	}
	p, frag, _ := strings.Cut(dest, "#")
	p, _, _ = strings.Cut(p, "?")
	p, err := url.PathUnescape(p)
	if err != nil {
		return Malformed
	}
	if frag, err = url.PathUnescape(frag); err != nil {
		return Malformed
	}
	target := from
	if p != "" {
		if strings.HasPrefix(p, "/") {
			target = path.Clean(strings.TrimPrefix(p, "/"))
		} else {
			target = path.Join(path.Dir(from), p)
		}
		if target == ".." || strings.HasPrefix(target, "../") {
			return Outside
		}
		if _, err := os.Stat(filepath.Join(c.root, filepath.FromSlash(target))); err != nil {
			return Missing
		}
	}
	if frag == "" || !isMarkdown(target) {
		return 0
	}
	doc, err := c.document(target)
	if err != nil {
		return Missing
	}
	if !doc.anchors[frag] {
		return NoAnchor
	}
	return 0
}

// isMarkdown reports whether the file name has a Markdown extension.
func isMarkdown(name string) bool {
	ext := strings.ToLower(path.Ext(name))
	return ext == ".md" || ext == ".markdown"
}

// RepositoryFiles returns the Markdown files of the repository at root,
// relative and slash-separated, sorted: the files git tracks or would track
// (git ls-files --cached --others --exclude-standard, so ignored build
// output is left out), or, when git is not available or root is not in a
// work tree, every Markdown file under root outside .git directories.
func RepositoryFiles(root string) ([]string, error) {
	if files, err := gitFiles(root); err == nil {
		return files, nil
	}
	var files []string
	err := filepath.WalkDir(root, func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		if d.IsDir() && d.Name() == ".git" {
			return filepath.SkipDir
		}
		if !d.IsDir() && isMarkdown(p) {
			rel, err := filepath.Rel(root, p)
			if err != nil {
				return err
			}
			files = append(files, filepath.ToSlash(rel))
		}
		return nil
	})
	slices.Sort(files)
	return files, err
}

// gitFiles lists the Markdown files git knows under root that exist on disk.
func gitFiles(root string) ([]string, error) {
	cmd := exec.Command("git", "-C", root, "ls-files", "-z", "--cached", "--others", "--exclude-standard", "--", "*.md", "*.markdown")
	var stderr bytes.Buffer
	cmd.Stderr = &stderr
	out, err := cmd.Output()
	if err != nil {
		return nil, fmt.Errorf("git ls-files: %v: %s", err, strings.TrimSpace(stderr.String()))
	}
	var files []string
	for _, f := range strings.Split(string(out), "\x00") {
		if f == "" {
			continue
		}
		// A tracked file deleted from the work tree is not checked.
		if _, err := os.Stat(filepath.Join(root, filepath.FromSlash(f))); errors.Is(err, fs.ErrNotExist) {
			continue
		}
		files = append(files, f)
	}
	slices.Sort(files)
	return files, nil
}
