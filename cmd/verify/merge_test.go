package main

import (
	"context"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/htsgd/htsgd/mc"
	"github.com/htsgd/htsgd/pipeline"
)

// TestShardMergeByteIdentical: the shards of a run, merged, print exactly
// the JSON of the unsharded run with the same seed.
func TestShardMergeByteIdentical(t *testing.T) {
	p := writeScenario(t, fastScenario(t))
	_, full, _ := runCLI(t, context.Background(), "exit", "-scenario", p, "-json")
	dir := t.TempDir()
	var parts []string
	for i := range 3 {
		part := filepath.Join(dir, "part"+strconv.Itoa(i)+".json")
		if code, _, stderr := runCLI(t, context.Background(), "exit", "-scenario", p, "-shard", strconv.Itoa(i)+"/3", "-out", part, "-workers", strconv.Itoa(1+i%2)); code != 0 {
			t.Fatal(stderr)
		}
		parts = append(parts, part)
	}
	code, merged, stderr := runCLI(t, context.Background(), append([]string{"merge", "-json"}, parts...)...)
	if code != 0 {
		t.Fatal(stderr)
	}
	if merged != full {
		t.Fatal("merged JSON differs from the unsharded run")
	}
	// A missing or repeated shard is an error, not silently wrong output.
	if code, _, stderr := runCLI(t, context.Background(), "merge", parts[0], parts[1]); code != exitBadInput || !strings.Contains(stderr, "missing") {
		t.Fatalf("missing shard: status %d, %s", code, stderr)
	}
	if code, _, stderr := runCLI(t, context.Background(), "merge", parts[0], parts[1], parts[2], parts[2]); code != exitBadInput || !strings.Contains(stderr, "twice") {
		t.Fatalf("repeated shard: status %d, %s", code, stderr)
	}
	if code, _, _ := runCLI(t, context.Background(), "exit", "-shard", "3/3"); code != exitBadInput {
		t.Fatal("shard 3/3 accepted")
	}
}

// TestCheckpointResume: a run continued with -resume from a partial record
// file gives exactly the output of an uninterrupted run, neither losing nor
// repeating a replica. The partial file is made deterministically (every
// other record of a complete run dropped, as an interruption would leave
// gaps), then a real interruption is exercised as well.
func TestCheckpointResume(t *testing.T) {
	text := strings.Replace(fastScenario(t), "samples = 64", "samples = 8000", 1)
	text = strings.Replace(text, "eta = [0.02, 0.01]", "eta = [0.02]\nstart = 0", 1)
	p := writeScenario(t, text)
	dir := t.TempDir()
	whole := filepath.Join(dir, "whole.json")
	code, full, stderr := runCLI(t, context.Background(), "exit", "-scenario", p, "-json", "-out", whole)
	if code != 0 {
		t.Fatal(stderr)
	}
	f, err := pipeline.ReadRecordFile(whole)
	if err != nil {
		t.Fatal(err)
	}
	for c := range f.Cells {
		var kept []mc.ExitRecord
		for _, r := range f.Cells[c].Records {
			if r.Replica%2 == 0 {
				kept = append(kept, r)
			}
		}
		f.Cells[c].Records = kept
	}
	partial := filepath.Join(dir, "partial.json")
	if err := f.WriteFile(partial); err != nil {
		t.Fatal(err)
	}
	code, resumed, stderr := runCLI(t, context.Background(), "exit", "-scenario", p, "-json", "-resume", partial)
	if code != 0 {
		t.Fatal(stderr)
	}
	if resumed != full {
		t.Fatal("run resumed from a partial record file differs from the uninterrupted run")
	}
	// The resumed replicas are taken from the file, not run again: a record
	// altered in the file shows in the output.
	f.Cells[0].Records[0].Steps++
	if err := f.WriteFile(partial); err != nil {
		t.Fatal(err)
	}
	if _, altered, _ := runCLI(t, context.Background(), "exit", "-scenario", p, "-json", "-resume", partial); altered == full {
		t.Fatal("-resume recomputed the replicas it was given instead of keeping them")
	}

	// A real interruption: whatever finished is checkpointed, and resuming
	// from that checkpoint again gives the uninterrupted output.
	ckpt := filepath.Join(dir, "ckpt.json")
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	time.AfterFunc(100*time.Millisecond, cancel) // as Ctrl-C would
	code, _, stderr = runCLI(t, ctx, "exit", "-scenario", p, "-json", "-checkpoint", ckpt)
	if code != exitInterrupted && code != 0 {
		t.Fatalf("status %d: %s", code, stderr)
	}
	if code, resumed, stderr = runCLI(t, context.Background(), "exit", "-scenario", p, "-json", "-resume", ckpt); code != 0 || resumed != full {
		t.Fatalf("resume after interruption: status %d, identical %v: %s", code, resumed == full, stderr)
	}
	// Resuming against another scenario is refused.
	other := writeScenario(t, strings.Replace(text, "seed = 5", "seed = 6", 1))
	if code, _, stderr := runCLI(t, context.Background(), "exit", "-scenario", other, "-resume", ckpt); code != exitBadInput {
		t.Fatalf("foreign checkpoint accepted: %d %s", code, stderr)
	}
}

// TestRdShardMergeResume: shards of an R^d run merged, and a run resumed
// from a partial record file, print exactly the JSON of the whole run.
func TestRdShardMergeResume(t *testing.T) {
	p := "testdata/rd_quadratic.toml"
	dir := t.TempDir()
	whole := filepath.Join(dir, "whole.json")
	code, full, stderr := runCLI(t, context.Background(), "exit", "-scenario", p, "-json", "-out", whole, "-theory-samples", "2000")
	if code != 0 {
		t.Fatal(stderr)
	}
	var parts []string
	for i := range 2 {
		part := filepath.Join(dir, "part"+strconv.Itoa(i)+".json")
		if code, _, stderr := runCLI(t, context.Background(), "exit", "-scenario", p, "-shard", strconv.Itoa(i)+"/2", "-out", part, "-workers", strconv.Itoa(1+i), "-theory-samples", "2000"); code != 0 {
			t.Fatal(stderr)
		}
		parts = append(parts, part)
	}
	// The parts record -theory-samples: merge reuses it when not given,
	// and refuses another value.
	code, merged, stderr := runCLI(t, context.Background(), append([]string{"merge", "-json"}, parts...)...)
	if code != 0 {
		t.Fatal(stderr)
	}
	if merged != full {
		t.Fatal("merged JSON differs from the unsharded run")
	}
	if code, _, stderr := runCLI(t, context.Background(), append([]string{"merge", "-json", "-theory-samples", "3000"}, parts...)...); code != 2 || !strings.Contains(stderr, "-theory-samples") {
		t.Errorf("merge with another -theory-samples: exit %d, %q", code, stderr)
	}
	f, err := pipeline.ReadRecordFile(whole)
	if err != nil {
		t.Fatal(err)
	}
	for c := range f.Cells {
		var kept []mc.ExitRecord
		for _, r := range f.Cells[c].Records {
			if r.Replica%3 != 1 {
				kept = append(kept, r)
			}
		}
		f.Cells[c].Records = kept
	}
	partial := filepath.Join(dir, "partial.json")
	if err := f.WriteFile(partial); err != nil {
		t.Fatal(err)
	}
	code, resumed, stderr := runCLI(t, context.Background(), "exit", "-scenario", p, "-json", "-resume", partial, "-theory-samples", "2000")
	if code != 0 {
		t.Fatal(stderr)
	}
	if resumed != full {
		t.Fatal("run resumed from a partial record file differs from the uninterrupted run")
	}
}
