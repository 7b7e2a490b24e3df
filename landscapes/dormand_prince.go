package landscapes

// The Butcher tableau of the Dormand–Prince 5(4) embedded Runge–Kutta pair
// (J. R. Dormand and P. J. Prince, "A family of embedded Runge–Kutta
// formulae", J. Comput. Appl. Math. 6, 1980, Table 2), shared by the
// gradient flows of htsgd: Flow here (R^d) and the scalar flow of package
// theory's cross-check. One step of size h from y with slopes
// k_1 = F(y), k_s = F(y + h Σ_{r<s} a_{sr} k_r) (s = 2..6) is
//
//	y₅ = y + h (b_1 k_1 + b_3 k_3 + b_4 k_4 + b_5 k_5 + b_6 k_6)      (b_2 = 0)
//
// with local extrapolation (the fifth-order solution is kept), and the
// seventh slope k_7 = F(y₅) is the next step's k_1 ("first same as last").
// The error estimate is y₅ − y₄ = h Σ_s e_s k_s with e_s = b_s − b*_s, b*
// the weights of the embedded fourth-order solution (e_2 = 0).
//
// The constants are untyped, so an expression such as h*DPA21*k1 rounds
// exactly as it would with the fractions written in place.
const (
	DPA21                              = 1.0 / 5
	DPA31, DPA32                       = 3.0 / 40, 9.0 / 40
	DPA41, DPA42, DPA43                = 44.0 / 45, -56.0 / 15, 32.0 / 9
	DPA51, DPA52, DPA53, DPA54         = 19372.0 / 6561, -25360.0 / 2187, 64448.0 / 6561, -212.0 / 729
	DPA61, DPA62, DPA63, DPA64, DPA65  = 9017.0 / 3168, -355.0 / 33, 46732.0 / 5247, 49.0 / 176, -5103.0 / 18656
	DPB1, DPB3, DPB4, DPB5, DPB6       = 35.0 / 384, 500.0 / 1113, 125.0 / 192, -2187.0 / 6784, 11.0 / 84
	DPE1, DPE3, DPE4, DPE5, DPE6, DPE7 = 71.0 / 57600, -71.0 / 16695, 71.0 / 1920, -17253.0 / 339200, 22.0 / 525, -1.0 / 40
)
