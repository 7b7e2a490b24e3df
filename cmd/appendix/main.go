// Command appendix regenerates htsgd's reproducible appendix (the seed
// paper's Figure 1 rerun against computed theory lines, its 2-D experiment
// of Appendix A.2, and first exits from a 2-D quadratic well; see package
// internal/appendix):
//
//	appendix run    [-sizes quick|full] [-results DIR] [-workers N]   simulate, write DIR (then fit)
//	appendix fit    [-results DIR]                                   refit fits.json from DIR (e.g. after new rare/ files); meta.json records the commit
//	appendix render [-results DIR] [-out DIR]                        write appendix.md|tex and figures from DIR only
//	appendix all    [-sizes …] [-results DIR] [-out DIR] [-workers N] run, then render
//	appendix converge-slack [-results DIR]                          DIR/converge/slack/occupation.json from the slack study's ladders (make converge-results)
//
// `make paper` is `appendix all -sizes full -results results -out paper`;
// `make paper-quick` writes a quick run under bin/paper-quick. Progress goes
// to stderr. Ctrl-C stops a run (exit status 130); nothing is rendered then.
package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"os/signal"

	"github.com/htsgd/htsgd/internal/appendix"
)

func main() {
	os.Exit(run(os.Args[1:], os.Stderr))
}

// run executes one subcommand and returns the exit status: 0 success,
// 1 failure, 2 usage error, 130 interrupted.
func run(args []string, stderr io.Writer) int {
	if len(args) == 0 {
		fmt.Fprintln(stderr, "usage: appendix run|fit|render|all|converge-slack [flags]  (appendix <cmd> -h for flags)")
		return 2
	}
	cmd := args[0]
	fs := flag.NewFlagSet("appendix "+cmd, flag.ContinueOnError)
	fs.SetOutput(stderr)
	sizes := fs.String("sizes", "quick", "run sizes: quick or full")
	results := fs.String("results", "results", "results directory")
	out := fs.String("out", "paper", "output directory of appendix.md, appendix.tex and figures/")
	workers := fs.Int("workers", 0, "goroutines (0: GOMAXPROCS)")
	if err := fs.Parse(args[1:]); err != nil {
		return 2
	}
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt)
	defer stop()
	simulate := func() error {
		s, err := appendix.SizesByName(*sizes)
		if err != nil {
			return err
		}
		return appendix.Run(ctx, s, *results, appendix.RunOptions{Workers: *workers, Log: stderr})
	}
	render := func() error {
		c := appendix.CurrentCheckout()
		if err := appendix.Render(*results, *out, appendix.RenderOptions{Checkout: &c}); err != nil {
			return err
		}
		fmt.Fprintf(stderr, "rendered %s/appendix.md, %s/appendix.tex and %s/figures from %s\n", *out, *out, *out, *results)
		return nil
	}
	var err error
	switch cmd {
	case "run":
		err = simulate()
	case "fit":
		err = appendix.Refit(*results)
	case "render":
		err = render()
	case "converge-slack":
		err = appendix.ConvergeSlack(ctx, *results)
	case "all":
		if err = simulate(); err == nil {
			err = render()
		}
	default:
		fmt.Fprintf(stderr, "appendix: unknown command %q (want run, fit, render, all or converge-slack)\n", cmd)
		return 2
	}
	switch {
	case err == nil:
		return 0
	case errors.Is(err, context.Canceled):
		fmt.Fprintln(stderr, "appendix: interrupted")
		return 130
	default:
		fmt.Fprintln(stderr, "appendix:", err)
		return 1
	}
}
