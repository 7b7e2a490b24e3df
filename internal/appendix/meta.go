package appendix

import (
	"bufio"
	"os"
	"os/exec"
	"runtime"
	"strings"
	"time"
)

// Meta is meta.json: what a run does not determine by its seeds (the
// checkout, the machine, the times).
type Meta struct {
	Sizes      string             `json:"sizes"`
	GitCommit  string             `json:"git_commit"`
	GitDirty   bool               `json:"git_dirty"`
	GoVersion  string             `json:"go_version"`
	GOMAXPROCS int                `json:"gomaxprocs"`
	Workers    int                `json:"workers"`
	NumCPU     int                `json:"num_cpu"`
	CPUModel   string             `json:"cpu_model"`
	Uname      string             `json:"uname"`
	Started    string             `json:"started_utc"`
	WallSec    map[string]float64 `json:"wall_seconds"`
	WallTotal  float64            `json:"wall_seconds_total"`
	Steps      map[string]int64   `json:"steps"`
	// NsPerStep is wall ns per simulated step per worker over the
	// simulation steps (a throughput, not a kernel benchmark; it grows
	// when other processes share the cores).
	NsPerStep float64 `json:"ns_per_step_per_worker"`
	// CPUSec is the process's user + system CPU time and CPUNsPerStep the
	// CPU ns per simulated step (null where it cannot be read): with W free
	// cores a run of S steps takes about S·CPUNsPerStep/W.
	CPUSec       *float64 `json:"cpu_seconds"`
	CPUNsPerStep *float64 `json:"cpu_ns_per_step"`
	// FitStep is the provenance of fits.json: the checkout that last
	// fitted (Refit, or Run's own fit), absent in files written before it
	// was recorded. The run's is GitCommit, GitDirty and Started.
	FitStep *Provenance `json:"fit_step,omitempty"`
}

// Provenance says which checkout made a step, and when.
type Provenance struct {
	Commit string `json:"git_commit"`
	Dirty  bool   `json:"git_dirty"`
	Time   string `json:"time_utc"`
}

// checkout returns the provenance of a step made now by the checkout in the
// working directory (commit "unknown" outside a git checkout).
func checkout(now time.Time) Provenance {
	return Provenance{Commit: command("git", "rev-parse", "HEAD"), Dirty: command("git", "status", "--porcelain") != "",
		Time: now.UTC().Format(time.RFC3339)}
}

// machineMeta fills the parts of meta.json that describe the machine and
// the checkout: git commit (and whether the tree had local changes), Go
// version, GOMAXPROCS, CPU model and `uname -a`. A missing tool leaves its
// field as "unknown".
func machineMeta(sizes string, workers int, started time.Time) Meta {
	c := checkout(started)
	m := Meta{
		Sizes:      sizes,
		GitCommit:  c.Commit,
		GitDirty:   c.Dirty,
		GoVersion:  runtime.Version(),
		GOMAXPROCS: runtime.GOMAXPROCS(0),
		Workers:    workers,
		NumCPU:     runtime.NumCPU(),
		CPUModel:   cpuModel(),
		Uname:      command("uname", "-a"),
		Started:    started.UTC().Format(time.RFC3339),
		WallSec:    map[string]float64{},
		Steps:      map[string]int64{},
	}
	if workers <= 0 {
		m.Workers = m.GOMAXPROCS
	}
	return m
}

// command returns the trimmed output of a command, or "unknown".
func command(name string, args ...string) string {
	out, err := exec.Command(name, args...).Output()
	if err != nil {
		return "unknown"
	}
	return strings.TrimSpace(string(out))
}

// cpuModel returns the first "model name" of /proc/cpuinfo, or "unknown".
func cpuModel() string {
	f, err := os.Open("/proc/cpuinfo")
	if err != nil {
		return "unknown"
	}
	defer f.Close()
	sc := bufio.NewScanner(f)
	for sc.Scan() {
		if k, v, ok := strings.Cut(sc.Text(), ":"); ok && strings.TrimSpace(k) == "model name" {
			return strings.TrimSpace(v)
		}
	}
	return "unknown"
}

// Refit refits the results directory dir (Fit) and records the checkout
// that did it in dir/meta.json, when there is one: the fits of a results
// directory may be remade after its run (new rare-event estimates under
// rare/), and the appendix then says which commit made them.
func Refit(dir string) error {
	if err := Fit(dir); err != nil {
		return err
	}
	ok, err := exists(dir, FileMeta)
	if err != nil || !ok {
		return err
	}
	var m Meta
	if err := readJSONFile(dir, FileMeta, &m); err != nil {
		return err
	}
	p := checkout(time.Now())
	m.FitStep = &p
	return writeJSONFile(dir, FileMeta, m)
}
