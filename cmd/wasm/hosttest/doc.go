// Package hosttest runs the shipped WebAssembly modules (web/clerkmini.wasm from TinyGo,
// web/clerkmini.go.wasm from Go) under wazero, as a host in any language would: it reads
// the module's SEND steps and performs them with net/http against the sandbox on
// 127.0.0.1, waits, and feeds the answers back. `make test-wasm-host` builds the modules
// and runs it; on its own, `go test . -modules=…` names which modules to run.
package hosttest
