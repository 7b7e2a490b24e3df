package report

// RowRefused is the ExitRow.State of a rare-event cell whose design was
// refused: no design passed its pilots within the budget, so the row has
// no estimate (RareDiagnostics.Refused says why).
const RowRefused = "refused"

// RareDiagnostics is what a rare-event row (ExitRow.Method "is") carries
// beside its estimate: the design its windows ran, what the design was read
// from, the pilots that chose it, and the estimate's self-checks
// (docs/theory.md §13). An estimate whose checks fail may be wrong, or its
// interval too narrow: Warning is set and Failed names the checks. A row
// whose design was refused (no design passed its pilots within the budget)
// has no estimate, Refused says why, and the checks are the last pilot's.
type RareDiagnostics struct {
	// Design is the importance-sampling design of the main run (of the
	// last pilot when Refused).
	Design RareDesign `json:"design"`
	// Basis is what the design rule read off the landscape.
	Basis RareBasis `json:"basis"`
	// Stretch is the factor by which the rule's warm-up and burn-in were
	// lengthened before a pilot passed (1: the rule's design passed).
	Stretch float64 `json:"stretch"`
	// Pilots is the number of pilot runs and PilotSteps their SGD steps;
	// TotalSteps is the main run's steps (windows × StepsPerWindow; both
	// 0 when Refused).
	Pilots         int     `json:"pilots"`
	PilotSteps     int64   `json:"pilot_steps"`
	TotalSteps     int64   `json:"total_steps"`
	StepsPerWindow float64 `json:"steps_per_window"`
	// HazardRatio is the hazard in the second half of the counting
	// interval over that in the first (about 1 once the start transient
	// is over; fails when significantly above 1).
	HazardRatio RareCheck `json:"hazard_ratio"`
	// TransientBias is the relative bias of the rate that the start at
	// rest leaves, from replays of the exits (fails when below −2% with
	// confidence).
	TransientBias RareCheck `json:"transient_bias"`
	// MaxShare is the largest single window's share of the estimate
	// (fails above 0.1).
	MaxShare RareCheck `json:"max_share"`
	// ESS is the effective number of counted exits (fails below 100).
	ESS RareCheck `json:"ess"`
	// LongSequences and OutsideB are informational (they always pass):
	// the shares of the estimate from exits whose jump sequence began
	// before the burn-in, and from exits with fewer than J big noises.
	LongSequences RareCheck `json:"long_sequences"`
	OutsideB      RareCheck `json:"outside_b"`
	// Warning reports that a check failed; Failed names the failed checks
	// (their JSON names).
	Warning bool     `json:"warning"`
	Failed  []string `json:"failed"`
	// Refused is "" for an estimate, else why no design passed its
	// pilots: "transient" (the start transient was not over even at the
	// largest stretch) or "too_few_exits" (too few exits, even in a pilot
	// as large as the run, to check a design).
	Refused string `json:"refused,omitempty"`
}

// RareDesign is the design of a rare-event estimate, times in units of
// 1/η: J big noises (‖ηZ‖ > Gamma) asked for in windows of Window after a
// Warmup under the noise's own law, exits counted after Burn, defensive
// weight Weight; ReplayAll when every exit is replayed by the transient
// check.
type RareDesign struct {
	J         int     `json:"j"`
	Gamma     float64 `json:"gamma"`
	Warmup    float64 `json:"warmup"`
	Burn      float64 `json:"burn"`
	Window    float64 `json:"window"`
	Weight    float64 `json:"weight"`
	ReplayAll bool    `json:"replay_all,omitempty"`
}

// RareBasis is what the design rule read off the landscape around the
// start minimum, times in units of 1/η: the slack r − (J−1)b, the flow span
// D_J of the J-jump exit sequences, the relaxation time 1/λ_min and the
// return time of the warm-up, and whether the flow contracts towards the
// minimum (the condition for the slack bound and the at-rest ball in R^d).
type RareBasis struct {
	Distance    float64 `json:"distance"`
	Slack       float64 `json:"slack"`
	FlowSpan    float64 `json:"flow_span"`
	RelaxTime   float64 `json:"relax_time"`
	ReturnTime  float64 `json:"return_time"`
	Contracting bool    `json:"contracting"`
}

// RareCheck is one self-check of a rare-event estimate: its value, its
// interval at the row's level where it has one (null where it has none),
// the limit it is held to (null for an informational check) and the
// verdict.
type RareCheck struct {
	Value *float64 `json:"value"`
	Low   *float64 `json:"low"`
	High  *float64 `json:"high"`
	Limit *float64 `json:"limit"`
	Pass  bool     `json:"pass"`
}
