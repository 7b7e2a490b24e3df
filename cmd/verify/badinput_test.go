package main

import (
	"context"
	"strings"
	"testing"
)

// TestBadInputExitsTwo checks that bad input of every kind gives exit
// status 2 and a message naming the field, never a panic.
func TestBadInputExitsTwo(t *testing.T) {
	fast := fastScenario(t)
	tests := []struct {
		name  string
		args  []string
		field string
	}{
		{"no command", nil, "usage"},
		{"unknown command", []string{"bogus"}, "unknown command"},
		{"unknown flag", []string{"exit", "-bogus"}, "bogus"},
		{"stray argument", []string{"exit", "extra"}, "unexpected argument"},
		{"missing file", []string{"exit", "-scenario", "/nonexistent.toml"}, "nonexistent"},
		{"alpha ≤ 1", []string{"exit", "-scenario", writeScenario(t, strings.Replace(fast, "alpha = 1.5", "alpha = 0.9", 1))}, "noise.alpha"},
		{"b ≤ 0", []string{"theory", "-scenario", writeScenario(t, strings.Replace(fast, "b = 1.2", "b = -1", 1))}, "sgd.b"},
		{"eta NaN", []string{"exit", "-scenario", writeScenario(t, strings.Replace(fast, "eta = [0.02, 0.01]", "eta = [nan]", 1))}, "sgd.eta"},
		{"unknown key", []string{"exit", "-scenario", writeScenario(t, strings.Replace(fast, "seed = 5", "seed = 5\nsed = 3", 1))}, "run.sed"},
		{"unsorted points", []string{"exit", "-scenario", writeScenario(t, strings.Replace(fast, "[-1.0, 0.0, 1.5]", "[0.0, -1.0, 1.5]", 1))}, "landscape.points"},
		{"flag -b", []string{"exit", "-b", "-3"}, "flag -b"},
		{"flag -law", []string{"exit", "-law", "cauchy"}, "-law"},
		{"flag -workers", []string{"exit", "-workers", "-1"}, "-workers"},
		{"json and csv", []string{"exit", "-json", "-csv"}, "exclusive"},
		{"dynamics variants", []string{"dynamics", "-variants", "bogus"}, "-variants"},
		{"stability", []string{"exit", "-scenario", writeScenario(t, strings.Replace(fast, "eta = [0.02, 0.01]", "eta = [0.9]", 1))}, "sgd.eta"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			code, _, stderr := runCLI(t, context.Background(), tt.args...)
			if code != exitBadInput {
				t.Fatalf("exit status %d, want %d; stderr:\n%s", code, exitBadInput, stderr)
			}
			if !strings.Contains(stderr, tt.field) {
				t.Fatalf("stderr does not name %q:\n%s", tt.field, stderr)
			}
		})
	}
}

// TestRdBadInput: bad input on R^d scenarios gives exit status 2 and a
// message naming the field or flag, never a panic.
func TestRdBadInput(t *testing.T) {
	quad := testdataScenario(t, "rd_quadratic.toml")
	write := func(text string) string { return writeScenario(t, text) }
	withDyn := quad + "\n[dynamics]\nreplicas = 1\nsteps = 100\nradius = 0.1\ntimes = [1.0]\n"
	tests := []struct {
		name  string
		args  []string
		field string
	}{
		{"dynamics without [dynamics]", []string{"dynamics", "-scenario", write(quad)}, "dynamics"},
		{"method is", []string{"exit", "-method", "is", "-scenario", write(quad)}, "-method"},
		{"theory check", []string{"theory", "-check", "-scenario", write(quad)}, "-check"},
		{"theory samples on 1-D", []string{"theory", "-theory-samples", "100"}, "-theory-samples"},
		{"theory samples negative", []string{"exit", "-theory-samples", "-1", "-scenario", write(quad)}, "-theory-samples"},
		{"start outside every basin", []string{"exit", "-scenario", write(strings.Replace(quad, "start_x = [0.1, -0.2]", "start_x = [3.0, 0.0]", 1))}, "start_x"},
		{"start of the wrong dimension", []string{"exit", "-scenario", write(strings.Replace(quad, "start_x = [0.1, -0.2]", "start_x = [0.1, 0.2, 0.3]", 1))}, "start_x"},
		{"hessian not positive definite", []string{"theory", "-scenario", write(strings.Replace(quad, "[[1.5, 0.5], [0.5, 1.0]]", "[[1.0, 2.0], [2.0, 1.0]]", 1))}, "hessian"},
		{"p_plus in R^d", []string{"exit", "-scenario", write(strings.Replace(quad, "scale = 1.0\n", "scale = 1.0\np_plus = 0.7\n", 1))}, "p_plus"},
		{"dynamics variants", []string{"dynamics", "-variants", "bogus", "-scenario", write(withDyn)}, "-variants"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			code, _, stderr := runCLI(t, context.Background(), tt.args...)
			if code != exitBadInput {
				t.Fatalf("exit status %d, want %d; stderr:\n%s", code, exitBadInput, stderr)
			}
			if !strings.Contains(stderr, tt.field) {
				t.Fatalf("stderr does not name %q:\n%s", tt.field, stderr)
			}
		})
	}
}
