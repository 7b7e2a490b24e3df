//go:build unix

package mc

import (
	"syscall"
	"time"
)

// processCPUTime returns the CPU time (user + system) used so far by this
// process, for benchmarks that report CPU time per step next to wall time:
// on a shared machine the wall time of a single-threaded loop includes the
// time other processes held its core, its CPU time does not.
func processCPUTime() time.Duration {
	var ru syscall.Rusage
	if err := syscall.Getrusage(syscall.RUSAGE_SELF, &ru); err != nil {
		return 0
	}
	return time.Duration(ru.Utime.Nano() + ru.Stime.Nano())
}
