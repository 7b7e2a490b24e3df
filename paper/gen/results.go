package gen

import (
	"github.com/htsgd/htsgd/report"
)

// Names of the files of a results directory.
const (
	FileMeta        = "meta.json"
	FileTheory      = "theory.json"
	FileExits       = "exits.json"
	FileExitsCSV    = "exits.csv"
	FileSamples     = "exit_samples.csv"
	FileFits        = "fits.json"
	FileFitsCSV     = "fits.csv"
	FileRatesCSV    = "theory_rates.csv"
	FileDynamics    = "dynamics.json"
	FileDynamicsCSV = "dynamics.csv"
	FilePaths       = "paths.json"
	// DirRare holds the rare-event estimates (another step's output; see
	// RareFile). DirScenarios holds every exit cell as a scenario file that
	// `verify exit -scenario` reruns.
	DirRare      = "rare"
	DirScenarios = "scenarios"
)

// Curve is a sampled function y(x).
type Curve struct {
	X []float64 `json:"x"`
	Y []float64 `json:"y"`
}

// ClassResult is one communication class of the typical transition graph
// with its limiting chain (theory.Class; THEORY.md section 4).
type ClassResult struct {
	Members   []int       `json:"members"`
	Absorbing bool        `json:"absorbing"`
	Wide      []int       `json:"wide"`
	Narrow    []int       `json:"narrow"`
	Generator [][]float64 `json:"generator"`
	// Stationary is π on Wide (absorbing classes only).
	Stationary []float64 `json:"stationary"`
	// KillRate is κ on Wide (transient classes only).
	KillRate []float64 `json:"kill_rate"`
}

// TheoryCase is what package theory computes for one truncation threshold
// (THEORY.md sections 2-4 and 6).
type TheoryCase struct {
	// Label is the series label ("b=0.5"); B is b, null for no truncation.
	Label string   `json:"label"`
	B     *float64 `json:"b"`
	// Radius is r_i, Jump J_i, Rates q_{i,j} (Rates[i][i] = 0), ExitRate q_i.
	Radius   []float64   `json:"radius"`
	Jump     []int       `json:"jump_number"`
	Rates    [][]float64 `json:"rates"`
	ExitRate []float64   `json:"exit_rate"`
	// Classes of the typical transition graph with their chains.
	Classes []ClassResult `json:"classes"`
	// Slope is the predicted slope −(1 + J(α − 1)) of log E τ against log η
	// for the exit basin (Pareto noise).
	Slope float64 `json:"slope"`
	// MeanExit is the predicted mean exit time 1/(q η λ(η)^J) from the exit
	// basin at the η of Theory.EtaGrid.
	MeanExit []float64 `json:"mean_exit"`
	// NarrowFraction is the first-order finite-η time fraction of each basin
	// at the trajectories' η (THEORY.md section 4; null: not applicable).
	NarrowFraction []*float64 `json:"narrow_fraction"`
	// CheckRates and CheckStderr are the independent Monte Carlo
	// cross-check of Rates (theory.CrossCheck, CheckSamples paths per side
	// of each minimum) and its standard errors; CheckMaxZ[i] is
	// max_j |q_ij − q̂_ij|/se_ij over the cells with se > 0 (null when the
	// cross-check is exact in every cell of the row: J = 1 with one basin
	// in reach).
	CheckSamples int         `json:"check_samples"`
	CheckRates   [][]float64 `json:"check_rates"`
	CheckStderr  [][]float64 `json:"check_stderr"`
	CheckMaxZ    []*float64  `json:"check_max_z"`
	// Warnings are the theory's warnings (near-integer ratios, …).
	Warnings []string `json:"warnings"`
}

// TheoryFile is theory.json: the landscape, the noise and the predictions
// for every truncation threshold of the appendix.
type TheoryFile struct {
	Landscape string    `json:"landscape"`
	Domain    []float64 `json:"domain"`
	Law       string    `json:"law"`
	Alpha     float64   `json:"alpha"`
	Scale     float64   `json:"scale"`
	PPlus     float64   `json:"p_plus"`
	Minima    []float64 `json:"minima"`
	Saddles   []float64 `json:"saddles"`
	// ExitBasin is the basin whose exit figure 1 measures (0-based).
	ExitBasin int `json:"exit_basin"`
	// Loss samples f on the domain, for the figures.
	Loss Curve `json:"loss"`
	// EtaGrid and Lambda are the η of the predicted curves and λ(η).
	EtaGrid []float64 `json:"eta_grid"`
	Lambda  []float64 `json:"lambda"`
	// PathsEta is the η of the trajectories and PathsLambda λ there.
	PathsEta    float64      `json:"paths_eta"`
	PathsLambda float64      `json:"paths_lambda"`
	Cases       []TheoryCase `json:"cases"`
}

// ExitCellResult is one (b, η) cell of figure 1: the row `verify exit`
// prints for the cell's scenario (report.ExitRow, flattened), with the
// ratio's interval, the landing interval and the cell's run parameters.
type ExitCellResult struct {
	report.ExitRow
	// Lambda is λ(η).
	Lambda float64 `json:"lambda"`
	// Seed and MaxSteps are the cell's scenario seed and step cap;
	// Scenario names its file under DirScenarios.
	Seed     int64  `json:"seed"`
	MaxSteps int64  `json:"max_steps"`
	Scenario string `json:"scenario_file"`
	// RatioLow and RatioHigh bound R = τ̄/predicted: the exact interval of
	// τ̄ divided by the (exact) prediction.
	RatioLow  *float64 `json:"ratio_low"`
	RatioHigh *float64 `json:"ratio_high"`
	// LandLeft is the fraction of exits landing in the basin below (Ω_1)
	// with its Clopper–Pearson interval, and LandLeftLimit q_{2,1}/q_2.
	LandLeft      report.Interval `json:"land_left"`
	LandLeftLimit *float64        `json:"land_left_limit"`
	// TotalSteps is the number of steps simulated in the cell.
	TotalSteps int64 `json:"total_steps"`
	// Warnings are the scenario's and the theory's warnings for the cell.
	Warnings []string `json:"warnings"`
}

// ExitSeriesResult is one series of figure 1.
type ExitSeriesResult struct {
	Label string   `json:"label"`
	B     *float64 `json:"b"`
	Basin int      `json:"basin"`
	Jump  int      `json:"jump_number"`
	// Q is q_i of the exit basin.
	Q     float64          `json:"q"`
	Cells []ExitCellResult `json:"cells"`
}

// ExitsFile is exits.json.
type ExitsFile struct {
	// Sizes names the run ("quick" or "full").
	Sizes  string             `json:"sizes"`
	Series []ExitSeriesResult `json:"series"`
}

// LineFit is a weighted least-squares slope of log τ̄ on log η
// (estimators.WLSLine: residual scale estimated, so the interval absorbs
// curvature) with the known-variance goodness of fit of a straight line.
type LineFit struct {
	Slope     float64  `json:"slope"`
	Low       float64  `json:"low"`
	High      float64  `json:"high"`
	GoodnessP *float64 `json:"goodness_p"`
	N         int      `json:"n"`
	EtaMin    float64  `json:"eta_min"`
	EtaMax    float64  `json:"eta_max"`
}

// RatioPoint is one R(η) = τ̄·q η λ(η)^J with its interval.
type RatioPoint struct {
	Eta    float64 `json:"eta"`
	Lambda float64 `json:"lambda"`
	R      float64 `json:"r"`
	Low    float64 `json:"low"`
	High   float64 `json:"high"`
	// Predicted is the predicted mean 1/(q η λ(η)^J), so the mean exit
	// time is R·Predicted.
	Predicted float64 `json:"predicted_steps"`
	// Weight is 1/Var(R) used by the fit.
	Weight float64 `json:"weight"`
	// Source is "mc" (brute force, exits.json) or "rare" (rare/*.json).
	Source string `json:"source"`
	// Censored reports a cell with censored samples.
	Censored bool `json:"censored"`
}

// RatioFitResult is estimators.FitRatio on a series' ratios.
type RatioFitResult struct {
	R0            float64  `json:"r0"`
	R0Low         *float64 `json:"r0_low"`
	R0High        *float64 `json:"r0_high"`
	A             float64  `json:"a"`
	Kappa         float64  `json:"kappa"`
	KappaLow      float64  `json:"kappa_low"`
	KappaHigh     float64  `json:"kappa_high"`
	KappaAtBound  bool     `json:"kappa_at_bound"`
	KappaMin      float64  `json:"kappa_min"`
	KappaMax      float64  `json:"kappa_max"`
	Extrapolation float64  `json:"extrapolation"`
	LambdaMin     float64  `json:"lambda_min"`
	LambdaMax     float64  `json:"lambda_max"`
	ChiSq         float64  `json:"chi_sq"`
	DF            int      `json:"df"`
	GoodnessP     *float64 `json:"goodness_p"`
	N             int      `json:"n"`
}

// SeriesFit holds the fits of one exit series.
type SeriesFit struct {
	Label string   `json:"label"`
	B     *float64 `json:"b"`
	Jump  int      `json:"jump_number"`
	// PredictedSlope is −(1 + J(α − 1)).
	PredictedSlope float64 `json:"predicted_slope"`
	// Slope over all cells with exits; SlopeSmall over the smallest half
	// of the η range (at least 3 cells), nearer the limit.
	Slope      *LineFit `json:"slope"`
	SlopeSmall *LineFit `json:"slope_small_eta"`
	// Points are the ratios fitted; Ratio the fit (null if it failed).
	Points []RatioPoint    `json:"points"`
	Ratio  *RatioFitResult `json:"ratio_fit"`
	Notes  []string        `json:"notes"`
}

// FitsFile is fits.json.
type FitsFile struct {
	// Level is the confidence level of every interval.
	Level  float64     `json:"level"`
	Series []SeriesFit `json:"series"`
	// RareFiles lists the rare-event files read (relative to the results
	// directory); empty when there were none.
	RareFiles []string `json:"rare_files"`
	// RareSkipped lists the files under rare/ that were not used, and why.
	RareSkipped []string `json:"rare_skipped"`
}

// PathVariant is one panel of the histogram and sample-path figures: the
// paths of one noise variant.
type PathVariant struct {
	// Name is "heavy, b=∞", …; Law, NoiseScale and B (null: none) describe it.
	Name       string   `json:"name"`
	Law        string   `json:"law"`
	NoiseScale float64  `json:"noise_scale"`
	B          *float64 `json:"b"`
	// Counts is the histogram of X_n, n = 1..Steps, over all replicas.
	Counts []int64 `json:"counts"`
	// BasinFraction[k][j] is the fraction of steps replica k spent in Ω_j;
	// Basin[j] their mean with a t interval over replicas.
	BasinFraction [][]float64       `json:"basin_fraction"`
	Basin         []report.Interval `json:"basin"`
	// Stationary is the limiting chain's stationary weight of each basin
	// (0 for narrow minima; null for light-tailed noise), Horizon the
	// limiting chain's expected occupation averaged over the simulated
	// horizon from the start, and FirstOrder the first-order finite-η
	// fraction of the narrow basins (THEORY.md section 4).
	Stationary []*float64 `json:"stationary"`
	Horizon    []*float64 `json:"horizon"`
	FirstOrder []*float64 `json:"first_order"`
	// TimeUnit is 1/(η λ(η)^{J_G}) steps; HorizonScaled = Steps/TimeUnit.
	TimeUnit      *float64 `json:"time_unit"`
	HorizonScaled *float64 `json:"horizon_scaled"`
	// DynamicsVariant is the RunDynamics variant whose random streams the
	// paths use ("" for none); SameAsDynamics reports whether the paths'
	// basin time fractions equal that run's to 1e-12, i.e. whether they are
	// the very paths of the dynamics table (null: no such run).
	DynamicsVariant string `json:"dynamics_variant"`
	SameAsDynamics  *bool  `json:"same_as_dynamics"`
	// TraceMin and TraceMax are min and max of X_n of replica 0 over
	// consecutive blocks of BlockSteps steps (the drawn sample path).
	TraceMin []float64 `json:"trace_min"`
	TraceMax []float64 `json:"trace_max"`
}

// PathsFile is paths.json: the paper's Figure 1 (left and middle).
type PathsFile struct {
	Eta        float64       `json:"eta"`
	Start      float64       `json:"start"`
	Replicas   int           `json:"replicas"`
	Steps      int64         `json:"steps"`
	Seed       uint64        `json:"seed"`
	BinLo      float64       `json:"bin_lo"`
	BinHi      float64       `json:"bin_hi"`
	BlockSteps int64         `json:"block_steps"`
	Variants   []PathVariant `json:"variants"`
}

// Meta is meta.json: what is not a function of the seeds.
type Meta struct {
	Sizes      string             `json:"sizes"`
	GitCommit  string             `json:"git_commit"`
	GitDirty   bool               `json:"git_dirty"`
	GoVersion  string             `json:"go_version"`
	GOMAXPROCS int                `json:"gomaxprocs"`
	Workers    int                `json:"workers"`
	NumCPU     int                `json:"num_cpu"`
	CPUModel   string             `json:"cpu_model"`
	Uname      string             `json:"uname"`
	Started    string             `json:"started_utc"`
	WallSec    map[string]float64 `json:"wall_seconds"`
	WallTotal  float64            `json:"wall_seconds_total"`
	Steps      map[string]int64   `json:"steps"`
	// NsPerStep is wall ns per simulated step per worker over the
	// simulation steps (a throughput, not a kernel benchmark; it grows
	// when other processes share the cores).
	NsPerStep float64 `json:"ns_per_step_per_worker"`
	// CPUSec is the process's user + system CPU time and CPUNsPerStep the
	// CPU ns per simulated step (null where it cannot be read): with W free
	// cores a run of S steps takes about S·CPUNsPerStep/W.
	CPUSec       *float64 `json:"cpu_seconds"`
	CPUNsPerStep *float64 `json:"cpu_ns_per_step"`
}
