//go:build !unix

package mc

import "time"

// processCPUTime is not available here; benchmarks then report 0 CPU time.
func processCPUTime() time.Duration { return 0 }
