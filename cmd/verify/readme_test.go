package main

import (
	"context"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
)

// readmeBlocks returns the fenced code blocks of the repository's README
// with the given info string ("sh", "toml"), each as its text.
func readmeBlocks(t *testing.T, info string) []string {
	t.Helper()
	data, err := os.ReadFile(filepath.Join("..", "..", "README.md"))
	if err != nil {
		t.Fatal(err)
	}
	var blocks []string
	var cur []string
	in := false
	for _, line := range strings.Split(string(data), "\n") {
		switch {
		case !in && strings.TrimSpace(line) == "```"+info:
			in, cur = true, nil
		case in && strings.HasPrefix(line, "```"):
			in = false
			blocks = append(blocks, strings.Join(cur, "\n"))
		case in:
			cur = append(cur, line)
		}
	}
	return blocks
}

// TestReadmeScenarioCopy: the scenario file shown in the README is
// scenarios/three-wells.toml, byte for byte, so the copy cannot drift from
// the file its examples run.
func TestReadmeScenarioCopy(t *testing.T) {
	blocks := readmeBlocks(t, "toml")
	if len(blocks) != 1 {
		t.Fatalf("%d toml blocks in README.md, want 1", len(blocks))
	}
	want, err := os.ReadFile(filepath.Join("..", "..", "scenarios", "three-wells.toml"))
	if err != nil {
		t.Fatal(err)
	}
	if blocks[0] != strings.TrimRight(string(want), "\n") {
		t.Errorf("README.md's scenario differs from scenarios/three-wells.toml:\n%s", blocks[0])
	}
}

// TestReadmeCommands checks every `bin/verify` command of the README's sh
// blocks without running it (.ci/readme-commands.sh runs them): the
// subcommand exists, each of its flags is one the subcommand defines, and
// every file it reads exists. A renamed flag or a moved scenario fails
// here, in `go test`, before CI runs the README.
func TestReadmeCommands(t *testing.T) {
	flagRE := regexp.MustCompile(`(?m)^  -([a-z-]+)`)
	n := 0
	for _, block := range readmeBlocks(t, "sh") {
		for _, line := range strings.Split(block, "\n") {
			cmd, _, _ := strings.Cut(line, "  #")
			fields := strings.Fields(cmd)
			if len(fields) < 2 || fields[0] != "bin/verify" {
				continue
			}
			n++
			sub := fields[1]
			code, help, _ := runCLI(t, context.Background(), sub, "-h")
			if code != exitOK {
				if sub == "version" || sub == "help" {
					continue
				}
				t.Errorf("%q: no subcommand %q", line, sub)
				continue
			}
			defined := map[string]bool{}
			for _, m := range flagRE.FindAllStringSubmatch(help, -1) {
				defined[m[1]] = true
			}
			for k := 2; k < len(fields); k++ {
				f := fields[k]
				switch {
				case f == ">":
					k++ // a redirection: its file is written, not read
				case strings.HasPrefix(f, "-"):
					name, _, _ := strings.Cut(strings.TrimLeft(f, "-"), "=")
					if !defined[name] {
						t.Errorf("%q: %s has no flag -%s", line, sub, name)
					}
				case strings.HasSuffix(f, ".toml"):
					if _, err := os.Stat(filepath.Join("..", "..", f)); err != nil {
						t.Errorf("%q: %v", line, err)
					}
				}
			}
		}
	}
	if n < 10 {
		t.Errorf("only %d bin/verify commands found in README.md's sh blocks", n)
	}
}
