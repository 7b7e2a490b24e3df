package scenario

import "fmt"

// FieldError is the error type of every failure of this package but a
// failed file read in Load, and the form FieldOf gives to the errors of the
// library packages. Field is the dotted scenario key at fault
// ("noise.alpha", "sgd.eta[1]", "landscape.points"), a table name
// ("landscape", "noise") for a problem of the whole table, or "toml" for a
// syntax error outside any value; FieldOf may also name a command-line flag
// ("-theory-samples") for a run parameter that the command line takes from
// a flag. Err is the cause, phrased to follow the key ("must be > 1, got
// 0.9").
type FieldError struct {
	Field string
	Err   error
}

// Error returns "scenario: <field>: <cause>", or "flag <field>: <cause>"
// for a flag.
func (e *FieldError) Error() string {
	if isFlag(e.Field) {
		return "flag " + e.Field + ": " + e.Err.Error()
	}
	return "scenario: " + e.Field + ": " + e.Err.Error()
}

// Unwrap returns the cause, so that errors.Is and errors.As see through a
// FieldError (to a library's *param.Error, or a sentinel it wraps).
func (e *FieldError) Unwrap() error { return e.Err }

// fieldErr returns a *FieldError with a formatted cause.
func fieldErr(field, format string, args ...any) *FieldError {
	return &FieldError{Field: field, Err: fmt.Errorf(format, args...)}
}

// index returns the key of element k of the array key, e.g. "sgd.eta[1]".
func index(key string, k int) string {
	return fmt.Sprintf("%s[%d]", key, k)
}
