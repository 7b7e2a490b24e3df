//go:build unix

package main

import (
	"bytes"
	"encoding/json"
	"errors"
	"math/rand/v2"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strings"
	"syscall"
	"testing"
	"time"

	"github.com/htsgd/htsgd/mc"
	"github.com/htsgd/htsgd/pipeline"
	"github.com/htsgd/htsgd/scenario"
	"github.com/htsgd/htsgd/theory"
)

// stopWithin is how soon a command must stop after SIGINT or SIGTERM.
const stopWithin = time.Second

// TestSignalsStopEveryCommand builds the command and interrupts every
// subcommand that runs for long (all but help and version), in each of its
// long phases, at a random time (a fixed seed,
// so the times are the same on every run): each must stop within a second
// with exit status 130, say so on stderr, and (exit -json) print what
// finished marked as interrupted. The cases last far longer than the
// latest signal, so the signal always finds them running.
func TestSignalsStopEveryCommand(t *testing.T) {
	if testing.Short() {
		t.Skip("builds the command and runs it for about 20 s")
	}
	dir := t.TempDir()
	bin := filepath.Join(dir, "verify")
	if out, err := exec.Command("go", "build", "-o", bin, ".").CombinedOutput(); err != nil {
		t.Fatalf("go build: %v\n%s", err, out)
	}
	write := func(name, text string) string {
		p := filepath.Join(dir, name)
		if err := os.WriteFile(p, []byte(text), 0o644); err != nil {
			t.Fatal(err)
		}
		return p
	}
	fast := fastScenario(t)
	long1d := write("long1d.toml", strings.NewReplacer("samples = 64", "samples = 1000000",
		"steps = 200000", "steps = 1000000000", "replicas = 4", "replicas = 64").Replace(fast))
	isLong := write("is.toml", regexp.MustCompile(`(?m)^samples = .*$`).ReplaceAllString(testdataScenario(t, filepath.Join("golden", "is-quick.toml")), "samples = 100000000"))
	him := filepath.Join("testdata", "rd_himmelblau.toml")
	wells := filepath.Join("testdata", "rd_wells.toml")
	parts := mergeParts(t, dir, testdataScenario(t, "rd_quadratic.toml"), theory.MaxSamples)

	cases := []struct {
		name string
		sig  syscall.Signal
		args []string
	}{
		{"exit (1-D replicas)", syscall.SIGINT, []string{"exit", "-json", "-scenario", long1d, "-checkpoint", filepath.Join(dir, "ckpt.json")}},
		{"exit (SIGTERM)", syscall.SIGTERM, []string{"exit", "-json", "-scenario", long1d}},
		{"exit -method is", syscall.SIGINT, []string{"exit", "-json", "-method", "is", "-scenario", isLong}},
		{"exit (R^d: basin map, C*, replicas)", syscall.SIGINT, []string{"exit", "-json", "-scenario", him}},
		{"theory (R^d: basin map, C*)", syscall.SIGINT, []string{"theory", "-scenario", him}},
		{"theory (R^d C*)", syscall.SIGINT, []string{"theory", "-scenario", wells, "-theory-samples", "5000000"}},
		{"theory -check", syscall.SIGINT, []string{"theory", "-check", "-check-samples", "1000000000", "-scenario", long1d}},
		{"dynamics", syscall.SIGINT, []string{"dynamics", "-json", "-scenario", long1d}},
		{"merge (R^d C* of the report)", syscall.SIGINT, append([]string{"merge", "-json"}, parts...)},
		{"rare (importance sampling, brute force)", syscall.SIGINT, []string{"rare", "-scenario", filepath.Join("testdata", "rare-quick.toml"), "-brute-exits", "1000000"}},
		{"converge (the ladder's rungs)", syscall.SIGINT, []string{"converge", "-scenario", long1d}},
		{"control (training runs)", syscall.SIGINT, []string{"control", "-scenario", write("control.toml", strings.Replace(controlQuick(t), "steps = 200", "steps = 200000", 1))}},
	}
	times := rand.New(rand.NewPCG(14, 2026))
	for _, c := range cases {
		at := 300*time.Millisecond + time.Duration(times.Int64N(int64(1500*time.Millisecond)))
		t.Run(c.name, func(t *testing.T) {
			var stdout, stderr bytes.Buffer
			cmd := exec.Command(bin, c.args...)
			cmd.Stdout, cmd.Stderr = &stdout, &stderr
			if err := cmd.Start(); err != nil {
				t.Fatal(err)
			}
			done := make(chan error, 1)
			go func() { done <- cmd.Wait() }()
			select {
			case err := <-done:
				t.Fatalf("finished before the signal at %v (%v): make the case longer\n%s", at, err, stderr.String())
			case <-time.After(at):
			}
			sent := time.Now()
			if err := cmd.Process.Signal(c.sig); err != nil {
				t.Fatal(err)
			}
			var err error
			select {
			case err = <-done:
			case <-time.After(10 * time.Second):
				cmd.Process.Kill()
				<-done
				t.Fatalf("still running 10 s after %v at %v", c.sig, at)
			}
			took := time.Since(sent)
			var ee *exec.ExitError
			if !errors.As(err, &ee) || ee.ExitCode() != exitInterrupted {
				t.Fatalf("%v at %v: %v, want exit status %d\n%s", c.sig, at, err, exitInterrupted, stderr.String())
			}
			if took > stopWithin {
				t.Errorf("%v at %v: stopped after %v, want within %v", c.sig, at, took, stopWithin)
			}
			if !strings.Contains(stderr.String(), "interrupted") {
				t.Errorf("stderr does not say interrupted:\n%s", stderr.String())
			}
			if c.args[0] == "dynamics" {
				var rep struct {
					Interrupted bool     `json:"interrupted"`
					NotStarted  []string `json:"not_started"`
				}
				if err := json.Unmarshal(stdout.Bytes(), &rep); err != nil || !rep.Interrupted {
					t.Errorf("partial JSON not marked interrupted (%v):\n%s", err, stdout.String())
				}
			}
			if c.args[0] == "exit" && stdout.Len() > 0 {
				var rep struct {
					Interrupted bool `json:"interrupted"`
					Rows        []struct {
						State string `json:"state"`
					} `json:"rows"`
				}
				if err := json.Unmarshal(stdout.Bytes(), &rep); err != nil || !rep.Interrupted || len(rep.Rows) == 0 || rep.Rows[len(rep.Rows)-1].State == "" {
					t.Errorf("partial JSON not marked interrupted with every cell listed (%v):\n%s", err, stdout.String())
				}
			}
			t.Logf("%v at %v: exit status 130 after %v", c.sig, at, took.Round(time.Millisecond))
		})
	}
}

// mergeParts writes the record files of the two shards of a first-exit
// run of the scenario text, as `verify exit -shard i/2 -out` would with
// -theory-samples samples, with made-up records (every replica exits into
// no basin after 10 steps): merge then spends its time on the prediction.
func mergeParts(t *testing.T, dir, text string, samples int) []string {
	t.Helper()
	sc, err := scenario.Parse([]byte(text))
	if err != nil {
		t.Fatal(err)
	}
	p, err := sc.Build(tuning.build)
	if err != nil {
		t.Fatal(err)
	}
	var paths []string
	for i := range 2 {
		rec, err := pipeline.NewRecords(p, pipeline.Shard{Index: i, Count: 2}, samples)
		if err != nil {
			t.Fatal(err)
		}
		first, last := pipeline.Shard{Index: i, Count: 2}.Range(p.Run.Samples)
		for ei := range p.Etas {
			for si := range p.Starts {
				for k := first; k < last; k++ {
					rec.Add(pipeline.CellKey{EtaIndex: ei, StartIndex: si}, mc.ExitRecord{Replica: k, Steps: 10, Landing: -1})
				}
			}
		}
		path := filepath.Join(dir, "part"+string(rune('0'+i))+".json")
		if err := rec.WriteFile(path); err != nil {
			t.Fatal(err)
		}
		paths = append(paths, path)
	}
	return paths
}
