package mc

import (
	"testing"

	"github.com/htsgd/htsgd/param"
)

func TestReplicaSet(t *testing.T) {
	tests := []struct {
		name  string
		set   ReplicaSet
		want  []int
		field string // the *param.Error of Validate, "" when valid
		index int
	}{
		{"range", ReplicaRange(3, 6), []int{3, 4, 5}, "", 0},
		{"empty range", ReplicaRange(6, 3), nil, "", 0},
		{"negative range", ReplicaRange(-1, 3), nil, "mc.ReplicaSet.First", param.Whole},
		{"list", ReplicaIndices([]int{0, 4, 9}), []int{0, 4, 9}, "", 0},
		{"empty list", ReplicaIndices([]int{}), nil, "", 0},
		{"unsorted list", ReplicaIndices([]int{9, 2, 7}), nil, "mc.ReplicaSet.Indices", 1},
		{"repeated index", ReplicaIndices([]int{1, 2, 2}), nil, "mc.ReplicaSet.Indices", 2},
		{"negative index", ReplicaIndices([]int{-1, 2}), nil, "mc.ReplicaSet.Indices", 0},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			err := tc.set.Validate()
			if tc.field != "" {
				if pe := param.As(err); pe == nil || pe.Name != tc.field || pe.Index != tc.index {
					t.Fatalf("error %v, want %s[%d]", err, tc.field, tc.index)
				}
				return
			}
			if err != nil {
				t.Fatal(err)
			}
			var got []int
			for i := range tc.set.Len() {
				got = append(got, tc.set.At(i))
			}
			if len(got) != len(tc.want) {
				t.Fatalf("indices %v, want %v", got, tc.want)
			}
			for i := range got {
				if got[i] != tc.want[i] {
					t.Fatalf("indices %v, want %v", got, tc.want)
				}
			}
		})
	}
}
