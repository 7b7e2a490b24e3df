// Package theory computes the predictions of the heavy-tailed SGD theory for
// a one-dimensional loss (THEORY.md sections 2, 3, 4, 6 and 8): the jump
// numbers J_i and J_{i,j}, the first-exit rate constants q_{i,j} (by the
// backward recursion of section 3, cross-checked by an independent
// time-domain Monte Carlo integral), the typical transition graph and its
// communication classes, the limiting continuous-time Markov chain on the
// wide minima, and the finite-η time scales.
//
// Everything starts from a Model: the critical-point structure of the loss,
// its derivative f', the tail index α, the asymmetry p_+ and the truncation
// threshold b. The Model carries α and p_+ only, not a noise law; whoever
// builds it must first reject laws that are not heavy-tailed (the Gaussian
// contrast law, noise.Law.HeavyTailed() == false), for which α, λ(η) and
// every prediction of this package are undefined. Lambda and the functions
// taking a noise.Law return an error for such laws.
//
// Analyse bundles everything into one Analysis value whose JSON encoding is
// the CLI's contract. Indices are 0-based throughout: minimum i of this
// package is m_{i+1} of THEORY.md.
//
// The package imports landscapes and noise only: a prediction is never
// computed from a simulation.
package theory
