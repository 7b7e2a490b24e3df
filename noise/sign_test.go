package noise

import (
	"math"
	"testing"
)

func TestSignThreshold(t *testing.T) {
	for _, c := range []struct {
		p    float64
		want uint64
	}{
		{0.5, 1 << 63},
		{0.25, 1 << 62},
		{0.75, 3 << 62},
		{0, 0},
		{math.NaN(), 0},
		{1, math.MaxUint64},
		{math.Nextafter(1, 0), 1<<64 - 1<<11}, // (1 − 2^{−53})·2^64
	} {
		if got := signThreshold(c.p); got != c.want {
			t.Errorf("signThreshold(%v) = %#x, want %#x", c.p, got, c.want)
		}
	}
}
