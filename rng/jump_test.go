package rng

import "testing"

// gf2Matrix is a 256×256 matrix over GF(2) acting on xoshiro256 states,
// stored by columns: col[j] is the image of the unit state e_j.
type gf2Matrix [256][4]uint64

// apply returns M·v = ⊕_{j : bit j of v is 1} col[j].
func (m *gf2Matrix) apply(v [4]uint64) [4]uint64 {
	var out [4]uint64
	for j := 0; j < 256; j++ {
		if v[j/64]>>(j%64)&1 == 1 {
			for w := range out {
				out[w] ^= m[j][w]
			}
		}
	}
	return out
}

// square returns M², column by column: (M²)e_j = M·(M e_j).
func (m *gf2Matrix) square() *gf2Matrix {
	var sq gf2Matrix
	for j := range sq {
		sq[j] = m.apply(m[j])
	}
	return &sq
}

// engineMatrix is the matrix T of the xoshiro256 state transition, which is
// GF(2)-linear (xors, a shift and a rotation), built from naiveStep.
func engineMatrix() *gf2Matrix {
	var m gf2Matrix
	for j := range m {
		var e [4]uint64
		e[j/64] = 1 << (j % 64)
		naiveStep(&e)
		m[j] = e
	}
	return &m
}

// TestJump checks Jump = T^(2^128) with T^(2^128) computed independently by
// 128 squarings of the engine matrix. The squaring code is itself checked
// on T^(2^10) against 1024 plain steps.
func TestJump(t *testing.T) {
	p := engineMatrix()
	states := [][4]uint64{{1, 2, 3, 4}, {0, 0, 0, 1}, New(9, 9).state()}
	for k := 1; k <= 128; k++ {
		p = p.square() // p = T^(2^k)
		if k == 10 {
			for _, s := range states {
				n := s
				for i := 0; i < 1024; i++ {
					naiveStep(&n)
				}
				if got := p.apply(s); got != n {
					t.Fatalf("T^1024 by squaring = %x, by stepping = %x", got, n)
				}
			}
		}
	}
	for _, s := range states {
		r := fromState(s)
		r.Jump()
		if want := p.apply(s); r.state() != want {
			t.Errorf("Jump from %x = %x, want T^(2^128)·s = %x", s, r.state(), want)
		}
	}
}

// TestJumpReference compares with the jumped state of {0, 0, 0, 1} printed in
// the test data of the xoshiro-fortran port (DSCF-1224/xoshiro-fortran,
// test/README.md), produced by the reference C jump().
func TestJumpReference(t *testing.T) {
	r := fromState([4]uint64{0, 0, 0, 1})
	r.Jump()
	want := [4]uint64{0x934D05E8B2076310, 0xEABDD0BF76A1BE51, 0x75DD6A992ACCB1E8, 0xC660C602A7330187}
	if r.state() != want {
		t.Errorf("Jump({0,0,0,1}) = %X, want %X", r.state(), want)
	}
	// First output after the jump, also from that table: rotl(s0+s3, 23)+s0.
	if got, want := r.Uint64(), uint64(0x88F9A31AFDB439F5); got != want {
		t.Errorf("first output after Jump = %#X, want %#X", got, want)
	}
}
