package main

import (
	"context"
	"flag"
	"fmt"
	"io"
	"runtime/debug"
)

// buildVersion describes the binary from its embedded build information
// (runtime/debug.ReadBuildInfo): the htsgd module's version, the VCS
// revision and commit time with "+dirty" when the tree had uncommitted
// changes, and the Go version. Fields the build did not record are said to
// be missing rather than left out.
type buildVersion struct {
	Module   string // module path
	Version  string // module version: a tag, a pseudo-version, or (devel)
	Revision string // VCS revision, "" when not recorded
	Time     string // VCS commit time (RFC 3339), "" when not recorded
	Modified bool   // the working tree had uncommitted changes
	Go       string // Go version of the toolchain
}

// readBuildVersion returns the build information of the running binary.
func readBuildVersion() buildVersion {
	v := buildVersion{Module: "github.com/htsgd/htsgd", Version: "(unknown)"}
	bi, ok := debug.ReadBuildInfo()
	if !ok {
		return v
	}
	v.Go = bi.GoVersion
	if bi.Main.Path != "" {
		v.Module = bi.Main.Path
	}
	if bi.Main.Version != "" {
		v.Version = bi.Main.Version
	}
	for _, s := range bi.Settings {
		switch s.Key {
		case "vcs.revision":
			v.Revision = s.Value
		case "vcs.time":
			v.Time = s.Value
		case "vcs.modified":
			v.Modified = s.Value == "true"
		}
	}
	return v
}

// write renders the version in three lines.
func (v buildVersion) write(w io.Writer) {
	fmt.Fprintf(w, "verify (%s) %s\n", v.Module, v.Version)
	if v.Revision == "" {
		fmt.Fprintln(w, "revision: not recorded (built with -buildvcs=false or outside a git checkout; 'make build' records it)")
	} else {
		dirty := ""
		if v.Modified {
			dirty = " +dirty (uncommitted changes)"
		}
		fmt.Fprintf(w, "revision: %s%s, committed %s\n", v.Revision, dirty, v.Time)
	}
	fmt.Fprintf(w, "go: %s\n", v.Go)
}

// runVersion implements `verify version`.
func runVersion(_ context.Context, args []string, stdout, stderr io.Writer) error {
	fs := flag.NewFlagSet("version", flag.ContinueOnError)
	if err := parseFlags(fs, args, stderr); err != nil {
		return err
	}
	readBuildVersion().write(stdout)
	return nil
}
