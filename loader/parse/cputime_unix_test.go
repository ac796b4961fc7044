//go:build unix

package parse

import (
	"syscall"
	"time"
)

// processCPU is the CPU time (user+system) this process has used so far: on
// a machine shared with other work, cables per CPU second is a steadier
// figure than cables per wall second.
func processCPU() (time.Duration, bool) {
	var ru syscall.Rusage
	if err := syscall.Getrusage(syscall.RUSAGE_SELF, &ru); err != nil {
		return 0, false
	}
	return time.Duration(ru.Utime.Nano() + ru.Stime.Nano()), true
}
