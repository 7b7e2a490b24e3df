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
//	verify help                                                    this text
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
// exit -method is and theory -check are 1-D only.
//
// Without -scenario the built-in default scenario is used (paper-1d, b = 0.5,
// Pareto noise c = 0.1, α = 1.2). Exit status: 0 on success, 1 on a failure
// of the run, 2 on bad input (flags or scenario), 130 when interrupted (what
// finished is still printed).
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

// command is one subcommand.
type command struct {
	name, summary string
	run           func(ctx context.Context, args []string, stdout, stderr io.Writer) error
}

func commands() []command {
	return []command{
		{"exit", "first-exit times and landing basins, with CIs, against the theory", runExit},
		{"theory", "jump numbers, rate constants, limiting generator and stationary law", runTheory},
		{"dynamics", "long trajectories against the limiting Markov jump process", runDynamics},
		{"merge", "combine the record files of sharded exit runs into one report", runMerge},
	}
}

func usage(w io.Writer) {
	fmt.Fprintln(w, "usage: verify <command> [flags]")
	fmt.Fprintln(w)
	fmt.Fprintln(w, "commands:")
	for _, c := range commands() {
		fmt.Fprintf(w, "  %-9s %s\n", c.name, c.summary)
	}
	fmt.Fprintln(w, "  help      this text")
	fmt.Fprintln(w)
	fmt.Fprintln(w, "'verify <command> -h' lists the command's flags. Without -scenario the built-in")
	fmt.Fprintln(w, "default scenario is used (paper-1d, b = 0.5, Pareto c = 0.1, alpha = 1.2).")
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
		usage(stdout)
		return exitOK
	}
	for _, c := range commands() {
		if c.name != args[0] {
			continue
		}
		err := c.run(ctx, args[1:], stdout, stderr)
		return exitStatus(err, stderr)
	}
	fmt.Fprintf(stderr, "verify: unknown command %q\n\n", args[0])
	usage(stderr)
	return exitBadInput
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
		fmt.Fprintln(stderr, "verify: interrupted; the results above cover the replicas that finished")
		return exitInterrupted
	default:
		fmt.Fprintln(stderr, "verify:", err)
		return exitFailure
	}
}
