package main

import (
	"context"
	"strings"
	"testing"
)

func TestHelp(t *testing.T) {
	code, out, _ := runCLI(t, context.Background(), "help")
	if code != exitOK || !strings.Contains(out, "exit") || !strings.Contains(out, "theory") {
		t.Fatalf("help: status %d, output:\n%s", code, out)
	}
	if code, _, _ := runCLI(t, context.Background(), "exit", "-h"); code != exitOK {
		t.Fatalf("exit -h: status %d", code)
	}
}
