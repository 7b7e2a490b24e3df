package scenario

import "fmt"

// FieldError is the error type of every failure of this package but a
// failed file read in Load. Field is the dotted scenario key at fault
// ("noise.alpha", "sgd.eta[1]", "landscape.points"), a table name
// ("landscape", "noise") for a problem of the whole table, or "toml" for a
// syntax error outside any value.
type FieldError struct {
	Field string
	Msg   string
}

// Error returns "scenario: <field>: <msg>".
func (e *FieldError) Error() string {
	return "scenario: " + e.Field + ": " + e.Msg
}

// fieldErr returns a *FieldError with a formatted message.
func fieldErr(field, format string, args ...any) *FieldError {
	return &FieldError{Field: field, Msg: fmt.Sprintf(format, args...)}
}

// index returns the key of element k of the array key, e.g. "sgd.eta[1]".
func index(key string, k int) string {
	return fmt.Sprintf("%s[%d]", key, k)
}
