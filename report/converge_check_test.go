package report

import (
	"bytes"
	"strings"
	"testing"
)

// TestConvergeReadRefusesEmpty: a report without a scenario or start
// basins (the empty file -show used to render as a heading of zeros), or
// with a field out of range, is refused with an error naming the field;
// the fixture itself reads.
func TestConvergeReadRefusesEmpty(t *testing.T) {
	var buf bytes.Buffer
	if err := WriteJSON(&buf, convergeFixture(t)); err != nil {
		t.Fatal(err)
	}
	data := buf.String()
	if _, err := ReadConverge(strings.NewReader(data)); err != nil {
		t.Fatalf("the fixture is refused: %v", err)
	}
	for _, tc := range []struct {
		name, json, field string
	}{
		{"format only", `{"format": "htsgd-converge/1"}`, `"scenario"`},
		{"placeholder", `{"format": "htsgd-converge/1", "scenario": "paper-b0.5"}`, `"basins"`},
		{"dimension 0", strings.Replace(data, `"dimension": 1`, `"dimension": 0`, 1), `"dimension"`},
		{"looks 0", strings.Replace(data, `"looks": 4`, `"looks": 0`, 1), `"settings.looks"`},
		{"level 1", strings.Replace(data, `"level": 0.95`, `"level": 1`, 1), `"settings.level"`},
		{"tol 0", strings.Replace(data, `"tol": 0.05`, `"tol": 0`, 1), `"settings.tol"`},
		{"eta 0", strings.Replace(data, `"eta": 0.1,`, `"eta": 0,`, 1), `"basins[0].rungs[0].eta"`},
	} {
		_, err := ReadConverge(strings.NewReader(tc.json))
		if err == nil {
			t.Errorf("%s: read without error", tc.name)
			continue
		}
		if !strings.Contains(err.Error(), tc.field) {
			t.Errorf("%s: error %q does not name %s", tc.name, err, tc.field)
		}
	}
}
