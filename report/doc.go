// Package report renders htsgd's results: text tables (tablewriter), JSON and
// CSV. It formats what it is given and computes nothing: rows are assembled
// by package pipeline from estimates (estimators) and predictions (theory).
//
// JSON conventions: numbers that do not exist (a mean with no exits, a
// prediction for Gaussian noise) are null, never NaN or Inf; indices are
// 0-based; nothing depends on timing or on the machine.
package report
