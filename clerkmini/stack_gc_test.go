//go:build !tinygo

package clerkmini_test

import "runtime"

// stackInUse is the bytes of goroutine stacks in use, to show that reading an answer
// does not recurse without bound.
func stackInUse() int64 {
	var m runtime.MemStats
	runtime.ReadMemStats(&m)
	return int64(m.StackInuse)
}
