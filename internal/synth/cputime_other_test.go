//go:build !unix

package synth_test

import (
	"testing"
	"time"
)

// cpuTime returns zero where the process's CPU time is not read: the
// benchmark's CPU figures are then not numbers.
func cpuTime(*testing.B) time.Duration { return 0 }
