package report

import (
	"fmt"
	"sort"
	"strconv"
	"strings"
)

// A landing map sends the label of a basin, as a decimal string ("0", "1",
// …; "-1" for a point in no basin or beyond an open lower end), to a
// fraction of exits or a limit probability q_{i,j}/q_i.

// sortedKeys returns the keys of a landing map in numeric order, then any
// keys that are not numbers, by name.
func sortedKeys(m map[string]float64) []string {
	keys := make([]string, 0, len(m))
	for k := range m {
		keys = append(keys, k)
	}
	sort.Slice(keys, func(a, b int) bool {
		x, ex := strconv.Atoi(keys[a])
		y, ey := strconv.Atoi(keys[b])
		switch {
		case ex == nil && ey == nil:
			return x < y
		case ex == nil || ey == nil:
			return ex == nil
		}
		return keys[a] < keys[b]
	})
	return keys
}

// landingString renders a landing map as "j:p j:p", or "–" when empty.
func landingString(m map[string]float64) string {
	if len(m) == 0 {
		return "–"
	}
	var parts []string
	for _, k := range sortedKeys(m) {
		parts = append(parts, fmt.Sprintf("%s:%.3f", k, m[k]))
	}
	return strings.Join(parts, " ")
}

// nonZero returns the entries of m that are not 0 (a table shows only the
// basins the theory says can be reached).
func nonZero(m map[string]float64) map[string]float64 {
	out := make(map[string]float64, len(m))
	for k, v := range m {
		if v != 0 {
			out[k] = v
		}
	}
	return out
}
