package appendix

import (
	"fmt"
	"slices"
)

// A verdict is what Go concludes from the numbers of a results file (a
// slope consistent with its prediction, an interval above 1, …), as a value
// of a small closed set. The templates word each value; they test a verdict
// with is, which fails on a value the verdict does not have, so that a
// misspelt name in a template is an error rather than a branch never
// taken.
type verdict interface {
	// verdictName is the value's name; verdictNames lists every name of
	// the verdict's type.
	verdictName() string
	verdictNames() []string
}

// is reports whether v is the value named name, and fails when v's type
// has no such value.
func is(v verdict, name string) (bool, error) {
	if !slices.Contains(v.verdictNames(), name) {
		return false, fmt.Errorf("verdict %T has no value %q (values: %v)", v, name, v.verdictNames())
	}
	return v.verdictName() == name, nil
}

// verdictSet is the names of a verdict type, indexed by value.
type verdictSet []string

// name returns the name of value i.
func (s verdictSet) name(i int) string {
	if i < 0 || i >= len(s) {
		return fmt.Sprintf("verdict(%d)", i)
	}
	return s[i]
}
