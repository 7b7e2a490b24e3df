package nn

import (
	"gonum.org/v1/gonum/blas"
	"gonum.org/v1/gonum/blas/blas64"
)

// gemm computes C = alpha·op(A)·op(B) + beta·C for row-major dense
// matrices: A is ar×ac, B is br×bc as stored; tA and tB transpose them.
func gemm(tA, tB bool, alpha float64, a []float64, ar, ac int, b []float64, br, bc int, beta float64, c []float64) {
	ta, tb := blas.NoTrans, blas.NoTrans
	if tA {
		ta = blas.Trans
	}
	if tB {
		tb = blas.Trans
	}
	m, n := ar, bc
	if tA {
		m = ac
	}
	if tB {
		n = br
	}
	blas64.Gemm(ta, tb, alpha,
		blas64.General{Rows: ar, Cols: ac, Stride: ac, Data: a},
		blas64.General{Rows: br, Cols: bc, Stride: bc, Data: b},
		beta,
		blas64.General{Rows: m, Cols: n, Stride: n, Data: c})
}

// addBias adds the bias vector b (length cols) to every row of the
// rows×cols matrix z.
func addBias(z []float64, rows, cols int, b []float64) {
	for i := 0; i < rows; i++ {
		r := z[i*cols : (i+1)*cols]
		for j := range r {
			r[j] += b[j]
		}
	}
}

// colSums adds the column sums of the rows×cols matrix z to dst.
func colSums(z []float64, rows, cols int, dst []float64) {
	for i := 0; i < rows; i++ {
		r := z[i*cols : (i+1)*cols]
		for j, v := range r {
			dst[j] += v
		}
	}
}
