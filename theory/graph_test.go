package theory

import (
	"fmt"
	"reflect"
	"testing"
)

func TestGraphPaper(t *testing.T) {
	tests := []struct {
		name    string
		b       float64
		classes []graphClass
	}{
		// docs/theory.md §10.1: b = 0.5 irreducible, wide {m_1, m_3};
		// b = 0.28 two absorbing classes {m_0, m_1}, {m_2, m_3};
		// b = ∞ all minima wide.
		{"b=0.5", 0.5, []graphClass{{Members: []int{0, 1, 2, 3}, Absorbing: true, JumpNumber: 2, Wide: []int{1, 3}, Narrow: []int{0, 2}}}},
		{"b=0.28", 0.28, []graphClass{
			{Members: []int{0, 1}, Absorbing: true, JumpNumber: 3, Wide: []int{1}, Narrow: []int{0}},
			{Members: []int{2, 3}, Absorbing: true, JumpNumber: 3, Wide: []int{3}, Narrow: []int{2}},
		}},
		{"b=inf", inf, []graphClass{{Members: []int{0, 1, 2, 3}, Absorbing: true, JumpNumber: 1, Wide: []int{0, 1, 2, 3}, Narrow: []int{}}}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			jm, err := computeJumps(curveOf(t, paperModel(t, tt.b)))
			if err != nil {
				t.Fatal(err)
			}
			g := newGraph(jm)
			if !reflect.DeepEqual(g.Classes, tt.classes) {
				t.Errorf("classes %+v, want %+v", g.Classes, tt.classes)
			}
			if g.irreducible() != (len(tt.classes) == 1) {
				t.Errorf("irreducible() = %v", g.irreducible())
			}
		})
	}
}

func TestGraphTransientClasses(t *testing.T) {
	// Hand-built jump numbers: 0 → 1 ⇄ 2, 3 → 4 (open upper end: 4 leaks),
	// 5 alone. Classes {0} transient, {1,2} absorbing, {3} transient,
	// {4} transient (typical exit through the open end), {5} absorbing.
	jm := &jumps{
		J: []int{1, 2, 2, 1, 1, 0},
		Pair: [][]int{
			{0, 1, 3, 4, 5, 6},
			{3, 0, 2, 3, 4, 5},
			{3, 2, 0, 3, 4, 5},
			{4, 3, 2, 0, 1, 2},
			{5, 4, 3, 2, 0, 2},
			{0, 0, 0, 0, 0, 0},
		},
		Below: []int{0, 0, 0, 0, 0, 0},
		Above: []int{0, 0, 0, 0, 1, 0},
	}
	g := newGraph(jm)
	want := []graphClass{
		{Members: []int{0}, Absorbing: false, JumpNumber: 1, Wide: []int{0}, Narrow: []int{}},
		{Members: []int{1, 2}, Absorbing: true, JumpNumber: 2, Wide: []int{1, 2}, Narrow: []int{}},
		{Members: []int{3}, Absorbing: false, JumpNumber: 1, Wide: []int{3}, Narrow: []int{}},
		{Members: []int{4}, Absorbing: false, JumpNumber: 1, Wide: []int{4}, Narrow: []int{}},
		{Members: []int{5}, Absorbing: true, JumpNumber: 0, Wide: []int{5}, Narrow: []int{}},
	}
	if !reflect.DeepEqual(g.Classes, want) {
		t.Errorf("classes %+v\nwant %+v", g.Classes, want)
	}
	if !reflect.DeepEqual(g.ClassOf, []int{0, 1, 1, 2, 3, 4}) {
		t.Errorf("ClassOf = %v", g.ClassOf)
	}
}

func TestTarjan(t *testing.T) {
	e := func(n int, edges ...[2]int) [][]bool {
		adj := make([][]bool, n)
		for i := range adj {
			adj[i] = make([]bool, n)
		}
		for _, x := range edges {
			adj[x[0]][x[1]] = true
		}
		return adj
	}
	tests := []struct {
		name string
		adj  [][]bool
		want [][]int // as a set of components
	}{
		{"single", e(1), [][]int{{0}}},
		{"cycle", e(3, [2]int{0, 1}, [2]int{1, 2}, [2]int{2, 0}), [][]int{{0, 1, 2}}},
		{"chain", e(3, [2]int{0, 1}, [2]int{1, 2}), [][]int{{0}, {1}, {2}}},
		{"two cycles and a bridge", e(5, [2]int{0, 1}, [2]int{1, 0}, [2]int{1, 2}, [2]int{2, 3}, [2]int{3, 4}, [2]int{4, 2}),
			[][]int{{0, 1}, {2, 3, 4}}},
	}
	for _, tt := range tests {
		got := tarjan(tt.adj)
		found := map[string]bool{}
		for _, c := range got {
			found[fmt.Sprint(c)] = true
		}
		if len(got) != len(tt.want) {
			t.Errorf("%s: components %v, want %v", tt.name, got, tt.want)
			continue
		}
		for _, c := range tt.want {
			if !found[fmt.Sprint(c)] {
				t.Errorf("%s: components %v, want %v", tt.name, got, tt.want)
			}
		}
	}
}
