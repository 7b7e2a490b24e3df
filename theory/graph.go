package theory

import (
	"slices"

	"github.com/htsgd/htsgd/landscapes"
)

// graph is the typical transition graph of docs/theory.md §8.1: vertices
// the minima, an edge i → j iff J_{i,j} = J_i (equivalently q_{i,j} > 0),
// decomposed into communication classes.
type graph struct {
	// Edges[i][j] reports the edge i → j between minima.
	Edges [][]bool
	// Outside[i] reports a typical exit of Ω_i through an open end (to
	// landscapes' Below or Above): it leaves every class.
	Outside []bool
	// Classes are the communication classes, ordered by their smallest
	// member.
	Classes []graphClass
	// ClassOf[i] is the index in Classes of the class of minimum i.
	ClassOf []int
}

// graphClass is one communication class of the typical transition graph.
type graphClass struct {
	// Members are the minima of the class, ascending.
	Members []int
	// Absorbing reports that no edge leaves the class (not even through an
	// open end); otherwise the class is transient.
	Absorbing bool
	// JumpNumber is J_G = max_{i∈G} J_i.
	JumpNumber int
	// Wide are the members with J_i = J_G, Narrow the others (ascending).
	Wide, Narrow []int
}

// newGraph builds the typical transition graph from the jump numbers and
// finds its communication classes (the strongly connected components, by
// Tarjan's algorithm).
func newGraph(jm *jumps) *graph {
	n := len(jm.J)
	g := &graph{Edges: make([][]bool, n), Outside: make([]bool, n), ClassOf: make([]int, n)}
	for i := range n {
		g.Edges[i] = make([]bool, n)
		if jm.J[i] == 0 {
			continue
		}
		for j := range n {
			g.Edges[i][j] = j != i && jm.Pair[i][j] == jm.J[i]
		}
		g.Outside[i] = jm.to(i, landscapes.Below) == jm.J[i] || jm.to(i, n) == jm.J[i]
	}
	comps := tarjan(g.Edges)
	slices.SortFunc(comps, func(a, b []int) int { return a[0] - b[0] })
	for c, members := range comps {
		for _, i := range members {
			g.ClassOf[i] = c
		}
	}
	for c, members := range comps {
		cl := graphClass{Members: members, Absorbing: true}
		for _, i := range members {
			cl.JumpNumber = max(cl.JumpNumber, jm.J[i])
			if g.Outside[i] {
				cl.Absorbing = false
			}
			for j := range n {
				if g.Edges[i][j] && g.ClassOf[j] != c {
					cl.Absorbing = false
				}
			}
		}
		cl.Wide, cl.Narrow = []int{}, []int{}
		for _, i := range members {
			if jm.J[i] == cl.JumpNumber {
				cl.Wide = append(cl.Wide, i)
			} else {
				cl.Narrow = append(cl.Narrow, i)
			}
		}
		g.Classes = append(g.Classes, cl)
	}
	return g
}

// irreducible reports whether the graph is one communication class.
func (g *graph) irreducible() bool { return len(g.Classes) == 1 }

// tarjan returns the strongly connected components of the digraph adj, each
// sorted ascending (R. E. Tarjan, SIAM J. Comput. 1(2), 1972).
func tarjan(adj [][]bool) [][]int {
	n := len(adj)
	index := make([]int, n)
	low := make([]int, n)
	onStack := make([]bool, n)
	for i := range index {
		index[i] = -1
	}
	var stack []int
	var comps [][]int
	next := 0
	var visit func(v int)
	visit = func(v int) {
		index[v], low[v] = next, next
		next++
		stack = append(stack, v)
		onStack[v] = true
		for w := range n {
			if !adj[v][w] {
				continue
			}
			if index[w] < 0 {
				visit(w)
				low[v] = min(low[v], low[w])
			} else if onStack[w] {
				low[v] = min(low[v], index[w])
			}
		}
		if low[v] == index[v] {
			var comp []int
			for {
				w := stack[len(stack)-1]
				stack = stack[:len(stack)-1]
				onStack[w] = false
				comp = append(comp, w)
				if w == v {
					break
				}
			}
			slices.Sort(comp)
			comps = append(comps, comp)
		}
	}
	for v := range n {
		if index[v] < 0 {
			visit(v)
		}
	}
	return comps
}
