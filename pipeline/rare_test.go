package pipeline

import (
	"context"
	"errors"
	"strings"
	"testing"
)

// TestCheckRare: the rare-event estimator runs plans on the real line with
// heavy-tailed noise from minima, and refuses the others before running.
func TestCheckRare(t *testing.T) {
	line := exitPlan(t, fastExit)
	if err := CheckRare(line); err != nil {
		t.Fatal(err)
	}
	gauss, err := line.WithGaussian(0)
	if err != nil {
		t.Fatal(err)
	}
	for name, text := range map[string]string{
		"R^d":            quadraticExit,
		"start_x":        strings.Replace(fastExit, "eta = [0.02, 0.01]", "eta = [0.02]\nstart_x = -0.9", 1),
		"gaussian noise": "",
	} {
		p := gauss
		if text != "" {
			p = exitPlan(t, text)
		}
		if err := CheckRare(p); !errors.Is(err, ErrRareNotApplicable) {
			t.Errorf("%s: error %v", name, err)
		}
		if _, err := RareExitReport(context.Background(), p, nil, nil, RareOptions{}); !errors.Is(err, ErrRareNotApplicable) {
			t.Errorf("%s: RareExitReport error %v", name, err)
		}
	}
}
