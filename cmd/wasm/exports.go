//go:build wasip1 || tinygo

// The exports (README.md documents each). Both toolchains read go:wasmexport: Go's for
// GOOS=wasip1 -buildmode=c-shared, TinyGo's for -target=wasm-unknown.
//lint:file-ignore U1000 the host calls these functions: staticcheck does not see go:wasmexport as a use.

package main

//go:wasmexport clerkmini_abi_version
func exportABIVersion() int32 { return abiVersion }

//go:wasmexport clerkmini_max_input
func exportMaxInput() int32 { return maxInput }

//go:wasmexport clerkmini_max_header_bytes
func exportMaxHeaderBytes() int32 { return maxHeaderBytes }

//go:wasmexport clerkmini_max_response_bytes
func exportMaxResponseBytes() int32 { return maxResponseBytes }

//go:wasmexport clerkmini_alloc
func exportAlloc(n uint32) uint32 { return alloc(n) }

//go:wasmexport clerkmini_output_ptr
func exportOutputPtr() uint32 { return outputPtr() }

//go:wasmexport clerkmini_output_len
func exportOutputLen() uint32 { return uint32(len(out)) }

//go:wasmexport clerkmini_client_new
func exportClientNew(p, n uint32) int32 { return exClientNew(p, n) }

//go:wasmexport clerkmini_client_free
func exportClientFree(h int32) { clientFree(h) }

//go:wasmexport clerkmini_create
func exportCreate(h int32, p, n uint32) int32 { return exCreate(h, p, n) }

//go:wasmexport clerkmini_revoke
func exportRevoke(h int32, p, n uint32) int32 { return exRevoke(h, p, n) }

//go:wasmexport clerkmini_next
func exportNext(h int32) int32 { return next(h) }

//go:wasmexport clerkmini_response
func exportResponse(h, status int32, nowMs float64, hp, hn, bp, bn uint32) int32 {
	return exResponse(h, status, nowMs, hp, hn, bp, bn)
}

//go:wasmexport clerkmini_transport_error
func exportTransportError(h, kind int32, p, n uint32) int32 { return exTransportError(h, kind, p, n) }

//go:wasmexport clerkmini_call_free
func exportCallFree(h int32) { callFree(h) }

// clerkmini_live_clients reads only: it lets a host's tests see that freeing worked (a
// collected JavaScript client, say), which nothing else a host can call shows.
//
//go:wasmexport clerkmini_live_clients
func exportLiveClients() int32 { return int32(len(clients)) }
