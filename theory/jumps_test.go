package theory

import (
	"context"
	"slices"
	"strings"
	"testing"

	"github.com/htsgd/htsgd/param"
)

func TestJumpNumbers(t *testing.T) {
	tests := []struct {
		name         string
		model        func(t *testing.T) Model
		radius       []string // docs/theory.md §4.1: r = (0.2115, 0.6007, 0.2038, 0.6221)
		J            []int
		below, above []int
	}{
		// docs/theory.md §10.1.
		{"paper-1d b=0.5", func(t *testing.T) Model { return paperModel(t, 0.5) },
			[]string{"0.2115", "0.6007", "0.2038", "0.6221"}, []int{1, 2, 1, 2}, []int{0, 0, 0, 0}, []int{0, 0, 0, 0}},
		{"paper-1d b=0.28", func(t *testing.T) Model { return paperModel(t, 0.28) },
			nil, []int{1, 3, 1, 3}, []int{0, 0, 0, 0}, []int{0, 0, 0, 0}},
		{"paper-1d b=inf", func(t *testing.T) Model { return paperModel(t, inf) },
			nil, []int{1, 1, 1, 1}, []int{0, 0, 0, 0}, []int{0, 0, 0, 0}},
		// docs/theory.md §10.2: r = 1.5 (right), left edge 2.1 away.
		{"quadratic b=1", func(t *testing.T) Model { return quadraticModel(t, -2.1, 1.5, 1) },
			[]string{"1.5"}, []int{2}, []int{3}, []int{2}},
		{"quadratic b=0.6", func(t *testing.T) Model { return quadraticModel(t, -2.1, 1.5, 0.6) },
			[]string{"1.5"}, []int{3}, []int{4}, []int{3}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			jm, err := computeJumps(curveOf(t, tt.model(t)))
			if err != nil {
				t.Fatal(err)
			}
			if !slices.Equal(jm.J, tt.J) || !slices.Equal(jm.Below, tt.below) || !slices.Equal(jm.Above, tt.above) {
				t.Errorf("J = %v below %v above %v, want %v %v %v", jm.J, jm.Below, jm.Above, tt.J, tt.below, tt.above)
			}
			for i, want := range tt.radius {
				if !agrees(jm.Radius[i], want) {
					t.Errorf("r_%d = %.6g, want %s", i, jm.Radius[i], want)
				}
			}
			if len(jm.Warnings) != 0 {
				t.Errorf("unexpected warnings %q", jm.Warnings)
			}
		})
	}
}

func TestJumpPairs(t *testing.T) {
	// Paper-1d at b = 0.28: the edge m_3 → m_2 (0-based 2 → 1) disappears
	// because dist(m_3, Ω_2) = 0.29624 > b gives J_{3,2} = 2 > J_3 = 1
	// (docs/theory.md §10.1).
	jm, err := computeJumps(curveOf(t, paperModel(t, 0.28)))
	if err != nil {
		t.Fatal(err)
	}
	want := [][]int{
		// dist(m_i, Ω_j)/0.28, rounded up:
		{0, 1, 7, 8},  // 0.2115, 1.7115 (to s_2 = 0.2), 2.2115 (to s_3 = 0.7)
		{3, 0, 4, 5},  // 0.6007, 0.8993, 1.3993
		{7, 2, 0, 1},  // 1.7962, 0.2962, 0.2038
		{10, 5, 3, 0}, // 2.6221, 1.1221, 0.6221
	}
	for i := range want {
		if !slices.Equal(jm.Pair[i], want[i]) {
			t.Errorf("J_{%d,·} = %v, want %v", i, jm.Pair[i], want[i])
		}
	}
}

func TestJumpRatioChecks(t *testing.T) {
	tests := []struct {
		name    string
		b       float64
		errPref string // the *param.Error's Name; "" = no error
		warns   int
	}{
		{"clear", 1, "", 0},
		// 1.5/0.5 = 3 exactly: rejected.
		{"integer ratio", 0.5, "theory.Model.B", 0},
		// 1.5/(0.5(1+1e-11)) is within 1e-9 of 3: rejected.
		{"within 1e-9", 0.5 * (1 + 1e-11), "theory.Model.B", 0},
		// 1.5/0.74 = 2.027 (J = 3; matters): warned. 2.1/0.74 = 2.84 is fine.
		{"within 0.05", 0.74, "", 1},
		// 1.5/0.7 = 2.143 and 2.1/0.7 = 3.0000000000000004: the left
		// edge matters (J_left = 3 ≤ J + 1 = 4) and is rejected.
		{"left edge integer", 0.7, "theory.Model.B", 0},
		// 1.5/0.299 = 5.017 (J = 6) and 2.1/0.299 = 7.02 (J = 8 > J + 1):
		// one warning only, the left ratio does not matter.
		{"ratio that does not matter", 0.299, "", 1},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			jm, err := computeJumps(curveOf(t, quadraticModel(t, -2.1, 1.5, tt.b)))
			if tt.errPref != "" {
				if pe := param.As(err); pe == nil || pe.Name != tt.errPref {
					t.Fatalf("error %v, want a *param.Error naming %s", err, tt.errPref)
				}
				if _, err := Analyse(context.Background(), quadraticModel(t, -2.1, 1.5, tt.b), Options{}); err == nil {
					t.Error("Analyse accepted it")
				}
				return
			}
			if err != nil {
				t.Fatal(err)
			}
			if len(jm.Warnings) != tt.warns {
				t.Errorf("warnings %q, want %d", jm.Warnings, tt.warns)
			}
			for _, w := range jm.Warnings {
				if !strings.HasPrefix(w, "b:") {
					t.Errorf("warning %q does not start with b:", w)
				}
			}
		})
	}
}

func TestJumpNumber(t *testing.T) {
	tests := []struct {
		dist, b float64
		want    int
	}{
		{0.2115, 0.5, 1}, {0.6007, 0.5, 2}, {0.6007, 0.28, 3}, {1.5, 0.6, 3},
		{2.1, 0.6, 4}, {7, inf, 1}, {inf, 0.5, 0}, {inf, inf, 0},
	}
	for _, tt := range tests {
		if got := JumpNumber(tt.dist, tt.b); got != tt.want {
			t.Errorf("JumpNumber(%v, %v) = %d, want %d", tt.dist, tt.b, got, tt.want)
		}
	}
}
