package pipeline

import (
	"context"
	"errors"
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"testing"
	"time"

	"github.com/htsgd/htsgd/mc"
	"github.com/htsgd/htsgd/param"
)

// TestNewRecords: a malformed or empty shard is refused; a shard covers
// its share of every cell.
func TestNewRecords(t *testing.T) {
	p := exitPlan(t, fastExit) // 24 samples, 2 η × 2 starts (the minima −1 and 1.5)
	for _, s := range []Shard{{0, 0}, {2, 2}, {-1, 2}} {
		if _, err := NewRecords(p, s, 0); param.As(err) == nil || param.As(err).Name != "pipeline.Shard" {
			t.Errorf("shard %v: error %v", s, err)
		}
	}
	if _, err := NewRecords(p, Shard{0, 25}, 0); err == nil {
		t.Error("an empty shard accepted")
	}
	rec, err := NewRecords(p, Shard{1, 5}, 0)
	if err != nil {
		t.Fatal(err)
	}
	// Shard 1/5 of 24 is [4, 9): 5 replicas in each of 4 cells.
	if rec.Replicas() != 20 || rec.Len() != 0 || rec.Shard() != (Shard{1, 5}) {
		t.Errorf("replicas %d, len %d, shard %v", rec.Replicas(), rec.Len(), rec.Shard())
	}
	if got := rec.missing(CellKey{0, 0}); got.Len() != 5 || got.At(0) != 4 {
		t.Errorf("missing %+v", got)
	}
	rec.Add(CellKey{0, 0}, mc.ExitRecord{Replica: 6})
	if got := rec.missing(CellKey{0, 0}); !reflect.DeepEqual(got.Indices, []int{4, 5, 7, 8}) {
		t.Errorf("missing after replica 6: %+v", got)
	}
}

// TestRecordsResume checks the consistency check of -resume: a record file
// of the same run is taken as it is; one of another seed, shard or number
// of theory samples, or with replicas outside the shard or repeated, is
// refused.
func TestRecordsResume(t *testing.T) {
	p := exitPlan(t, fastExit)
	rec, err := NewRecords(p, Shard{0, 2}, 0)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := RunExits(context.Background(), p, ExitOptions{Records: rec}); err != nil {
		t.Fatal(err)
	}
	f, err := rec.File()
	if err != nil {
		t.Fatal(err)
	}
	again, err := NewRecords(p, Shard{0, 2}, 20000) // the default, spelt out
	if err != nil {
		t.Fatal(err)
	}
	if err := again.Resume(f); err != nil {
		t.Fatal(err)
	}
	if !reflect.DeepEqual(again.Cells(), rec.Cells()) || again.Len() != rec.Len() {
		t.Error("resumed records differ")
	}
	if again.Resume(f) == nil {
		t.Error("resumed twice")
	}

	otherSeed := exitPlan(t, strings.Replace(fastExit, "seed = 5", "seed = 6", 1))
	alter := func(f *RecordFile, change func(*RecordFile)) *RecordFile {
		g := *f
		g.Cells = append([]RecordCell{}, f.Cells...)
		change(&g)
		return &g
	}
	tests := []struct {
		name  string
		plan  bool // the plan with another seed
		shard Shard
		ts    int
		file  *RecordFile
		want  func(error) bool
	}{
		{"another seed", true, Shard{0, 2}, 0, f, func(err error) bool { return errors.Is(err, ErrOtherRun) }},
		{"another shard", false, Shard{1, 2}, 0, f, func(err error) bool { return errors.Is(err, ErrOtherRun) }},
		{"another number of theory samples", false, Shard{0, 2}, 3000, f,
			func(err error) bool { return param.As(err) != nil && param.As(err).Name == "theory.Options.Samples" }},
		{"replica outside the shard", false, Shard{0, 2}, 0, alter(f, func(g *RecordFile) {
			g.Cells[0] = RecordCell{Records: []mc.ExitRecord{{Replica: 12, Steps: 10, Landing: 1}}}
		}), contains("outside the shard")},
		{"replica twice", false, Shard{0, 2}, 0, alter(f, func(g *RecordFile) {
			g.Cells[0] = RecordCell{Records: []mc.ExitRecord{{Replica: 3, Steps: 10, Landing: 1}, {Replica: 3, Steps: 10, Landing: 1}}}
		}), contains("repeated")},
		{"cell of no run", false, Shard{0, 2}, 0, alter(f, func(g *RecordFile) {
			g.Cells[0] = RecordCell{EtaIndex: 2}
		}), contains("cells[0].eta_index")},
		{"negative steps", false, Shard{0, 2}, 0, alter(f, func(g *RecordFile) {
			g.Cells[1] = RecordCell{EtaIndex: 0, StartIndex: 1, Records: []mc.ExitRecord{{Replica: 0, Steps: -5, Landing: 0}}}
		}), contains("cells[1].records[0].steps")},
		{"steps above the cap", false, Shard{0, 2}, 0, alter(f, func(g *RecordFile) {
			g.Cells[0] = RecordCell{Records: []mc.ExitRecord{{Replica: 0, Steps: 1000001, Landing: 1}}}
		}), contains("cells[0].records[0].steps")},
		{"censored below the cap", false, Shard{0, 2}, 0, alter(f, func(g *RecordFile) {
			g.Cells[0] = RecordCell{Records: []mc.ExitRecord{{Replica: 0, Steps: 10, Censored: true, Landing: mc.NoLanding}}}
		}), contains("censored")},
		{"landing in the start basin", false, Shard{0, 2}, 0, alter(f, func(g *RecordFile) {
			g.Cells[0] = RecordCell{Records: []mc.ExitRecord{{Replica: 0, Steps: 10, Landing: 0}}}
		}), contains("cells[0].records[0].landing")},
		{"landing in no basin of the plan", false, Shard{0, 2}, 0, alter(f, func(g *RecordFile) {
			g.Cells[0] = RecordCell{Records: []mc.ExitRecord{{Replica: 0, Steps: 10, Landing: 7}}}
		}), contains("cells[0].records[0].landing")},
		{"cells missing", false, Shard{0, 2}, 0, alter(f, func(g *RecordFile) { g.Cells = g.Cells[:1] }), contains("cells")},
		{"no cells", false, Shard{0, 2}, 0, alter(f, func(g *RecordFile) { g.Cells = nil }), contains("cells")},
		{"cells out of order", false, Shard{0, 2}, 0, alter(f, func(g *RecordFile) { g.Cells[0], g.Cells[1] = g.Cells[1], g.Cells[0] }), contains("order")},
	}
	for _, tt := range tests {
		q := p
		if tt.plan {
			q = otherSeed
		}
		r, err := NewRecords(q, tt.shard, tt.ts)
		if err != nil {
			t.Fatal(err)
		}
		if err := r.Resume(tt.file); !tt.want(err) || r.Len() != 0 {
			t.Errorf("%s: error %v, %d records taken", tt.name, err, r.Len())
		}
	}
}

// contains returns a test that an error mentions s.
func contains(s string) func(error) bool {
	return func(err error) bool { return err != nil && strings.Contains(err.Error(), s) }
}

// TestRecordsCheckpoint: Checkpoint writes the records held periodically
// while they grow, and stops writing when stopped.
func TestRecordsCheckpoint(t *testing.T) {
	p := exitPlan(t, fastExit)
	rec, err := NewRecords(p, WholeRun, 0)
	if err != nil {
		t.Fatal(err)
	}
	path := filepath.Join(t.TempDir(), "ckpt.json")
	stop := rec.Checkpoint(path, time.Millisecond, func(err error) { t.Error(err) })
	rec.Add(CellKey{0, 0}, mc.ExitRecord{Replica: 3, Steps: 10, Landing: 1})
	deadline := time.Now().Add(10 * time.Second)
	for {
		f, err := ReadRecordFile(path)
		if err == nil && len(f.Cells[0].Records) == 1 {
			break
		}
		if time.Now().After(deadline) {
			t.Fatalf("no checkpoint with the record after 10 s: %v", err)
		}
		time.Sleep(time.Millisecond)
	}
	stop()
	stop() // a second stop is harmless
	if err := os.Remove(path); err != nil {
		t.Fatal(err)
	}
	time.Sleep(20 * time.Millisecond)
	if _, err := os.Stat(path); !os.IsNotExist(err) {
		t.Errorf("a checkpoint was written after stop: %v", err)
	}

	var failed error
	stop = rec.Checkpoint(filepath.Join(t.TempDir(), "no", "such", "dir"), time.Millisecond, func(err error) { failed = err })
	time.Sleep(20 * time.Millisecond)
	stop()
	if failed == nil {
		t.Error("a failed checkpoint was not reported")
	}
}
