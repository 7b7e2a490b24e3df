// Command verify runs htsgd's experiments on a scenario and compares what the
// simulation measures with what the theory predicts.
//
// Usage:
//
//	verify exit     [-scenario FILE] [-json | -csv] [-workers N]   first-exit statistics
//	                [-shard i/n -out FILE] [-checkpoint FILE] [-resume FILE]
//	verify theory   [-scenario FILE] [-json] [-check]             predictions of the theory
//	verify dynamics [-scenario FILE] [-json] [-variants LIST]     trajectories vs the limit chain
//	verify merge    [-json | -csv] FILE...                        combine shards of an exit run
//	verify rare     [-scenario FILE] [-json] [-brute-exits N | -brute FILE]
//	                                                              rare-event estimator vs brute force
//	verify converge [-scenario FILE] [-budget-time D] [-out FILE] step-size ladder until R(η) → 1 is shown or refuted
//	verify control  [-scenario FILE] [-json | -csv] [-out DIR]    heavy-tailed noise on a real network: Table 2 analogue
//	verify version                                                module version and VCS revision
//	verify help     [COMMAND]                                     overview, or one command's help
//
// Every command that reads a scenario also takes -b (a threshold, or inf for
// no truncation) and -law (another noise law) to rerun it with one change.
//
// Scenarios on R^d (quadratic with a hessian, gaussian-wells,
// himmelblau-modified) run through the same commands: exit prints the start
// as a point and the 95% interval of the prediction 1/(C* η λ(η)^J) that
// comes from the Monte Carlo error of C*; theory prints the minimum sets
// (a segment by its end points), r_i, J_i, C* with its interval, the landing
// law and the limiting chain; dynamics prints the time near each minimum
// set, in its basin and as the marker's state against the stationary law
// and the first-order time fractions. -theory-samples sets the Monte Carlo
// paths per minimum set of C* (default 20000); record files keep it, and
// merge and -resume report with the value the records were made with.
// theory -check is 1-D only; exit -method is and rare run on the line and
// in R^d.
//
// Without -scenario the built-in default scenario is used (paper-1d, b = 0.5,
// Pareto noise c = 0.1, α = 1.2). Exit status: 0 on success, 1 on a failure
// of the run, 2 on bad input (flags or scenario), 130 when interrupted (what
// finished is still printed). docs/commands.md describes every command and
// how to read its output.
package main

import (
	"context"
	"errors"
	"fmt"
	"io"
	"os"
	"os/signal"
	"syscall"
)

// Exit statuses.
const (
	exitOK          = 0
	exitFailure     = 1
	exitBadInput    = 2
	exitInterrupted = 130
)

// usageError marks an error in the user's input (flags or scenario): exit
// status 2.
type usageError struct{ err error }

func (e usageError) Error() string { return e.err.Error() }
func (e usageError) Unwrap() error { return e.err }

// badInput wraps err as a usage error.
func badInput(err error) error {
	if err == nil {
		return nil
	}
	return usageError{err}
}

// badInputf formats a usage error.
func badInputf(format string, args ...any) error { return usageError{fmt.Errorf(format, args...)} }

// command is one subcommand: its name, its arguments after the name
// (synopsis), a one-line summary for the overview, and the description
// `verify help <name>` prints before the flags.
type command struct {
	name, synopsis, summary, description string
	// run executes the command; nil for commands that run without
	// context or flags (help).
	run func(ctx context.Context, args []string, stdout, stderr io.Writer) error
}

func commands() []command {
	return []command{
		{name: "exit", synopsis: "[flags]", run: runExit,
			summary: "first-exit times and landing basins, with CIs, against the theory",
			description: `Runs run.samples replicas from each start of the scenario at each step size η, each until it
leaves its basin or reaches run.max_steps (a censored replica, kept in the estimate), and prints
one row per (η, start): the mean exit time with its exact 95% interval, the prediction
1/(q·η·λ(η)^J), their ratio R(η) with its interval, the exponential-shape test, where the exits
landed against the predicted landing law (forbidden landings counted), and a verdict. The
legend under the table explains every column; docs/commands.md has more.

With -method is the mean exit time comes from the rare-event estimator (any dimension; each
row with its self-checks), for step sizes too small to simulate to the exit. -shard, -out,
-checkpoint and -resume split a long run over machines or time; 'verify merge' combines the
parts.`},
		{name: "rare", synopsis: "[flags]", run: runRare,
			summary: "the rare-event estimator against brute force: agreement and speed-up",
			description: `Estimates the mean exit time of every (η, start) of the scenario with the rare-event estimator
(run.samples windows per cell; the design is read off the landscape and checked by pilots, as
with 'verify exit -method is'), and beside it brute force: -brute-exits N first exits per cell
(the replicas 'verify exit' runs with run.samples = N), or the rows of a brute-force report
given with -brute (a long 'verify exit -json' or 'verify merge -json' run of the same setting).
Prints per cell the two estimates and the prediction, the z-score of the log means with the
agreement test (false-alarm rate 0.001), the steps each spent, and the speed-up: the ratio of
their work-normalised variances (against the prediction where brute force did not run). Exit
status 2 when a cell's design is refused (the table shows it); -pilot -1 runs the rule's design
without pilots, for a point where a pilot large enough to check it costs too much (its own
diagnostics then judge it). See docs/theory.md §13.`},
		{name: "theory", synopsis: "[flags]", run: runTheory,
			summary: "jump numbers, rate constants, limiting generator and stationary law",
			description: `Prints what the theory predicts for the scenario, computed from the loss and the noise law
alone (nothing is simulated or fitted): the minima and saddles, r_i and the jump numbers J_i,
the rate constants q_ij (exact in 1-D, C* by Monte Carlo with its interval on R^d), the typical
transition graph with its classes, the limiting generator and stationary law, and per η the
predicted mean exit steps. -check adds an independent Monte Carlo estimate of every rate
constant (1-D). See docs/theory.md §5-§9.`},
		{name: "dynamics", synopsis: "[flags]", run: runDynamics,
			summary: "long trajectories against the limiting Markov jump process",
			description: `Runs the trajectory experiment of the scenario's [dynamics] table: dynamics.replicas long
trajectories per η and per variant (truncated, untruncated, Gaussian), and compares the time
spent near each minimum, the transitions between minima and the law at fixed scaled times with
the limiting Markov chain of docs/theory.md §8 (generator, stationary law, first-order time in
narrow basins).`},
		{name: "merge", synopsis: "[flags] FILE...", run: runMerge,
			summary: "combine the record files of sharded exit runs into one report",
			description: `Reads the record files FILE... written by 'verify exit -shard i/n -out FILE' (one per shard,
every shard of one run exactly once) and prints the report of the whole run, byte for byte what
the unsharded run with the same seed prints (table, -json or -csv). -out also writes the merged
records, which 'verify exit -resume' accepts.`},
		{name: "converge", synopsis: "[flags]", run: runConverge,
			summary: "walk the step-size ladder until R(η) → 1 is shown or refuted: verdicts per basin",
			description: `For each start basin, runs first exits at a ladder of step sizes geometric in λ(η) (halving λ
per rung from the largest sgd.eta, or the fixed ladder -etas), by brute force or, where its pilot
says it is cheaper, by the rare-event estimator (1-D), until R(η) = τ̄·q·η·λ(η)^J is within -tol of
1 with its interval, the trend or the limit contradicts the prediction, or a budget (-budget-steps,
-budget-time, -max-rungs) runs out. Prints per basin the ladder and a verdict with its error rates:
converges, consistent but not yet converged (with the η and steps its trend calls for),
inconsistent, or theory does not apply; and the verdict on the landing law, forbidden landings
counted. -out writes the report after every rung (-resume continues it); -from judges the
ladder of 'verify exit -out' records without simulating; -show renders stored reports.
See docs/converge.md.`},
		{name: "control", synopsis: "[flags]", run: runControl,
			summary:     "truncated heavy-tailed noise injected into a network's training: accuracy and flatness vs baselines",
			description: controlDescription},
		{name: "version", synopsis: "", run: runVersion,
			summary: "the module version and VCS revision this binary was built from",
			description: `Prints the version of the htsgd module, the VCS revision and time the binary was built from
(and whether the working tree had uncommitted changes), and the Go version. 'make build' embeds
the revision; a binary built with -buildvcs=false or outside a git checkout says so.`},
		{name: "help", synopsis: "[command]",
			summary: "this overview, or the help of one command",
			description: `Prints the overview of the commands, or with a command's name its description and flags (the
same text as 'verify <command> -h').`},
	}
}

func usage(w io.Writer) {
	fmt.Fprintln(w, "usage: verify <command> [flags]")
	fmt.Fprintln(w)
	fmt.Fprintln(w, "commands:")
	for _, c := range commands() {
		fmt.Fprintf(w, "  %-9s %s\n", c.name, c.summary)
	}
	fmt.Fprintln(w)
	fmt.Fprintln(w, "'verify help <command>' (or 'verify <command> -h') describes a command and its flags.")
	fmt.Fprintln(w, "Without -scenario the built-in default scenario is used (paper-1d, b = 0.5, Pareto c = 0.1,")
	fmt.Fprintln(w, "alpha = 1.2). The documentation is in docs/ (docs/commands.md for the commands).")
}

func main() {
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	code := run(ctx, os.Args[1:], os.Stdout, os.Stderr)
	stop()
	os.Exit(code)
}

// run executes one command line and returns the exit status.
func run(ctx context.Context, args []string, stdout, stderr io.Writer) int {
	if len(args) == 0 {
		usage(stderr)
		return exitBadInput
	}
	switch args[0] {
	case "help", "-h", "-help", "--help":
		return runHelp(args[1:], stdout, stderr)
	}
	for _, c := range commands() {
		if c.name == args[0] && c.run != nil {
			return dispatchContext(ctx, c, args[1:], stdout, stderr)
		}
	}
	fmt.Fprintf(stderr, "verify: unknown command %q\n\n", args[0])
	usage(stderr)
	return exitBadInput
}

// dispatch runs command c without a deadline or signal (help).
func dispatch(c command, args []string, stdout, stderr io.Writer) int {
	return dispatchContext(context.Background(), c, args, stdout, stderr)
}

// dispatchContext runs command c with args and returns its exit status; a
// request for help prints the command's help on stdout.
func dispatchContext(ctx context.Context, c command, args []string, stdout, stderr io.Writer) int {
	err := c.run(ctx, args, stdout, stderr)
	var h helpRequest
	if errors.As(err, &h) {
		printHelp(stdout, c, h.fs)
		return exitOK
	}
	return exitStatus(err, stderr)
}

// exitStatus prints err and maps it to an exit status.
func exitStatus(err error, stderr io.Writer) int {
	var ue usageError
	switch {
	case err == nil:
		return exitOK
	case errors.Is(err, errHelp):
		return exitOK
	case errors.As(err, &ue):
		fmt.Fprintln(stderr, "verify:", err)
		return exitBadInput
	case errors.Is(err, context.Canceled):
		fmt.Fprintln(stderr, "verify: interrupted; the output above, if any, covers what finished")
		return exitInterrupted
	default:
		fmt.Fprintln(stderr, "verify:", err)
		return exitFailure
	}
}
