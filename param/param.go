// Package param defines the error that htsgd's library packages return for
// an invalid parameter: which parameter, which element of it, and why.
//
// The library speaks its own vocabulary: a parameter is named by the Go
// identifier of the field or argument it comes from, qualified by its
// package and type ("mc.System.Eta", "noise.Pareto.Alpha"), never by a key
// of the scenario file. Package scenario maps these names to the keys of a
// scenario file in one table, so that the command line can say
// "sgd.eta[1]: must be positive" without parsing an error string.
package param

import (
	"errors"
	"fmt"
)

// Whole is the Index of an Error about a parameter as a whole rather than
// one of its elements.
const Whole = -1

// Error reports an invalid parameter.
type Error struct {
	// Name is the parameter, qualified by package and type
	// ("mc.System.Eta").
	Name string
	// Index is the element at fault of a list parameter (0-based), or
	// Whole.
	Index int
	// Err is the cause, phrased to follow the parameter's name
	// ("must be positive and finite, got -1").
	Err error
}

// Error returns "Name: cause" or "Name[Index]: cause".
func (e *Error) Error() string {
	if e.Index == Whole {
		return e.Name + ": " + e.Err.Error()
	}
	return fmt.Sprintf("%s[%d]: %v", e.Name, e.Index, e.Err)
}

// Unwrap returns the cause.
func (e *Error) Unwrap() error { return e.Err }

// Errorf returns an *Error about the whole parameter name with a formatted
// cause.
func Errorf(name, format string, args ...any) *Error {
	return &Error{Name: name, Index: Whole, Err: fmt.Errorf(format, args...)}
}

// ElemErrorf returns an *Error about element index of the list parameter
// name with a formatted cause.
func ElemErrorf(name string, index int, format string, args ...any) *Error {
	return &Error{Name: name, Index: index, Err: fmt.Errorf(format, args...)}
}

// As returns the outermost *Error in err's chain, or nil.
func As(err error) *Error {
	var pe *Error
	if errors.As(err, &pe) {
		return pe
	}
	return nil
}
