//go:build wasip1 || tinygo

package main

import "unsafe"

// inputs are the buffers clerkmini_alloc handed out and no export has taken yet, by
// address. The module reads only buffers it handed out: a host's pointer is a key here,
// never dereferenced, so no pointer a host passes can make the module read or write
// outside its own objects.
var inputs = map[uint32][]byte{}

// maxPending bounds the buffers a host may hold at once (one call takes at most two).
const maxPending = 64

func alloc(n uint32) uint32 {
	if n > maxInput || len(inputs) >= maxPending {
		return 0
	}
	b := make([]byte, n+1) // +1: a zero-length input still has an address of its own
	p := uint32(uintptr(unsafe.Pointer(&b[0])))
	inputs[p] = b[:n]
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
	b, ok := inputs[p]
	if !ok {
		return nil, errNotAllocated
	}
	delete(inputs, p)
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

func exClientNew(p, n uint32) int32 {
	in, err := take(p, n)
	if err != nil {
		return failed(err)
	}
	return clientNew(in)
}

func exCreate(h int32, p, n uint32) int32 {
	in, err := take(p, n)
	if err != nil {
		return failed(err)
	}
	return create(h, in)
}

func exRevoke(h int32, p, n uint32) int32 {
	in, err := take(p, n)
	if err != nil {
		return failed(err)
	}
	return revoke(h, in)
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
