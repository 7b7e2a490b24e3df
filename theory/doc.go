// Package theory computes the predictions of the heavy-tailed SGD theory
// (docs/theory.md §4-§9) for a loss in any dimension: the jump numbers
// J_i and J_{i,j}, the first-exit rate constants q_{i,j} and q_i = C*, the
// landing law of the first exit, the typical transition graph and its
// communication classes, the limiting continuous-time Markov chain on the
// wide minima, and the finite-η time scales and time fractions.
//
// Everything starts from a Model (the landscape, its basins, the noise law,
// the truncation threshold b and the projection) and one entry point,
// Analyse, which returns an Analysis. How the rates are obtained is decided
// inside: on the real line, when the landscape is a landscapes.Curve, its
// basins a landscapes.Structure and the noise a noise.Scalar, by the exact
// backward recursion of docs/theory.md §7.3 (cross-checked by CrossCheck,
// an independent time-domain Monte Carlo integral); otherwise by the Monte
// Carlo integral C* of §9.3, with standard errors and bootstrap
// intervals. The Analysis and its methods (PredictExit, MeanExitSteps,
// NarrowFractions, TimeFractions, StationaryCI, …) read the same in both
// cases; standard errors are zero and intervals degenerate where exact.
//
// Light-tailed noise (the Gaussian contrast) has no tail index α, so λ(η)
// and every prediction are undefined: Analyse and Lambda return an error
// wrapping ErrNotApplicable. Bad parameters are *param.Error values naming
// the parameter ("theory.Model.B").
//
// Indices are 0-based throughout, as in docs/theory.md. The package imports landscapes and noise only: a prediction is
// never computed from a simulation.
package theory
