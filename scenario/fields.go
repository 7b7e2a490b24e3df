package scenario

import (
	"errors"
	"strings"

	"github.com/htsgd/htsgd/param"
)

// field is the place in a scenario file that a library parameter comes
// from.
type field struct {
	// key is the dotted key ("noise.alpha"), an element of one
	// ("landscape.domain[0]"), a table ("landscape") when the parameter
	// stands for a whole table, or a command-line flag ("-theory-samples")
	// for a parameter a run takes from a flag rather than the file.
	key string
	// list marks a list parameter whose elements are the key's elements:
	// the error's Index k names key[k].
	list bool
	// eta marks a parameter that is one step size of sgd.eta (a run is
	// made for each): FieldOfEta names the element.
	eta bool
}

// fields maps the names of the library's parameter errors
// (param.Error.Name, "package.Type.Field") to the scenario keys they come
// from. It is the one place where the library's vocabulary meets the file's:
// packages noise, landscapes, mc and theory, and this package's Plan, name
// their parameters in Go, and the command line reports keys.
var fields = map[string]field{
	// Package noise: the [noise] table.
	"noise.Law.Name":           {key: "noise.law"},
	"noise.Pareto.Alpha":       {key: "noise.alpha"},
	"noise.Lomax.Alpha":        {key: "noise.alpha"},
	"noise.StudentT.Alpha":     {key: "noise.alpha"},
	"noise.Stable.Alpha":       {key: "noise.alpha"},
	"noise.Pareto.Scale":       {key: "noise.scale"},
	"noise.Lomax.Scale":        {key: "noise.scale"},
	"noise.StudentT.Scale":     {key: "noise.scale"},
	"noise.Stable.Scale":       {key: "noise.scale"},
	"noise.Gaussian.Scale":     {key: "noise.scale"},
	"noise.Pareto.PPlus":       {key: "noise.p_plus"},
	"noise.Lomax.PPlus":        {key: "noise.p_plus"},
	"noise.StudentT.PPlus":     {key: "noise.p_plus"},
	"noise.Stable.PPlus":       {key: "noise.p_plus"},
	"noise.Gaussian.PPlus":     {key: "noise.p_plus"},
	"noise.Radial.Dim":         {key: "landscape.dimension"},
	"noise.Radial.Radius":      {key: "noise.p_plus"}, // the radial law must be symmetric
	"noise.Angular.Directions": {key: "noise.directions", list: true},
	"noise.Angular.Weights":    {key: "noise.weights", list: true},

	// Package landscapes: the [landscape] table.
	"landscapes.Paper1D.Lo":                {key: "landscape.domain[0]"},
	"landscapes.Paper1D.Hi":                {key: "landscape.domain[1]"},
	"landscapes.CriticalPoints.Scale":      {key: "landscape.scale"},
	"landscapes.CriticalPoints.Points":     {key: "landscape.points", list: true},
	"landscapes.CriticalPoints.Domain":     {key: "landscape.domain"},
	"landscapes.Quadratic.K":               {key: "landscape.scale"},
	"landscapes.Quadratic.A":               {key: "landscape.basin[0]"},
	"landscapes.Quadratic.C":               {key: "landscape.basin[1]"},
	"landscapes.Line":                      {key: "landscape"}, // Discover: the critical points
	"landscapes.Interval":                  {key: "landscape.domain"},
	"landscapes.QuadraticRd.Hessian":       {key: "landscape.hessian", list: true},
	"landscapes.QuadraticRd.BasinRadius":   {key: "landscape.basin_radius"},
	"landscapes.QuadraticRd.BasinLo":       {key: "landscape.basin_lo", list: true},
	"landscapes.QuadraticRd.BasinHi":       {key: "landscape.basin_hi", list: true},
	"landscapes.GaussianWells.Centers":     {key: "landscape.centers", list: true},
	"landscapes.GaussianWells.Depths":      {key: "landscape.depths", list: true},
	"landscapes.GaussianWells.Widths":      {key: "landscape.widths", list: true},
	"landscapes.GaussianWells.Confinement": {key: "landscape.confinement"},
	"landscapes.Ball.Radius":               {key: "landscape.domain_radius"},
	"landscapes.BasinMapOptions.Domain":    {key: "landscape.domain_radius"},
	"landscapes.Landscape":                 {key: "landscape"}, // a basin map's loss

	// Package scenario: Plan.Validate.
	"scenario.Plan.Name":             {key: "name"},
	"scenario.Plan.Landscape":        {key: "landscape"},
	"scenario.Plan.Basins":           {key: "landscape"},
	"scenario.Plan.Noise":            {key: "noise"},
	"scenario.Plan.B":                {key: "sgd.b"},
	"scenario.Plan.Domain":           {key: "landscape"},
	"scenario.Plan.Etas":             {key: "sgd.eta", list: true},
	"scenario.Plan.Starts":           {key: "sgd.start_x"},
	"scenario.RunPlan.Samples":       {key: "run.samples"},
	"scenario.RunPlan.MaxSteps":      {key: "run.max_steps"},
	"scenario.DynamicsPlan.Replicas": {key: "dynamics.replicas"},
	"scenario.DynamicsPlan.Steps":    {key: "dynamics.steps"},
	"scenario.DynamicsPlan.Radius":   {key: "dynamics.radius"},
	"scenario.DynamicsPlan.Times":    {key: "dynamics.times", list: true},

	// Package mc: the systems a Plan's runs are made of. Not here, as no
	// key sets them: mc.ReplicaSet.First and .Indices (shards, resumed
	// runs).
	"mc.System.Landscape":     {key: "landscape"},
	"mc.System.Basins":        {key: "landscape"},
	"mc.System.Noise":         {key: "noise"},
	"mc.System.Eta":           {key: "sgd.eta", eta: true},
	"mc.System.B":             {key: "sgd.b"},
	"mc.System.Domain":        {key: "landscape"},
	"mc.FirstExit.Start":      {key: "sgd.start_x"},
	"mc.FirstExit.MaxSteps":   {key: "run.max_steps"},
	"mc.Trajectory.Start":     {key: "sgd.start_x"},
	"mc.Trajectory.Steps":     {key: "dynamics.steps"},
	"mc.Trajectory.Radius":    {key: "dynamics.radius"},
	"mc.Trajectory.Snapshots": {key: "dynamics.times", list: true},
	"mc.Walk.Start":           {key: "sgd.start_x"},
	"mc.Walk.Steps":           {key: "dynamics.steps"},
	"mc.SuppliedExit.Start":   {key: "sgd.start_x"},

	// Package theory: the model and the options of the predictions. Not
	// here, as no key sets them: theory.Options.Level and the arguments of
	// the methods of theory.Analysis (basin and class indices, λ, levels).
	"theory.Model.Landscape":    {key: "landscape"},
	"theory.Model.Basins":       {key: "landscape"},
	"theory.Model.Noise":        {key: "noise"},
	"theory.Model.B":            {key: "sgd.b"},
	"theory.Model.Domain":       {key: "landscape"},
	"theory.Options.Samples":    {key: "-theory-samples"},
	"theory.CrossCheck.samples": {key: "-check-samples"},
	"theory.Transition.t":       {key: "dynamics.times"},
}

// FieldOf returns err in the vocabulary of scenario files, for a command
// line that reports bad input by its key:
//
//   - if err is or wraps a *FieldError, err itself;
//   - if err's chain holds a *param.Error whose Name the package's table
//     knows, a *FieldError naming the key it comes from (with the index for
//     an element of an array: landscapes.GaussianWells.Depths[1] is
//     "landscape.depths[1]") and the cause of that *param.Error. When
//     *param.Errors are nested (a system wrapping the error of its domain),
//     the innermost known one names the key: it is the most precise;
//   - otherwise err unchanged (a failure that is not bad input, or a
//     parameter no scenario key sets, which keeps its Go name).
//
// The errors of Parse, Validate and Build are already *FieldErrors. A
// parameter that is one step size of sgd.eta (mc.System.Eta) is named
// "sgd.eta" here; FieldOfEta names the element.
func FieldOf(err error) error {
	return fieldOfAt(err, -1)
}

// FieldOfEta is FieldOf for the error of a run at the step size
// Plan.Etas[k]: a parameter that is that step size (mc.System.Eta) is named
// "sgd.eta[k]".
func FieldOfEta(err error, k int) error {
	return fieldOfAt(err, k)
}

// fieldOfAt implements FieldOf and FieldOfEta (eta < 0: no step size
// index).
func fieldOfAt(err error, eta int) error {
	if err == nil {
		return nil
	}
	var fe *FieldError
	if errors.As(err, &fe) {
		return err
	}
	if fe := lookupField(err, eta); fe != nil {
		return fe
	}
	return err
}

// lookupField returns the *FieldError of the innermost *param.Error in
// err's chain whose Name is in fields, or nil if there is none.
func lookupField(err error, eta int) *FieldError {
	var (
		pe *param.Error
		f  field
	)
	for e := err; e != nil; e = errors.Unwrap(e) {
		if p, ok := e.(*param.Error); ok {
			if g, known := fields[p.Name]; known {
				pe, f = p, g
			}
		}
	}
	if pe == nil {
		return nil
	}
	key := f.key
	switch {
	case f.list && pe.Index != param.Whole:
		key = index(key, pe.Index)
	case f.eta && pe.Index == param.Whole && eta >= 0:
		key = index(key, eta)
	case f.eta && pe.Index != param.Whole:
		key = index(key, pe.Index)
	}
	return &FieldError{Field: key, Err: pe.Err}
}

// isFlag reports whether a field names a command-line flag rather than a
// key of the file.
func isFlag(field string) bool { return strings.HasPrefix(field, "-") }
