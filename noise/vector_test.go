package noise

import (
	"testing"

	"github.com/htsgd/htsgd/rng"
)

// TestScalarDrawsTheLaw: a Scalar draws exactly what its Law draws from the
// same generator, and reports the law's tail and index.
func TestScalarDrawsTheLaw(t *testing.T) {
	law, err := NewPareto(1.5, 0.1, 0.7)
	if err != nil {
		t.Fatal(err)
	}
	s := Scalar{Law: law}
	r1, r2 := rng.New(3, 4), rng.New(3, 4)
	dst := make([]float64, 1)
	for range 1000 {
		if got, want := s.Sample(r1, dst)[0], law.Sample(r2); got != want {
			t.Fatalf("Scalar drew %v, the law %v", got, want)
		}
	}
	if s.Dim() != 1 || s.Name() != "pareto" || s.Alpha() != 1.5 || !s.HeavyTailed() || s.Tail(2) != law.Tail(2) {
		t.Errorf("Scalar = %+v does not report its law", s)
	}
}
