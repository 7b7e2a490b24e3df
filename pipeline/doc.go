// Package pipeline runs the experiments a scenario describes and joins what
// the simulation measured (mc, estimators) with what the theory predicts
// (theory) into report rows. It is the one place where measurement and
// prediction meet outside tests; cmd/verify and paper call it.
package pipeline
