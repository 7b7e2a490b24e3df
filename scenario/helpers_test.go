package scenario

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// scenariosDir is the repository's directory of example scenario files.
const scenariosDir = "../scenarios"

// readScenario returns the text of scenarios/<name>.
func readScenario(t *testing.T, name string) string {
	t.Helper()
	data, err := os.ReadFile(filepath.Join(scenariosDir, name))
	if err != nil {
		t.Fatal(err)
	}
	return string(data)
}

// edit is a change to a TOML text, applied by apply.
type edit struct {
	key   string // "table.key", "key" (top level) or "table" (a whole table, for del)
	value string // TOML value text; "" deletes
}

// set replaces (or adds) key = value; key is "table.key" or a top-level key.
func set(key, value string) edit { return edit{key, value} }

// del removes key, or a whole table when key has no dot and names a table.
func del(key string) edit { return edit{key, ""} }

// apply applies the edits to a TOML text written one key per line, with
// tables as "[name]" headers (the style of scenarios/*.toml). A test helper,
// not a TOML editor.
func apply(text string, edits ...edit) string {
	for _, e := range edits {
		text = applyOne(text, e)
	}
	return text
}

func applyOne(text string, e edit) string {
	table, key, dotted := strings.Cut(e.key, ".")
	if !dotted {
		table, key = "", e.key
	}
	lines := strings.Split(text, "\n")
	var out []string
	cur, done := "", false
	insertAt := -1 // index in out after the last line of the target table
	for _, ln := range lines {
		trim := strings.TrimSpace(ln)
		if strings.HasPrefix(trim, "[") {
			name := strings.Trim(strings.Fields(strings.SplitN(trim, "#", 2)[0])[0], "[]")
			cur = name
			if !dotted && e.value == "" && name == e.key {
				cur = "\x00deleting"
				done = true
				continue
			}
		}
		if cur == "\x00deleting" {
			continue
		}
		k, _, isKV := strings.Cut(trim, "=")
		if isKV && !strings.HasPrefix(trim, "#") && cur == table && strings.TrimSpace(k) == key {
			done = true
			if e.value != "" {
				out = append(out, key+" = "+e.value)
			}
			continue
		}
		out = append(out, ln)
		if cur == table && trim != "" {
			insertAt = len(out)
		}
	}
	if !done && e.value != "" {
		kv := key + " = " + e.value
		if insertAt < 0 { // table absent: add it
			if table == "" {
				out = append([]string{kv}, out...)
			} else {
				out = append(out, "["+table+"]", kv)
			}
		} else {
			out = append(out[:insertAt], append([]string{kv}, out[insertAt:]...)...)
		}
	}
	return strings.Join(out, "\n")
}

func TestApplyHelper(t *testing.T) {
	base := "name = \"x\"\n[a]\np = 1\nq = 2\n\n[b]\nr = 3\n"
	tests := []struct {
		edits []edit
		want  string
	}{
		{[]edit{set("a.p", "5")}, "name = \"x\"\n[a]\np = 5\nq = 2\n\n[b]\nr = 3\n"},
		{[]edit{set("a.z", "5")}, "name = \"x\"\n[a]\np = 1\nq = 2\nz = 5\n\n[b]\nr = 3\n"},
		{[]edit{del("a.q")}, "name = \"x\"\n[a]\np = 1\n\n[b]\nr = 3\n"},
		{[]edit{del("a")}, "name = \"x\"\n[b]\nr = 3\n"},
		{[]edit{set("c.s", "1")}, base + "\n[c]\ns = 1"},
		{[]edit{set("name", `"y"`)}, "name = \"y\"\n[a]\np = 1\nq = 2\n\n[b]\nr = 3\n"},
		{[]edit{del("name"), set("foo", "1")}, "foo = 1\n[a]\np = 1\nq = 2\n\n[b]\nr = 3\n"},
	}
	for i, tt := range tests {
		if got := apply(base, tt.edits...); got != tt.want {
			t.Errorf("case %d: got\n%q\nwant\n%q", i, got, tt.want)
		}
	}
}
