package main

import (
	"bufio"
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"regexp"
	"runtime/debug"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/htsgd/htsgd/mc"
	"github.com/htsgd/htsgd/pipeline"
)

// The bad-input corpus (testdata/corpus): scenario files, command lines and
// record files that the command must refuse. Every case runs through the
// command line in this process with a deadline and must end with exit
// status 2 and a message naming its field (a key of the scenario file, a
// flag, or the record file and the place in it): no panic, no hang, no
// silent acceptance.

const (
	corpusDir = "testdata/corpus"
	// corpusDeadline is the time a case may take: every rejection comes
	// before any simulation, in well under a second; a case still running
	// at the deadline is a hang (or a silent acceptance that simulates).
	corpusDeadline = 30 * time.Second
)

// corpusCase is one bad input: the command line, and the texts its
// rejection must contain (the field first).
type corpusCase struct {
	category string
	name     string
	args     []string
	want     []string
}

// corpusOutcome is how a case ended.
type corpusOutcome struct {
	code          int
	stdout        string
	stderr        string
	panicked      string
	hung          bool
	missingFields []string
}

// TestBadInputCorpus runs every case of the corpus and a few generated ones
// (a file of 3.5 million step sizes, a file over the size limit), and
// reports the counts by category: every case must be refused with exit
// status 2, naming its field.
func TestBadInputCorpus(t *testing.T) {
	if *update {
		writeRecordCorpus(t)
	}
	tmp := t.TempDir()
	cases := corpusScenarioCases(t)
	cases = append(cases, corpusFlagCases(t, tmp)...)
	cases = append(cases, corpusRecordCases(t)...)
	cases = append(cases, generatedCases(t, tmp)...)
	counts := map[string]int{}
	failed := map[string]int{}
	for _, c := range cases {
		counts[c.category]++
		o := runCorpusCase(c)
		switch {
		case o.panicked != "":
			t.Errorf("%s/%s: panic: %s", c.category, c.name, o.panicked)
		case o.hung:
			t.Errorf("%s/%s: still running after %v (a hang, or a silent acceptance that simulates): %v", c.category, c.name, corpusDeadline, c.args)
		case o.code != exitBadInput:
			t.Errorf("%s/%s: exit status %d, want %d (%v)\nstdout:\n%.600s\nstderr:\n%s", c.category, c.name, o.code, exitBadInput, c.args, o.stdout, o.stderr)
		case len(o.missingFields) > 0:
			t.Errorf("%s/%s: the message does not name %q:\n%s", c.category, c.name, o.missingFields, o.stderr)
		default:
			continue
		}
		failed[c.category]++
	}
	var lines []string
	total := 0
	for _, cat := range slices.Sorted(func(yield func(string) bool) {
		for k := range counts {
			if !yield(k) {
				return
			}
		}
	}) {
		lines = append(lines, fmt.Sprintf("%-10s %4d cases, %d failed", cat, counts[cat], failed[cat]))
		total += counts[cat]
	}
	t.Logf("bad-input corpus: %d cases\n%s", total, strings.Join(lines, "\n"))
	if total < 150 {
		t.Errorf("the corpus has %d cases, want at least 150", total)
	}
}

// runCorpusCase runs one case with a deadline, recovering a panic.
func runCorpusCase(c corpusCase) corpusOutcome {
	ctx, cancel := context.WithTimeout(context.Background(), corpusDeadline)
	defer cancel()
	type result struct {
		code           int
		stdout, stderr string
		panicked       string
	}
	done := make(chan result, 1)
	go func() {
		var out, errb bytes.Buffer
		r := result{}
		defer func() {
			if p := recover(); p != nil {
				r.panicked = fmt.Sprintf("%v\n%s", p, debug.Stack())
			}
			r.stdout, r.stderr = out.String(), errb.String()
			done <- r
		}()
		r.code = run(ctx, c.args, &out, &errb)
	}()
	var r result
	select {
	case r = <-done:
	case <-time.After(corpusDeadline + 10*time.Second):
		return corpusOutcome{hung: true}
	}
	o := corpusOutcome{code: r.code, stdout: r.stdout, stderr: r.stderr, panicked: r.panicked}
	if ctx.Err() != nil {
		o.hung = true
	}
	for _, w := range c.want {
		if !strings.Contains(r.stderr, w) {
			o.missingFields = append(o.missingFields, w)
		}
	}
	return o
}

// corpusScenarioCases returns a case per scenario file and command of
// testdata/corpus/scenario: the file's first lines say the field
// ("# want: sgd.b") and the commands ("# commands: exit,theory").
func corpusScenarioCases(t *testing.T) []corpusCase {
	files, err := filepath.Glob(filepath.Join(corpusDir, "scenario", "*.toml"))
	if err != nil || len(files) == 0 {
		t.Fatalf("no corpus scenario files: %v", err)
	}
	var cases []corpusCase
	for _, path := range files {
		field, cmds := corpusHeader(t, path)
		for _, cmd := range cmds {
			args := []string{cmd, "-scenario", path}
			if cmd == "exit" || cmd == "dynamics" {
				args = append(args, "-workers", "2")
			}
			cases = append(cases, corpusCase{category: "scenario", name: filepath.Base(path) + " " + cmd, args: args, want: []string{field}})
		}
	}
	return cases
}

// corpusHeader reads the "# want:" and "# commands:" lines of a corpus
// scenario file.
func corpusHeader(t *testing.T, path string) (field string, cmds []string) {
	data, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	sc := bufio.NewScanner(bytes.NewReader(data))
	for sc.Scan() {
		line := sc.Text()
		if v, ok := strings.CutPrefix(line, "# want: "); ok {
			field = v
		}
		if v, ok := strings.CutPrefix(line, "# commands: "); ok {
			cmds = strings.Split(v, ",")
		}
		if !strings.HasPrefix(line, "#") {
			break
		}
	}
	if field == "" || len(cmds) == 0 {
		t.Fatalf("%s: no '# want:' or '# commands:' line", path)
	}
	return field, cmds
}

// corpusFlagCases returns the command lines of testdata/corpus/flags.txt.
func corpusFlagCases(t *testing.T, tmp string) []corpusCase {
	subst := strings.NewReplacer(
		"{1d}", filepath.Join(corpusDir, "base-1d.toml"),
		"{rd}", filepath.Join(corpusDir, "base-rd.toml"),
		"{dyn}", filepath.Join(corpusDir, "base-dyn.toml"),
		"{tmp}", tmp,
		"{missing}", filepath.Join(tmp, "no", "such", "dir"),
	)
	return manifestCases(t, "flags", filepath.Join(corpusDir, "flags.txt"), subst)
}

// corpusRecordCases returns the command lines of
// testdata/corpus/records.txt, on the record files of
// testdata/corpus/records.
func corpusRecordCases(t *testing.T) []corpusCase {
	subst := strings.NewReplacer(
		"{1d}", filepath.Join(corpusDir, "base-1d.toml"),
		"{rec}", filepath.Join(corpusDir, "records"),
	)
	return manifestCases(t, "records", filepath.Join(corpusDir, "records.txt"), subst)
}

// manifestCases reads a manifest: lines "WANT | ARGS", WANT the texts the
// message must contain separated by " & ", ARGS the command line (fields
// separated by spaces, "" an empty argument); '#' starts a comment line.
func manifestCases(t *testing.T, category, path string, subst *strings.Replacer) []corpusCase {
	data, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	var cases []corpusCase
	for i, line := range strings.Split(string(data), "\n") {
		if strings.TrimSpace(line) == "" || strings.HasPrefix(line, "#") {
			continue
		}
		want, cmd, ok := strings.Cut(line, "|")
		if !ok {
			t.Fatalf("%s:%d: no '|'", path, i+1)
		}
		var args []string
		for _, f := range strings.Fields(subst.Replace(cmd)) {
			if f == `""` {
				f = ""
			}
			args = append(args, f)
		}
		var wants []string
		for _, w := range strings.Split(want, "&") {
			wants = append(wants, strings.TrimSpace(w))
		}
		cases = append(cases, corpusCase{category: category, name: fmt.Sprintf("line %d: %s", i+1, strings.TrimSpace(cmd)), args: args, want: wants})
	}
	return cases
}

// generatedCases are bad inputs too large to keep in testdata: a scenario
// of 3.5 million step sizes (which hung), and one of 2 MiB of comments.
func generatedCases(t *testing.T, tmp string) []corpusCase {
	base, err := os.ReadFile(filepath.Join(corpusDir, "base-1d.toml"))
	if err != nil {
		t.Fatal(err)
	}
	etas := regexp.MustCompile(`(?m)^eta = .*$`).ReplaceAllString(string(base), "eta = ["+strings.TrimSuffix(strings.Repeat("0.02,", 3_500_000), ",")+"]")
	if etas == string(base) {
		t.Fatal("base-1d.toml has no eta line")
	}
	huge := filepath.Join(tmp, "etas-3.5e6.toml")
	if err := os.WriteFile(huge, []byte(etas), 0o644); err != nil {
		t.Fatal(err)
	}
	long := filepath.Join(tmp, "comments-2MiB.toml")
	if err := os.WriteFile(long, append(base, bytes.Repeat([]byte("# padding\n"), 210_000)...), 0o644); err != nil {
		t.Fatal(err)
	}
	return []corpusCase{
		{category: "generated", name: "3.5 million step sizes (exit)", args: []string{"exit", "-scenario", huge}, want: []string{"toml"}},
		{category: "generated", name: "3.5 million step sizes (theory)", args: []string{"theory", "-scenario", huge}, want: []string{"toml"}},
		{category: "generated", name: "2 MiB of comments", args: []string{"exit", "-scenario", long}, want: []string{"toml"}},
	}
}

// writeRecordCorpus (go test -update) writes the record files of
// testdata/corpus/records: the two shards part0.json and part1.json of a
// run of base-1d.toml, a checkpoint of shard 0/2, and tampered copies of
// part0 (edited without resealing, so the content hash catches them, or
// resealed, so the value checks must) and of other runs. records.txt says
// what each must be refused for.
func writeRecordCorpus(t *testing.T) {
	dir := filepath.Join(corpusDir, "records")
	if err := os.MkdirAll(dir, 0o755); err != nil {
		t.Fatal(err)
	}
	base := filepath.Join(corpusDir, "base-1d.toml")
	for i := range 2 {
		path := filepath.Join(dir, fmt.Sprintf("part%d.json", i))
		if code, _, stderr := runCLI(t, context.Background(), "exit", "-scenario", base, "-shard", fmt.Sprintf("%d/2", i), "-out", path, "-workers", "1"); code != 0 {
			t.Fatal(stderr)
		}
	}
	other := writeScenario(t, strings.Replace(fastCorpusBase(t), "seed = 1", "seed = 2", 1))
	if code, _, stderr := runCLI(t, context.Background(), "exit", "-scenario", other, "-shard", "1/2", "-out", filepath.Join(dir, "other-seed-part1.json"), "-workers", "1"); code != 0 {
		t.Fatal(stderr)
	}
	if code, _, stderr := runCLI(t, context.Background(), "exit", "-scenario", base, "-shard", "1/3", "-out", filepath.Join(dir, "three-shards-part1.json"), "-workers", "1"); code != 0 {
		t.Fatal(stderr)
	}
	read := func() *pipeline.RecordFile {
		f, err := pipeline.ReadRecordFile(filepath.Join(dir, "part0.json"))
		if err != nil {
			t.Fatal(err)
		}
		return f
	}
	sealed := func(name string, edit func(f *pipeline.RecordFile)) {
		f := read()
		edit(f)
		if err := f.WriteFile(filepath.Join(dir, name)); err != nil {
			t.Fatal(err)
		}
	}
	unsealed := func(name string, edit func(f *pipeline.RecordFile)) {
		f := read()
		edit(f)
		data, err := json.Marshal(f)
		if err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(filepath.Join(dir, name), append(data, '\n'), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	rawText := func(name string, edit func(string) string) {
		data, err := os.ReadFile(filepath.Join(dir, "part0.json"))
		if err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(filepath.Join(dir, name), []byte(edit(string(data))), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	first := func(f *pipeline.RecordFile) *mc.ExitRecord { return &f.Cells[0].Records[0] }
	unsealed("edited-steps.json", func(f *pipeline.RecordFile) { first(f).Steps++ })
	unsealed("edited-landing.json", func(f *pipeline.RecordFile) { first(f).Landing = 0 })
	unsealed("dropped-record.json", func(f *pipeline.RecordFile) { f.Cells[0].Records = f.Cells[0].Records[1:] })
	rawText("bit-flip.json", func(s string) string {
		i := strings.Index(s, `"steps":`) + len(`"steps":`)
		for s[i+1] >= '0' && s[i+1] <= '9' {
			i++
		}
		b := []byte(s)
		b[i] ^= 1 // the last digit of a step count to its neighbour: still JSON
		return string(b)
	})
	sealed("steps-negative.json", func(f *pipeline.RecordFile) { first(f).Steps = -5 })
	sealed("steps-zero.json", func(f *pipeline.RecordFile) { first(f).Steps = 0 })
	sealed("steps-above-cap.json", func(f *pipeline.RecordFile) { first(f).Steps = 100001 })
	sealed("censored-below-cap.json", func(f *pipeline.RecordFile) {
		r := first(f)
		r.Censored, r.Landing, r.Steps = true, mc.NoLanding, 10
	})
	sealed("censored-with-landing.json", func(f *pipeline.RecordFile) {
		r := first(f)
		r.Censored, r.Landing, r.Steps = true, 1, 100000
	})
	sealed("landing-start-basin.json", func(f *pipeline.RecordFile) { first(f).Landing = 0 })
	sealed("landing-7.json", func(f *pipeline.RecordFile) { first(f).Landing = 7 })
	sealed("landing-below-closed-end.json", func(f *pipeline.RecordFile) { first(f).Landing = -1 })
	sealed("landing-no-landing.json", func(f *pipeline.RecordFile) { first(f).Landing = mc.NoLanding })
	sealed("replica-outside-shard.json", func(f *pipeline.RecordFile) { f.Cells[0].Records[1].Replica = 3 })
	sealed("replica-duplicate.json", func(f *pipeline.RecordFile) { f.Cells[0].Records[1].Replica = f.Cells[0].Records[0].Replica })
	sealed("replica-negative.json", func(f *pipeline.RecordFile) { first(f).Replica = -1 })
	sealed("records-unsorted.json", func(f *pipeline.RecordFile) {
		rs := f.Cells[0].Records
		rs[0], rs[1] = rs[1], rs[0]
	})
	sealed("cells-empty.json", func(f *pipeline.RecordFile) { f.Cells = []pipeline.RecordCell{} })
	sealed("cells-one-missing.json", func(f *pipeline.RecordFile) { f.Cells = f.Cells[:3] })
	sealed("cell-repeated.json", func(f *pipeline.RecordFile) { f.Cells = append(f.Cells, f.Cells[0]) })
	sealed("cell-eta-out-of-range.json", func(f *pipeline.RecordFile) { f.Cells[0].EtaIndex = 5 })
	sealed("cell-start-out-of-range.json", func(f *pipeline.RecordFile) { f.Cells[0].StartIndex = 4 })
	sealed("shard-invalid.json", func(f *pipeline.RecordFile) { f.Shard = pipeline.Shard{Index: 2, Count: 2} })
	sealed("theory-samples-1d.json", func(f *pipeline.RecordFile) { f.TheorySamples = 3000 })
	sealed("scenario-invalid.json", func(f *pipeline.RecordFile) {
		f.ScenarioTOML = strings.Replace(f.ScenarioTOML, "alpha = 1.5", "alpha = 0.5", 1)
	})
	rawText("format-v1.json", func(s string) string {
		s = strings.Replace(s, pipeline.RecordFormat, "htsgd-exit-records/1", 1)
		return s[:strings.Index(s, `,"sha256"`)] + "}\n"
	})
	rawText("format-unknown.json", func(s string) string { return strings.Replace(s, pipeline.RecordFormat, "htsgd-exit-records/9", 1) })
	rawText("unknown-key.json", func(s string) string { return strings.Replace(s, `"shard":`, `"shards":`, 1) })
	rawText("trailing-data.json", func(s string) string { return s + "{}\n" })
	rawText("truncated.json", func(s string) string { return s[:len(s)/2] })
	rawText("not-json.json", func(string) string { return "steps,landing\n1,2\n" })
	rawText("empty.json", func(string) string { return "" })
	rawText("wrong-type.json", func(s string) string { return strings.Replace(s, `"shard":{"index":0`, `"shard":{"index":"0"`, 1) })
}

// fastCorpusBase is the text of base-1d.toml.
func fastCorpusBase(t *testing.T) string {
	return testdataScenario(t, filepath.Join("corpus", "base-1d.toml"))
}
