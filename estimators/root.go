package estimators

import "math"

// bisectTol is the relative width at which bisect stops.
const bisectTol = 1e-8

// bisect returns a point between in and out where excess changes sign,
// given excess(in) < 0 ≤ excess(out): the bracket is halved, keeping that
// invariant, until |out − in| ≤ bisectTol·(1 + |in|), and its midpoint is
// returned. in may lie on either side of out. Every root search of the
// package (FitRatio's profile crossings, EtaForLambda) goes through here.
func bisect(excess func(float64) float64, in, out float64) float64 {
	for math.Abs(out-in) > bisectTol*(1+math.Abs(in)) {
		mid := in + (out-in)/2
		if excess(mid) < 0 {
			in = mid
		} else {
			out = mid
		}
	}
	return in + (out-in)/2
}
