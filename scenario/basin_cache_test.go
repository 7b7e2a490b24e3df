package scenario

import (
	"testing"

	"github.com/htsgd/htsgd/landscapes"
)

// TestBasinMapMemo checks that a second build of the same landscape reuses
// the basin map and a different domain does not.
func TestBasinMapMemo(t *testing.T) {
	text := readTestdata(t, "wells2d.toml")
	b1, b2 := buildText(t, text), buildText(t, apply(text, set("sgd.eta", "[0.002]")))
	if b1.Basins != b2.Basins {
		t.Error("the same landscape built twice has two basin maps")
	}
	b3 := buildText(t, apply(text, set("landscape.domain_radius", "2.9")))
	if b3.Basins == b1.Basins {
		t.Error("a different domain_radius reused the basin map")
	}
	if bm := b3.Basins.(*landscapes.BasinMap); bm.Domain().Radius != 2.9 {
		t.Errorf("domain %v, want radius 2.9", bm.Domain())
	}
}
