package main

import (
	"errors"
	"flag"
	"fmt"
	"io"
	"strings"
)

// helpRequest is the error a command returns when its flags include -h:
// the caller prints the command's help (printHelp) on standard output and
// exits with status 0.
type helpRequest struct{ fs *flag.FlagSet }

func (helpRequest) Error() string { return "help requested" }

// errHelp matches every helpRequest under errors.Is.
var errHelp = errors.New("help requested")

func (helpRequest) Is(target error) bool { return target == errHelp }

// printHelp writes the help of command c: its synopsis, its description
// and the flags of fs with their defaults.
func printHelp(w io.Writer, c command, fs *flag.FlagSet) {
	fmt.Fprintf(w, "usage: verify %s %s\n\n", c.name, c.synopsis)
	fmt.Fprintln(w, strings.TrimSpace(c.description))
	if fs == nil {
		return
	}
	n := 0
	fs.VisitAll(func(*flag.Flag) { n++ })
	if n == 0 {
		return
	}
	fmt.Fprintln(w, "\nflags:")
	out := fs.Output()
	fs.SetOutput(w)
	fs.PrintDefaults()
	fs.SetOutput(out)
}

// runHelp implements `verify help [command]`: the overview, or the help of
// one command (the same text as `verify <command> -h`).
func runHelp(args []string, stdout, stderr io.Writer) int {
	switch len(args) {
	case 0:
		usage(stdout)
		return exitOK
	case 1:
		for _, c := range commands() {
			if c.name == args[0] {
				if c.run == nil {
					printHelp(stdout, c, nil)
					return exitOK
				}
				return dispatch(c, []string{"-h"}, stdout, stderr)
			}
		}
		fmt.Fprintf(stderr, "verify help: unknown command %q\n\n", args[0])
	default:
		fmt.Fprintln(stderr, "verify help: give at most one command")
	}
	usage(stderr)
	return exitBadInput
}

// parseArgs parses args with fs, leaving the arguments after the flags in
// fs.Args(). -h (or -help) becomes a helpRequest; an unknown flag or a bad
// value is a usage error that points to the command's help. The flag
// package prints nothing itself.
func parseArgs(fs *flag.FlagSet, args []string, stderr io.Writer) error {
	fs.SetOutput(io.Discard)
	fs.Usage = func() {}
	if err := fs.Parse(args); err != nil {
		if errors.Is(err, flag.ErrHelp) {
			return helpRequest{fs}
		}
		return badInputf("%v ('verify help %s' lists the flags)", err, fs.Name())
	}
	return nil
}

// parseFlags is parseArgs for commands that take no arguments besides
// their flags: a stray argument is a usage error.
func parseFlags(fs *flag.FlagSet, args []string, stderr io.Writer) error {
	if err := parseArgs(fs, args, stderr); err != nil {
		return err
	}
	if fs.NArg() > 0 {
		return badInputf("%s: unexpected argument %q ('verify help %s' lists the flags)", fs.Name(), fs.Arg(0), fs.Name())
	}
	return nil
}
