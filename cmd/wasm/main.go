//go:build js && wasm

// Command wasm is clerkmini's client compiled to WebAssembly for JavaScript hosts
// (browsers, Node, Deno, Bun, Cloudflare Workers). It is not meant to be used directly:
// web/clerkmini.mjs loads it and wraps it in @clerk/backend's shape.
//
// Build it with `make wasm` (Go) or `make wasm-tinygo` (TinyGo). It imports neither fmt,
// encoding/json nor net/http, so that TinyGo can build it and the module stays small:
// requests go through the host's fetch (clerkmini.FetchTransport).
//
// The contract with the loader: before running the module, the loader defines
// globalThis[readyKey] as a function; main calls it once with the API object (see api.go)
// and then keeps the Go runtime alive for the callbacks.
package main

import "syscall/js"

// readyKey names the global the loader defines to receive the API. The loader deletes it
// as soon as main has called it, so it never outlives a load.
const readyKey = "__clerkminiReady"

func main() {
	ready := js.Global().Get(readyKey)
	if ready.Type() != js.TypeFunction {
		js.Global().Get("console").Call("error", "clerkmini.wasm: load it with clerkmini.mjs, not directly")
		return
	}
	ready.Invoke(newAPI())
	select {} // serve the callbacks for as long as the host keeps the instance
}
