//go:build wasip1 || tinygo

package main

import "unsafe"

// input is a buffer clerkmini_alloc handed out, by its address.
type input struct {
	p uint32
	b []byte
}

// inputs are the buffers clerkmini_alloc handed out and no export has taken yet. The
// module reads only buffers it handed out: a host's pointer is looked up here, never
// dereferenced, so no pointer a host passes can make the module read or write outside
// its own objects. A list, not a map: a host holds one to three at a time, and a short
// scan costs a fraction of TinyGo's hashing.
var inputs = make([]input, 0, maxPending)

// maxPending bounds the buffers a host may hold at once (one call takes at most two).
const maxPending = 64

// spare holds buffers that exports have taken and are done with, for alloc to hand out
// again: a call's inputs are the same few sizes every time, and a fresh buffer per input
// was a tenth of the module's time in TinyGo (allocating, zeroing, collecting). So an
// export must copy whatever it keeps of an input (every string conversion does;
// hosttest/reuse_test.go poisons reused buffers to check). And alloc clears a buffer it
// hands out again, as a new one is zero: a host that writes fewer bytes than it passes
// would otherwise have the module read an earlier input, perhaps another client's key.
// Clearing cost about 0.05 ns a byte under wazero (the largest spare, 16 KiB: under a
// microsecond): tens of nanoseconds of a create + revoke pair's ~35 µs. Bounded: a few
// buffers, none larger than spareMax (a 1 MiB body is not kept).
var spare = make([][]byte, 0, maxSpare)

const (
	maxSpare = 4
	spareMax = 16 << 10
)

func alloc(n uint32) uint32 {
	if n > maxInput || len(inputs) >= maxPending {
		return 0
	}
	var b []byte
	for i, s := range spare {
		if uint32(cap(s)) > n {
			b = s[:n+1]
			clear(b) // an earlier input's bytes: see spare
			last := len(spare) - 1
			spare[i] = spare[last]
			spare[last] = nil
			spare = spare[:last]
			break
		}
	}
	if b == nil {
		b = make([]byte, n+1) // +1: a zero-length input still has an address of its own
	}
	p := uint32(uintptr(unsafe.Pointer(&b[0])))
	inputs = append(inputs, input{p, b[:n]})
	return p
}

var (
	errNotAllocated = invalid("input", "is not a buffer from clerkmini_alloc, or was already passed to an export")
	errTooLong      = invalid("input", "is longer than the buffer clerkmini_alloc returned")
)

// take returns the input at p, of n bytes, and releases it. (0, 0) is the empty input.
func take(p, n uint32) ([]byte, error) {
	if p == 0 && n == 0 {
		return nil, nil
	}
	i := 0
	for i < len(inputs) && inputs[i].p != p {
		i++
	}
	if i == len(inputs) {
		return nil, errNotAllocated
	}
	b := inputs[i].b
	last := len(inputs) - 1
	inputs[i] = inputs[last]
	inputs[last] = input{} // the buffer is the export's now: drop the list's reference
	inputs = inputs[:last]
	if cap(b) <= spareMax && len(spare) < maxSpare {
		spare = append(spare, b) // the export runs before the next alloc: see spare
	}
	if n > uint32(len(b)) {
		return nil, errTooLong
	}
	return b[:n], nil
}

func outputPtr() uint32 {
	if len(out) == 0 {
		return 0
	}
	return uint32(uintptr(unsafe.Pointer(&out[0])))
}

// The exports' bodies, shared by both toolchains' export files.

func exClientNew(p, n uint32) int32 { return clientNew(take(p, n)) }

func exCreate(h int32, p, n uint32) int32 {
	in, err := take(p, n)
	return newCall(h, false, in, err)
}

func exRevoke(h int32, p, n uint32) int32 {
	in, err := take(p, n)
	return newCall(h, true, in, err)
}

func exResponse(h, status int32, nowMs float64, hp, hn, bp, bn uint32) int32 {
	headers, err := take(hp, hn)
	body, berr := take(bp, bn)
	if err == nil {
		err = berr
	}
	return response(h, status, nowMs, headers, body, err)
}

func exTransportError(h, kind int32, p, n uint32) int32 {
	msg, err := take(p, n)
	return transportError(h, kind, msg, err)
}
