package scenario

import (
	"errors"
	"os"
	"path/filepath"
	"reflect"
	"testing"
)

// FuzzParse checks that no input makes the parser, Validate, the TOML round
// trip or Build panic, and that every rejection is a *FieldError naming a
// field: Parse → (TOML → Parse gives the same Scenario) → Build (on the
// line and for the R^d quadratic; the other R^d kinds need a basin map per
// input, too slow to fuzz) → Plan.Validate. The seeds are the example
// files.
func FuzzParse(f *testing.F) {
	for _, glob := range []string{filepath.Join(scenariosDir, "*.toml"), "testdata/*.toml"} {
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
		s, err := Parse(data)
		if err != nil {
			wantField(t, "Parse", err)
			return
		}
		text, err := s.TOML()
		if err != nil {
			t.Fatalf("TOML of a valid scenario: %v", err)
		}
		back, err := Parse(text)
		if err != nil {
			t.Fatalf("the TOML of a valid scenario does not parse: %v\n%s", err, text)
		}
		if !reflect.DeepEqual(s, back) {
			t.Fatalf("round trip differs:\n%+v\n%+v\n%s", s, back, text)
		}
		if s.isRd() && s.Landscape.Kind != KindQuadratic {
			return
		}
		p, err := s.Build(testBuildOpts)
		if err != nil {
			wantField(t, "Build", err)
			return
		}
		if err := p.Validate(); err != nil {
			t.Fatalf("the built plan fails Validate: %v", err)
		}
	})
}

// wantField fails unless err is a *FieldError with a field and a cause.
func wantField(t *testing.T, what string, err error) {
	t.Helper()
	var fe *FieldError
	if !errors.As(err, &fe) || fe.Field == "" || fe.Err == nil || fe.Err.Error() == "" {
		t.Fatalf("%s: %v (%T) is not a *FieldError naming a field", what, err, err)
	}
}
