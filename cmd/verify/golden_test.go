package main

import (
	"context"
	"path/filepath"
	"strings"
	"testing"
)

// goldenCase is one command line whose standard output is fixed in
// testdata/golden/<name>.golden.
type goldenCase struct {
	name string
	args []string
}

// goldenCases are the outputs of exit, theory, dynamics and merge on the
// shipped kinds of scenario (testdata/golden/*.toml: the scenarios of
// scenarios/ with run sizes cut, an asymmetric Lomax case with censoring,
// the rare-event estimator, and the R^d scenarios of testdata/). The numbers
// depend on the seeds only (fixed worker count for readability; the
// worker-invariance tests cover the rest). R^d builds use the coarse tuning
// of TestMain and -theory-samples 2000.
func goldenCases() []goldenCase {
	g := func(f string) string { return filepath.Join("testdata", "golden", f) }
	td := func(f string) string { return filepath.Join("testdata", f) }
	rd := []string{"-theory-samples", "2000"}
	var cases []goldenCase
	for _, s := range []string{"paper-1d", "quadratic", "three-wells", "lomax-asym"} {
		p := g(s + ".toml")
		cases = append(cases,
			goldenCase{s + ".exit.txt", []string{"exit", "-scenario", p, "-workers", "2"}},
			goldenCase{s + ".exit.json", []string{"exit", "-scenario", p, "-workers", "2", "-json"}},
			goldenCase{s + ".exit.csv", []string{"exit", "-scenario", p, "-workers", "2", "-csv"}},
			goldenCase{s + ".theory.txt", []string{"theory", "-scenario", p}},
			goldenCase{s + ".theory.json", []string{"theory", "-scenario", p, "-json"}},
		)
	}
	for _, s := range []string{"paper-1d", "three-wells"} {
		p := g(s + ".toml")
		cases = append(cases,
			goldenCase{s + ".dynamics.txt", []string{"dynamics", "-scenario", p, "-workers", "2"}},
			goldenCase{s + ".dynamics.json", []string{"dynamics", "-scenario", p, "-workers", "2", "-json"}},
		)
	}
	cases = append(cases,
		goldenCase{"paper-1d.binf.exit.txt", []string{"exit", "-scenario", g("paper-1d.toml"), "-b", "inf", "-workers", "2"}},
		goldenCase{"paper-1d.lomax.theory.txt", []string{"theory", "-scenario", g("paper-1d.toml"), "-law", "lomax"}},
		goldenCase{"is-quick.exit.txt", []string{"exit", "-method", "is", "-scenario", g("is-quick.toml"), "-workers", "2"}},
		goldenCase{"is-quick.exit.json", []string{"exit", "-method", "is", "-scenario", g("is-quick.toml"), "-workers", "2", "-json"}},
	)
	for _, s := range []string{"rd_quadratic", "rd_wells", "rd_himmelblau"} {
		p := td(s + ".toml")
		cases = append(cases,
			goldenCase{s + ".exit.txt", append([]string{"exit", "-scenario", p, "-workers", "2"}, rd...)},
			goldenCase{s + ".exit.json", append([]string{"exit", "-scenario", p, "-workers", "2", "-json"}, rd...)},
			goldenCase{s + ".exit.csv", append([]string{"exit", "-scenario", p, "-workers", "2", "-csv"}, rd...)},
			goldenCase{s + ".theory.txt", append([]string{"theory", "-scenario", p}, rd...)},
			goldenCase{s + ".theory.json", append([]string{"theory", "-scenario", p, "-json"}, rd...)},
		)
	}
	for _, s := range []string{"rd_wells", "rd_himmelblau"} {
		p := td(s + ".toml")
		cases = append(cases,
			goldenCase{s + ".dynamics.txt", append([]string{"dynamics", "-scenario", p, "-workers", "2"}, rd...)},
			goldenCase{s + ".dynamics.json", append([]string{"dynamics", "-scenario", p, "-workers", "2", "-json"}, rd...)},
		)
	}
	return cases
}

// TestGoldenOutputs fixes the output of every subcommand on the shipped
// scenarios, so that a change of structure that should not change a number
// is seen to change none (go test -update rewrites them after a deliberate
// change of output).
//
// Under the race detector the JSON and CSV variants of the R^d cases are
// skipped: they repeat the simulation of their text variant (about 1-5 s
// each without the detector, five to ten times that with it), so they add
// time but no concurrency the detector has not seen; `make test` runs the
// package again without the detector, where every case runs.
func TestGoldenOutputs(t *testing.T) {
	for _, c := range goldenCases() {
		t.Run(c.name, func(t *testing.T) {
			if raceEnabled && strings.HasPrefix(c.name, "rd_") && !strings.HasSuffix(c.name, ".txt") {
				t.Skip("a repeat of the text variant's simulation; runs without the race detector (make test)")
			}
			code, out, stderr := runCLI(t, context.Background(), c.args...)
			if code != 0 {
				t.Fatalf("%v: status %d\n%s", c.args, code, stderr)
			}
			golden(t, filepath.Join("golden", c.name+".golden"), out)
		})
	}
}

// TestGoldenMerge fixes `verify merge` of two shards of an exit run, in
// text and JSON, in 1-D and R^d.
func TestGoldenMerge(t *testing.T) {
	for _, c := range []struct {
		name     string
		scenario string
		extra    []string
	}{
		{"paper-1d", filepath.Join("testdata", "golden", "paper-1d.toml"), nil},
		{"lomax-asym", filepath.Join("testdata", "golden", "lomax-asym.toml"), nil},
		{"rd_quadratic", filepath.Join("testdata", "rd_quadratic.toml"), []string{"-theory-samples", "2000"}},
	} {
		t.Run(c.name, func(t *testing.T) {
			dir := t.TempDir()
			var parts []string
			for i, shard := range []string{"0/2", "1/2"} {
				part := filepath.Join(dir, "part"+string(rune('0'+i))+".json")
				args := append([]string{"exit", "-scenario", c.scenario, "-shard", shard, "-out", part, "-workers", "2"}, c.extra...)
				if code, _, stderr := runCLI(t, context.Background(), args...); code != 0 {
					t.Fatalf("%v: %s", args, stderr)
				}
				parts = append(parts, part)
			}
			for _, format := range []string{"txt", "json"} {
				args := []string{"merge"}
				if format == "json" {
					args = append(args, "-json")
				}
				code, out, stderr := runCLI(t, context.Background(), append(args, parts...)...)
				if code != 0 {
					t.Fatalf("merge: %s", stderr)
				}
				golden(t, filepath.Join("golden", c.name+".merge."+format+".golden"), strings.ReplaceAll(out, dir, "DIR"))
			}
		})
	}
}
