package main

import (
	"bytes"
	"context"
	"strings"
	"testing"
)

// TestHelp: the overview lists every command; `verify <command> -h` prints
// the command's synopsis, description and flags on stdout with status 0
// and nothing on stderr; `verify help <command>` prints the same text.
func TestHelp(t *testing.T) {
	code, out, _ := runCLI(t, context.Background(), "help")
	if code != exitOK {
		t.Fatalf("help: status %d", code)
	}
	for _, c := range commands() {
		if !strings.Contains(out, "  "+c.name+" ") {
			t.Errorf("help does not list %q:\n%s", c.name, out)
		}
	}
	for _, c := range commands() {
		if c.run == nil {
			continue
		}
		t.Run(c.name, func(t *testing.T) {
			code, out, errOut := runCLI(t, context.Background(), c.name, "-h")
			if code != exitOK || errOut != "" {
				t.Fatalf("%s -h: status %d, stderr %q", c.name, code, errOut)
			}
			if !strings.HasPrefix(out, "usage: verify "+c.name) || !strings.Contains(out, strings.Fields(c.description)[0]) {
				t.Errorf("%s -h: no synopsis or description:\n%s", c.name, out)
			}
			code, viaHelp, _ := runCLI(t, context.Background(), "help", c.name)
			if code != exitOK || viaHelp != out {
				t.Errorf("help %s (status %d) differs from %s -h:\n%s", c.name, code, c.name, viaHelp)
			}
		})
	}
	if _, out, _ := runCLI(t, context.Background(), "merge", "-h"); !strings.Contains(out, "FILE...") || !strings.Contains(out, "-shard i/n -out FILE") {
		t.Errorf("merge -h does not describe its arguments:\n%s", out)
	}
	if _, out, _ := runCLI(t, context.Background(), "exit", "-h"); !strings.Contains(out, "-scenario file") {
		t.Errorf("exit -h does not list its flags:\n%s", out)
	}
	for _, args := range [][]string{{"help", "bogus"}, {"help", "exit", "theory"}, {"exit", "-bogus"}} {
		if code, _, errOut := runCLI(t, context.Background(), args...); code != exitBadInput || errOut == "" {
			t.Errorf("%q: status %d, stderr %q; want status 2 with a message", args, code, errOut)
		}
	}
}

// TestVersion: `verify version` names the module, the revision (or says
// that none was recorded, as in a test binary) and the Go version.
func TestVersion(t *testing.T) {
	code, out, _ := runCLI(t, context.Background(), "version")
	if code != exitOK || !strings.Contains(out, "github.com/htsgd/htsgd") || !strings.Contains(out, "revision: ") || !strings.Contains(out, "go: go1.") {
		t.Fatalf("version: status %d, output:\n%s", code, out)
	}
	var buf bytes.Buffer
	buildVersion{Module: "m", Version: "v1.2.3", Revision: "abc123", Time: "2026-12-06T21:00:00Z", Modified: true, Go: "go1.26"}.write(&buf)
	if want := "verify (m) v1.2.3\nrevision: abc123 +dirty (uncommitted changes), committed 2026-12-06T21:00:00Z\ngo: go1.26\n"; buf.String() != want {
		t.Errorf("version text:\n%s\nwant\n%s", buf.String(), want)
	}
}
