package report

import (
	"bytes"
	"encoding/json"
	"fmt"

	"github.com/htsgd/htsgd/landscapes"
)

// MarshalJSON encodes the report, the command line's contract: null for a
// value that does not exist, in one of two layouts. On the real line
// (Dimension ≤ 1) the keys are
//
//	scenario runs warnings [interrupted not_started]
//
// and a run has
//
//	variant b law noise_scale eta replicas steps time_unit class absorbing
//	wide basins sharp_fraction sharp_by_replica sharp_limit
//	sharp_first_order marker_transitions crossings generator embedded fdd
//	[kill] notes
//
// with basins[j] = {basin, sharp, fraction (in Ω_j), stationary} and
// sharp_first_order null when the class has no narrow minimum (it is then
// the limit). On R^d the keys are
//
//	scenario dimension minima minimum_kind runs warnings [interrupted
//	not_started]
//
// (minima as points, a segment of minimizers by its end points [[x…],
// [x…]] with minimum_kind "segment") and a run has
//
//	variant b law noise_scale eta replicas steps radius starts lambda
//	time_unit class absorbing wide sets out_fraction no_basin_fraction
//	sharp_fraction sharp_near_fraction sharp_by_replica sharp_limit
//	sharp_first_order [sharp_limit_ci_low sharp_limit_ci_high
//	sharp_first_order_ci_low sharp_first_order_ci_high] marker_transitions
//	transition_counts generator embedded [fdd] [kill] notes
//
// with sets[j] = {set, sharp, near_fraction, basin_fraction,
// marker_fraction, stationary, first_order, [the four intervals]}; keys in
// brackets only when they have a value, lists never null.
func (r DynamicsReport) MarshalJSON() ([]byte, error) {
	if r.Dimension <= 1 {
		runs := make([]lineRunJSON, len(r.Runs))
		for i, run := range r.Runs {
			runs[i] = lineRun(run)
		}
		return json.Marshal(lineReportJSON{Scenario: r.Scenario, Runs: runs, Warnings: r.Warnings,
			Interrupted: r.Interrupted, NotStarted: r.NotStarted})
	}
	rep := spaceReportJSON{Scenario: r.Scenario, Dimension: r.Dimension, Minima: []any{}, MinimumKind: []string{},
		Runs: make([]spaceRunJSON, len(r.Runs)), Warnings: r.Warnings, Interrupted: r.Interrupted, NotStarted: r.NotStarted}
	for _, s := range r.Minima {
		if s.IsPoint() {
			rep.Minima = append(rep.Minima, s.A)
			rep.MinimumKind = append(rep.MinimumKind, "point")
		} else {
			rep.Minima = append(rep.Minima, [][]float64{s.A, s.B})
			rep.MinimumKind = append(rep.MinimumKind, "segment")
		}
	}
	for i, run := range r.Runs {
		rep.Runs[i] = spaceRun(run)
	}
	return json.Marshal(rep)
}

// UnmarshalJSON decodes either layout of MarshalJSON (a "dimension" key
// marks the R^d one). A key that belongs to neither is an error, so that a
// file of another shape is never read as an empty report.
func (r *DynamicsReport) UnmarshalJSON(data []byte) error {
	var probe struct {
		Dimension *int `json:"dimension"`
	}
	if err := json.Unmarshal(data, &probe); err != nil {
		return err
	}
	if probe.Dimension == nil {
		var rep lineReportJSON
		if err := decodeStrict(data, &rep); err != nil {
			return fmt.Errorf("report: dynamics report (real line): %w", err)
		}
		*r = DynamicsReport{Scenario: rep.Scenario, Dimension: 1, Runs: make([]DynamicsRun, len(rep.Runs)), Warnings: rep.Warnings,
			Interrupted: rep.Interrupted, NotStarted: rep.NotStarted}
		for i, run := range rep.Runs {
			r.Runs[i] = run.run()
		}
		return nil
	}
	var rep spaceReportJSON
	var minima struct {
		Minima []json.RawMessage `json:"minima"`
	}
	if err := decodeStrict(data, &rep); err != nil {
		return fmt.Errorf("report: dynamics report (R^d): %w", err)
	}
	if err := json.Unmarshal(data, &minima); err != nil {
		return err
	}
	if len(minima.Minima) != len(rep.MinimumKind) {
		return fmt.Errorf("report: dynamics report (R^d): %d minima, %d minimum kinds", len(minima.Minima), len(rep.MinimumKind))
	}
	*r = DynamicsReport{Scenario: rep.Scenario, Dimension: rep.Dimension, Runs: make([]DynamicsRun, len(rep.Runs)), Warnings: rep.Warnings,
		Interrupted: rep.Interrupted, NotStarted: rep.NotStarted}
	for i, raw := range minima.Minima {
		switch rep.MinimumKind[i] {
		case "point":
			var a []float64
			if err := json.Unmarshal(raw, &a); err != nil {
				return fmt.Errorf("report: dynamics report: minima[%d]: %w", i, err)
			}
			r.Minima = append(r.Minima, landscapes.PointSet(a))
		case "segment":
			var ab [][]float64
			if err := json.Unmarshal(raw, &ab); err != nil || len(ab) != 2 {
				return fmt.Errorf("report: dynamics report: minima[%d]: a segment is [[x…], [x…]], got %s", i, raw)
			}
			r.Minima = append(r.Minima, landscapes.SegmentSet(ab[0], ab[1]))
		default:
			return fmt.Errorf("report: dynamics report: minimum_kind[%d]: want point or segment, got %q", i, rep.MinimumKind[i])
		}
	}
	for i, run := range rep.Runs {
		r.Runs[i] = run.run()
	}
	return nil
}

// decodeStrict decodes data into v, rejecting unknown keys.
func decodeStrict(data []byte, v any) error {
	dec := json.NewDecoder(bytes.NewReader(data))
	dec.DisallowUnknownFields()
	return dec.Decode(v)
}

// lineReportJSON is the layout of a report on the real line.
type lineReportJSON struct {
	Scenario    any           `json:"scenario"`
	Runs        []lineRunJSON `json:"runs"`
	Warnings    []string      `json:"warnings"`
	Interrupted bool          `json:"interrupted,omitempty"`
	NotStarted  []string      `json:"not_started,omitempty"`
}

// lineBasinJSON is the layout of a basin's time fraction on the real line.
type lineBasinJSON struct {
	Basin      int      `json:"basin"`
	Sharp      bool     `json:"sharp"`
	Fraction   Interval `json:"fraction"`
	Stationary *float64 `json:"stationary"`
}

// lineRunJSON is the layout of a run on the real line.
type lineRunJSON struct {
	Variant           string           `json:"variant"`
	B                 *float64         `json:"b"`
	Law               string           `json:"law"`
	NoiseScale        float64          `json:"noise_scale"`
	Eta               float64          `json:"eta"`
	Replicas          int              `json:"replicas"`
	Steps             int64            `json:"steps"`
	TimeUnit          *float64         `json:"time_unit"`
	Class             []int            `json:"class"`
	Absorbing         bool             `json:"absorbing"`
	Wide              []int            `json:"wide"`
	Basins            []lineBasinJSON  `json:"basins"`
	Sharp             Interval         `json:"sharp_fraction"`
	SharpByReplica    []float64        `json:"sharp_by_replica"`
	SharpLimit        *float64         `json:"sharp_limit"`
	SharpFirstOrder   *float64         `json:"sharp_first_order"`
	MarkerTransitions int              `json:"marker_transitions"`
	Crossings         int              `json:"crossings"`
	Generator         []GeneratorEntry `json:"generator"`
	Embedded          []EmbeddedTest   `json:"embedded"`
	FDD               []FDDPoint       `json:"fdd"`
	Kill              *KillTime        `json:"kill,omitempty"`
	Notes             []string         `json:"notes"`
}

// lineFirstOrder returns the sharp first-order estimate as the real line's
// layout shows it: nil when the class has no narrow minimum, where it
// equals the limit.
func lineFirstOrder(r DynamicsRun) *float64 {
	if len(r.Class) == len(r.Wide) {
		return nil
	}
	return r.SharpFirstOrder
}

// lineRun returns the real line's layout of r.
func lineRun(r DynamicsRun) lineRunJSON {
	out := lineRunJSON{
		Variant: r.Variant, B: r.B, Law: r.Law, NoiseScale: r.NoiseScale, Eta: r.Eta, Replicas: r.Replicas, Steps: r.Steps,
		TimeUnit: r.TimeUnit, Class: r.Class, Absorbing: r.Absorbing, Wide: r.Wide,
		Sharp: r.Sharp, SharpByReplica: r.SharpByReplica, SharpLimit: r.SharpLimit, SharpFirstOrder: lineFirstOrder(r),
		MarkerTransitions: r.MarkerTransitions, Crossings: r.Crossings,
		Generator: r.Generator, Embedded: r.Embedded, FDD: r.FDD, Kill: r.Kill, Notes: r.Notes,
	}
	if r.Sets != nil {
		out.Basins = make([]lineBasinJSON, len(r.Sets))
		for j, s := range r.Sets {
			out.Basins[j] = lineBasinJSON{Basin: s.Set, Sharp: s.Sharp, Fraction: s.Basin, Stationary: s.Stationary}
		}
	}
	return out
}

// run returns the run a real line's layout describes.
func (l lineRunJSON) run() DynamicsRun {
	r := DynamicsRun{
		Variant: l.Variant, B: l.B, Law: l.Law, NoiseScale: l.NoiseScale, Eta: l.Eta, Replicas: l.Replicas, Steps: l.Steps,
		TimeUnit: l.TimeUnit, Class: l.Class, Absorbing: l.Absorbing, Wide: l.Wide,
		Sharp: l.Sharp, SharpByReplica: l.SharpByReplica, SharpLimit: l.SharpLimit, SharpFirstOrder: l.SharpFirstOrder,
		MarkerTransitions: l.MarkerTransitions, Crossings: l.Crossings,
		Generator: l.Generator, Embedded: l.Embedded, FDD: l.FDD, Kill: l.Kill, Notes: l.Notes,
	}
	if l.Basins != nil {
		r.Sets = make([]SetFraction, len(l.Basins))
		for j, b := range l.Basins {
			r.Sets[j] = SetFraction{Set: b.Basin, Sharp: b.Sharp, Basin: b.Fraction, Stationary: b.Stationary}
		}
	}
	return r
}

// spaceReportJSON is the layout of a report on R^d.
type spaceReportJSON struct {
	Scenario    any            `json:"scenario"`
	Dimension   int            `json:"dimension"`
	Minima      []any          `json:"minima"`
	MinimumKind []string       `json:"minimum_kind"`
	Runs        []spaceRunJSON `json:"runs"`
	Warnings    []string       `json:"warnings"`
	Interrupted bool           `json:"interrupted,omitempty"`
	NotStarted  []string       `json:"not_started,omitempty"`
}

// spaceSetJSON is the layout of a set's time fractions on R^d.
type spaceSetJSON struct {
	Set            int      `json:"set"`
	Sharp          bool     `json:"sharp"`
	Near           Interval `json:"near_fraction"`
	Basin          Interval `json:"basin_fraction"`
	Marker         Interval `json:"marker_fraction"`
	Stationary     *float64 `json:"stationary"`
	FirstOrder     *float64 `json:"first_order"`
	StationaryLow  *float64 `json:"stationary_ci_low,omitempty"`
	StationaryHigh *float64 `json:"stationary_ci_high,omitempty"`
	FirstOrderLow  *float64 `json:"first_order_ci_low,omitempty"`
	FirstOrderHigh *float64 `json:"first_order_ci_high,omitempty"`
}

// spaceRunJSON is the layout of a run on R^d.
type spaceRunJSON struct {
	Variant             string           `json:"variant"`
	B                   *float64         `json:"b"`
	Law                 string           `json:"law"`
	NoiseScale          float64          `json:"noise_scale"`
	Eta                 float64          `json:"eta"`
	Replicas            int              `json:"replicas"`
	Steps               int64            `json:"steps"`
	Radius              float64          `json:"radius"`
	Starts              [][]float64      `json:"starts"`
	Lambda              *float64         `json:"lambda"`
	TimeUnit            *float64         `json:"time_unit"`
	Class               []int            `json:"class"`
	Absorbing           bool             `json:"absorbing"`
	Wide                []int            `json:"wide"`
	Sets                []spaceSetJSON   `json:"sets"`
	Out                 Interval         `json:"out_fraction"`
	NoBasin             Interval         `json:"no_basin_fraction"`
	Sharp               Interval         `json:"sharp_fraction"`
	SharpNear           Interval         `json:"sharp_near_fraction"`
	SharpByReplica      []float64        `json:"sharp_by_replica"`
	SharpLimit          *float64         `json:"sharp_limit"`
	SharpFirstOrder     *float64         `json:"sharp_first_order"`
	SharpLimitLow       *float64         `json:"sharp_limit_ci_low,omitempty"`
	SharpLimitHigh      *float64         `json:"sharp_limit_ci_high,omitempty"`
	SharpFirstOrderLow  *float64         `json:"sharp_first_order_ci_low,omitempty"`
	SharpFirstOrderHigh *float64         `json:"sharp_first_order_ci_high,omitempty"`
	MarkerTransitions   int              `json:"marker_transitions"`
	Transitions         [][]int          `json:"transition_counts"`
	Generator           []GeneratorEntry `json:"generator"`
	Embedded            []EmbeddedTest   `json:"embedded"`
	FDD                 []FDDPoint       `json:"fdd,omitempty"`
	Kill                *KillTime        `json:"kill,omitempty"`
	Notes               []string         `json:"notes"`
}

// nonNil returns s, or an empty slice for nil, so that a list marshals as
// [] rather than null.
func nonNil[T any](s []T) []T {
	if s == nil {
		return []T{}
	}
	return s
}

// spaceRun returns the R^d layout of r.
func spaceRun(r DynamicsRun) spaceRunJSON {
	out := spaceRunJSON{
		Variant: r.Variant, B: r.B, Law: r.Law, NoiseScale: r.NoiseScale, Eta: r.Eta, Replicas: r.Replicas, Steps: r.Steps,
		Radius: r.Radius, Starts: r.Starts, Lambda: r.Lambda, TimeUnit: r.TimeUnit, Class: r.Class, Absorbing: r.Absorbing, Wide: r.Wide,
		Sets: make([]spaceSetJSON, len(r.Sets)), Out: r.Out, NoBasin: r.NoBasin, Sharp: r.Sharp, SharpNear: r.SharpNear,
		SharpByReplica: r.SharpByReplica, SharpLimit: r.SharpLimit, SharpFirstOrder: r.SharpFirstOrder,
		SharpLimitLow: r.SharpLimitLow, SharpLimitHigh: r.SharpLimitHigh,
		SharpFirstOrderLow: r.SharpFirstOrderLow, SharpFirstOrderHigh: r.SharpFirstOrderHigh,
		MarkerTransitions: r.MarkerTransitions, Transitions: r.Transitions,
		Generator: nonNil(r.Generator), Embedded: nonNil(r.Embedded), FDD: r.FDD, Kill: r.Kill, Notes: r.Notes,
	}
	for j, s := range r.Sets {
		out.Sets[j] = spaceSetJSON{Set: s.Set, Sharp: s.Sharp, Near: s.Near, Basin: s.Basin, Marker: s.Marker,
			Stationary: s.Stationary, FirstOrder: s.FirstOrder, StationaryLow: s.StationaryLow, StationaryHigh: s.StationaryHigh,
			FirstOrderLow: s.FirstOrderLow, FirstOrderHigh: s.FirstOrderHigh}
	}
	return out
}

// run returns the run an R^d layout describes.
func (s spaceRunJSON) run() DynamicsRun {
	r := DynamicsRun{
		Variant: s.Variant, B: s.B, Law: s.Law, NoiseScale: s.NoiseScale, Eta: s.Eta, Replicas: s.Replicas, Steps: s.Steps,
		Radius: s.Radius, Starts: s.Starts, Lambda: s.Lambda, TimeUnit: s.TimeUnit, Class: s.Class, Absorbing: s.Absorbing, Wide: s.Wide,
		Sets: make([]SetFraction, len(s.Sets)), Out: s.Out, NoBasin: s.NoBasin, Sharp: s.Sharp, SharpNear: s.SharpNear,
		SharpByReplica: s.SharpByReplica, SharpLimit: s.SharpLimit, SharpFirstOrder: s.SharpFirstOrder,
		SharpLimitLow: s.SharpLimitLow, SharpLimitHigh: s.SharpLimitHigh,
		SharpFirstOrderLow: s.SharpFirstOrderLow, SharpFirstOrderHigh: s.SharpFirstOrderHigh,
		MarkerTransitions: s.MarkerTransitions, Transitions: s.Transitions,
		Generator: s.Generator, Embedded: s.Embedded, FDD: s.FDD, Kill: s.Kill, Notes: s.Notes,
	}
	for j, x := range s.Sets {
		r.Sets[j] = SetFraction{Set: x.Set, Sharp: x.Sharp, Near: x.Near, Basin: x.Basin, Marker: x.Marker,
			Stationary: x.Stationary, FirstOrder: x.FirstOrder, StationaryLow: x.StationaryLow, StationaryHigh: x.StationaryHigh,
			FirstOrderLow: x.FirstOrderLow, FirstOrderHigh: x.FirstOrderHigh}
	}
	return r
}
