package pipeline

import (
	"context"
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"testing"
)

// shardFiles runs the shards i/n of p and returns their record files.
func shardFiles(t *testing.T, text string, n, theorySamples int) []*RecordFile {
	t.Helper()
	p := exitPlan(t, text)
	var files []*RecordFile
	for i := range n {
		rec, err := NewRecords(p, Shard{i, n}, theorySamples)
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
		files = append(files, f)
	}
	return files
}

// TestRecordFileRoundTrip: a record file reads back as written, and a file
// of another format or shape is refused with its path in the error.
func TestRecordFileRoundTrip(t *testing.T) {
	f := shardFiles(t, quadraticExit, 1, 2000)[0]
	dir := t.TempDir()
	path := filepath.Join(dir, "r.json")
	if err := f.WriteFile(path); err != nil {
		t.Fatal(err)
	}
	back, err := ReadRecordFile(path)
	if err != nil {
		t.Fatal(err)
	}
	if !reflect.DeepEqual(back, f) || back.TheorySamples != 2000 || back.Format != RecordFormat {
		t.Errorf("read back %+v", back)
	}
	data, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	text := string(data)
	for name, bad := range map[string]string{
		"unknown key":    strings.Replace(text, `"shard":`, `"shards":`, 1),
		"wrong type":     strings.Replace(text, `"shard":{"index":0`, `"shard":{"index":"0"`, 1),
		"trailing data":  text + "{}",
		"another format": strings.Replace(text, RecordFormat, "htsgd-exit-records/3", 1),
		"first format":   strings.Replace(text, RecordFormat, "htsgd-exit-records/1", 1),
		"edited steps":   strings.Replace(text, `"steps":`, `"steps":1`, 1),
		"no hash":        strings.Replace(text, `"sha256":"`, `"sha256":"0`, 1),
		"bad scenario":   strings.Replace(text, `name = \"quadratic-rd\"`, `name = 3`, 1),
	} {
		p := filepath.Join(dir, "bad.json")
		if bad == text {
			t.Fatalf("%s: nothing replaced", name)
		}
		if err := os.WriteFile(p, []byte(bad), 0o644); err != nil {
			t.Fatal(err)
		}
		if _, err := ReadRecordFile(p); err == nil || !strings.Contains(err.Error(), p) {
			t.Errorf("%s: error %v", name, err)
		}
	}
}

// TestMergeRecordFiles: the shards of a run merge into the record file of
// the whole run; a missing, repeated or foreign part is refused.
func TestMergeRecordFiles(t *testing.T) {
	parts := shardFiles(t, fastExit, 3, 0)
	whole := shardFiles(t, fastExit, 1, 0)[0]
	merged, err := MergeRecordFiles(parts)
	if err != nil {
		t.Fatal(err)
	}
	if !reflect.DeepEqual(merged, whole) {
		t.Error("merged shards differ from the whole run's record file")
	}
	other := shardFiles(t, strings.Replace(fastExit, "seed = 5", "seed = 6", 1), 3, 0)
	samples := shardFiles(t, quadraticExit, 2, 0)
	samples2000 := shardFiles(t, quadraticExit, 2, 2000)
	for _, tt := range []struct {
		name  string
		files []*RecordFile
		want  string
	}{
		{"none", nil, "no record files"},
		{"missing shard", parts[:2], "missing"},
		{"missing first shard", parts[1:], "lacks replica 0"},
		{"repeated shard", append(append([]*RecordFile{}, parts...), parts[2]), "twice"},
		{"another scenario", []*RecordFile{parts[0], parts[1], other[2]}, "different scenario"},
		{"another number of theory samples", []*RecordFile{samples[0], samples2000[1]}, "-theory-samples"},
	} {
		if _, err := MergeRecordFiles(tt.files); err == nil || !strings.Contains(err.Error(), tt.want) {
			t.Errorf("%s: error %v, want one with %q", tt.name, err, tt.want)
		}
	}
	// The default spelt out is the default.
	samples20000 := shardFiles(t, quadraticExit, 2, 20000)
	if _, err := MergeRecordFiles([]*RecordFile{samples[0], samples20000[1]}); err != nil {
		t.Errorf("0 and 20000 theory samples: %v", err)
	}
}
