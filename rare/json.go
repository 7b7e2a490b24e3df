package rare

import (
	"encoding/json"
	"math"
)

// num returns a pointer to x, or nil when x is NaN or ±Inf, so that values
// that do not exist (a relative error with no exit, an unbounded CI end)
// marshal as JSON null, the convention of package report.
func num(x float64) *float64 {
	if math.IsNaN(x) || math.IsInf(x, 0) {
		return nil
	}
	return &x
}

// MarshalJSON encodes the interval with NaN and ±Inf as null.
func (iv Interval) MarshalJSON() ([]byte, error) {
	return json.Marshal(struct {
		Value  *float64 `json:"value"`
		SE     *float64 `json:"se"`
		Low    *float64 `json:"low"`
		High   *float64 `json:"high"`
		RelErr *float64 `json:"rel_err"`
	}{num(iv.Value), num(iv.SE), num(iv.Low), num(iv.High), num(iv.RelErr)})
}

// MarshalJSON encodes the result with NaN and ±Inf as null (the fields are
// those of Result, with the same names; ExitLog is not encoded).
func (r Result) MarshalJSON() ([]byte, error) {
	type plain Result // the same fields without this method
	return json.Marshal(struct {
		plain
		MeanSteps      *float64 `json:"mean_steps"`
		MeanLow        *float64 `json:"mean_low"`
		MeanHigh       *float64 `json:"mean_high"`
		NaiveMeanSteps *float64 `json:"naive_mean_steps"`
		SpanQ99        *float64 `json:"span_q99"`
		WorkNormVar    *float64 `json:"work_norm_var"`
	}{plain(r), num(r.MeanSteps), num(r.MeanLow), num(r.MeanHigh), num(r.NaiveMeanSteps),
		num(r.SpanQ99), num(r.WorkNormVar)})
}

// MarshalJSON encodes the check with NaN and ±Inf as null.
func (c Check) MarshalJSON() ([]byte, error) {
	return json.Marshal(struct {
		Value *float64 `json:"value"`
		Low   *float64 `json:"low"`
		High  *float64 `json:"high"`
		Limit *float64 `json:"limit"`
		Pass  bool     `json:"pass"`
	}{num(c.Value), num(c.Low), num(c.High), num(c.Limit), c.Pass})
}
