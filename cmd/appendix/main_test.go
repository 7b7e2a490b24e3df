package main

import (
	"bytes"
	"path/filepath"
	"strings"
	"testing"
)

func TestRunStatus(t *testing.T) {
	dir := t.TempDir()
	for _, tt := range []struct {
		args   []string
		status int
		msg    string
	}{
		{nil, 2, "usage"},
		{[]string{"bogus"}, 2, `unknown command "bogus"`},
		{[]string{"run", "-nosuchflag"}, 2, "flag provided but not defined"},
		{[]string{"run", "-sizes", "huge", "-results", dir}, 1, "sizes: want quick or full"},
		{[]string{"render", "-results", filepath.Join(dir, "missing"), "-out", dir}, 1, "results:"},
		{[]string{"fit", "-results", filepath.Join(dir, "missing")}, 1, "no such file"},
	} {
		var stderr bytes.Buffer
		if got := run(tt.args, &stderr); got != tt.status || !strings.Contains(stderr.String(), tt.msg) {
			t.Errorf("appendix %v: status %d, stderr %q; want %d and %q", tt.args, got, stderr.String(), tt.status, tt.msg)
		}
	}
}
