package scenario_test

import (
	"context"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"testing"
	"time"

	"github.com/htsgd/htsgd/landscapes"
	"github.com/htsgd/htsgd/scenario"
	"github.com/htsgd/htsgd/theory"
)

// fuzzBuild coarsens the basin maps of the fuzzer's R^d builds.
var fuzzBuild = scenario.BuildOptions{Basins: landscapes.BasinMapOptions{Grid: 9, Directions: 36, CacheCells: 32}}

// FuzzParse checks that no input makes the parser, Validate, the TOML round
// trip, Build or the theory's analysis of the plan panic or hang, and that
// every rejection is a *scenario.FieldError naming a key of the format (or
// "toml" for a syntax error), and every error of the analysis one of the
// plan's keys too (or the theory's "not applicable"):
//
//	Parse → (TOML → Parse gives the same Scenario) → Build (on the line,
//	and in R^d with coarse basin maps) → Plan.Validate → theory.Analyse
//	(exact on the line, a small Monte Carlo for the R^d quadratic; the
//	ray scans of a basin map take a second, too slow to fuzz)
//
// with a deadline of a few seconds for the build and the analysis (the
// limits of limits.go keep every valid scenario within it). The seeds are
// the example files, the test files and the bad-input corpus of the
// command line (cmd/verify/testdata/corpus/scenario).
func FuzzParse(f *testing.F) {
	for _, glob := range []string{
		"../scenarios/*.toml", "testdata/*.toml",
		"../cmd/verify/testdata/*.toml", "../cmd/verify/testdata/golden/*.toml",
		"../cmd/verify/testdata/corpus/scenario/*.toml",
	} {
		files, err := filepath.Glob(glob)
		if err != nil {
			f.Fatal(err)
		}
		for _, name := range files {
			data, err := os.ReadFile(name)
			if err != nil {
				f.Fatal(err)
			}
			f.Add(data)
		}
	}
	f.Fuzz(func(t *testing.T, data []byte) {
		// A watchdog: an input that holds the fuzzer for a minute is a
		// hang, reported with the input (a panic in another goroutine
		// ends the worker, and the fuzzer keeps the input).
		watchdog := time.AfterFunc(15*time.Second, func() { panic(fmt.Sprintf("hang: still running after a minute on\n%s", data)) })
		defer watchdog.Stop()
		s, err := scenario.Parse(data)
		if err != nil {
			wantField(t, "Parse", err, false)
			return
		}
		text, err := s.TOML()
		if err != nil {
			t.Fatalf("TOML of a valid scenario: %v", err)
		}
		back, err := scenario.Parse(text)
		if err != nil {
			t.Fatalf("the TOML of a valid scenario does not parse: %v\n%s", err, text)
		}
		if !reflect.DeepEqual(s, back) {
			t.Fatalf("round trip differs:\n%+v\n%+v\n%s", s, back, text)
		}
		ctx, cancel := context.WithTimeout(context.Background(), 20*time.Second)
		defer cancel()
		start := time.Now()
		p, err := s.BuildContext(ctx, fuzzBuild)
		if ctx.Err() != nil {
			t.Fatalf("Build took more than %v:\n%s", time.Since(start), data)
		}
		if err != nil {
			wantField(t, "Build", err, true)
			return
		}
		if err := p.Validate(); err != nil {
			t.Fatalf("the built plan fails Validate: %v", err)
		}
		if _, explicit := p.Basins.(landscapes.QuadraticRd); p.Dim() > 1 && !explicit {
			return // the ray scans of a basin map take a second: too slow to fuzz
		}
		opt := theory.Options{Samples: 200, Directions: 24, SearchPaths: 200, Resamples: -1}
		m := theory.Model{Landscape: p.Landscape, Basins: p.Basins, Noise: p.Noise, B: p.B, Domain: p.Domain}
		_, err = theory.Analyse(ctx, m, opt)
		if ctx.Err() != nil {
			t.Fatalf("Build and Analyse took more than %v:\n%s", time.Since(start), data)
		}
		if err != nil && !errors.Is(err, theory.ErrNotApplicable) {
			wantField(t, "Analyse", scenario.FieldOf(err), true)
		}
	})
}

// fieldRoots are the first components of the keys a *FieldError may name.
var fieldRoots = []string{"name", "toml", "landscape", "noise", "sgd", "run", "dynamics", "-theory-samples", "-check-samples"}

// wantField fails unless err is a *FieldError naming a field, with a
// cause; with known, the field must be a key of the format (or a flag the
// library's parameters come from): the errors of Build and of the theory
// come through the table of FieldOf, while Parse also names keys the
// format does not know (the file's own).
func wantField(t *testing.T, what string, err error, known bool) {
	t.Helper()
	var fe *scenario.FieldError
	if !errors.As(err, &fe) || fe.Field == "" || fe.Err == nil || fe.Err.Error() == "" {
		t.Fatalf("%s: %v (%T) is not a *FieldError naming a field", what, err, err)
	}
	if !known {
		return
	}
	root, _, _ := strings.Cut(fe.Field, ".")
	root, _, _ = strings.Cut(root, "[")
	for _, r := range fieldRoots {
		if root == r {
			return
		}
	}
	t.Fatalf("%s: %v names %q, not a key of the format", what, err, fe.Field)
}
