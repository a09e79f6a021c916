//go:build tinygo

package main

import _ "unsafe" // for go:linkname

// TinyGo's heap starts as the memory the module declares, 2 pages, and grows only when a
// collection frees too little; so small a heap is collected every few calls. Doubling it
// twice at start (to 8 pages, 512 KiB, where it stays flat: the soak test checks) makes
// a collection about four times rarer and each pair ~15% cheaper (bench/js/pair.mjs);
// more room measured no faster. (Allocating a large buffer at start to the same end
// leaves the heap fragmented, and was slower than no room at all.)
const heapDoublings = 2

// growHeap is TinyGo's own (runtime/arch_tinygowasm.go): it doubles the memory and gives
// the new half to the heap. TinyGo is pinned (tools/tinygo/install.sh), so a rename
// fails the build, not the module.
//
//go:linkname growHeap runtime.growHeap
func growHeap() bool

func init() {
	for i := 0; i < heapDoublings; i++ {
		growHeap()
	}
}
