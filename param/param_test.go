package param

import (
	"errors"
	"fmt"
	"testing"
)

func TestError(t *testing.T) {
	cause := errors.New("must be positive")
	for _, c := range []struct {
		err  *Error
		want string
	}{
		{&Error{Name: "mc.System.Eta", Index: Whole, Err: cause}, "mc.System.Eta: must be positive"},
		{&Error{Name: "mc.System.Start", Index: 2, Err: cause}, "mc.System.Start[2]: must be positive"},
		{Errorf("noise.Pareto.Alpha", "must be > 1, got %v", 0.5), "noise.Pareto.Alpha: must be > 1, got 0.5"},
		{ElemErrorf("landscapes.CriticalPoints.Points", 1, "not increasing"), "landscapes.CriticalPoints.Points[1]: not increasing"},
	} {
		if got := c.err.Error(); got != c.want {
			t.Errorf("Error() = %q, want %q", got, c.want)
		}
	}
	wrapped := fmt.Errorf("building: %w", &Error{Name: "x", Index: Whole, Err: cause})
	if pe := As(wrapped); pe == nil || pe.Name != "x" || !errors.Is(wrapped, cause) {
		t.Errorf("As(%v) = %v; errors.Is cause = %v", wrapped, pe, errors.Is(wrapped, cause))
	}
	if As(cause) != nil {
		t.Error("As of a plain error is not nil")
	}
}

func ExampleErrorf() {
	err := fmt.Errorf("run: %w", Errorf("mc.System.Eta", "must be positive and finite, got %v", -1.0))
	if pe := As(err); pe != nil {
		fmt.Println(pe.Name, "|", pe.Err)
	}
	// Output: mc.System.Eta | must be positive and finite, got -1
}
