package report

import (
	"encoding/json"
	"errors"
	"fmt"
	"io"
)

// WriteJSON writes v as indented JSON followed by a newline: the form of
// every JSON output of htsgd.
func WriteJSON(w io.Writer, v any) error {
	enc := json.NewEncoder(w)
	enc.SetIndent("", "  ")
	return enc.Encode(v)
}

// ReadJSON decodes the one JSON value r holds into v, the Go type its
// writer used (ExitReport, …). It fails loudly on a file of another shape:
// a key v's type does not define, a value of the wrong type, or anything
// after the value is an error, never data silently dropped.
func ReadJSON(r io.Reader, v any) error {
	dec := json.NewDecoder(r)
	dec.DisallowUnknownFields()
	if err := dec.Decode(v); err != nil {
		return fmt.Errorf("report: %T: %w", v, err)
	}
	if _, err := dec.Token(); !errors.Is(err, io.EOF) {
		return fmt.Errorf("report: %T: data after the JSON value", v)
	}
	return nil
}
