// Command wasm is clerkmini's client as a WebAssembly module that does no I/O: the core
// decides and the host does the I/O. The host asks the module what to do next (send
// this request, wait this long, done with this token, failed with this error), performs
// it with its own fetch and timers, and reports the outcome. The exports, over linear
// memory, are documented in README.md so that any WebAssembly host can drive them;
// web/clerkmini.mjs is the JavaScript one.
//
// Two toolchains build it with the same exports (`make wasm`): TinyGo,
// -target=wasm-unknown (the module that ships: it imports nothing), and Go,
// GOOS=wasip1 -buildmode=c-shared (it imports a few WASI functions). It links neither
// fmt, encoding/json, net/http, reflect nor os, and starts no goroutine.
package main

func main() {}
