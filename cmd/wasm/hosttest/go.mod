// A module of its own, so that wazero, which only this test uses, stays out of the
// go.mod every user of clerkmini reads.
module github.com/clerkmini/clerkmini/cmd/wasm/hosttest

go 1.26

require (
	github.com/clerkmini/clerkmini v0.0.0
	github.com/tetratelabs/wazero v1.12.0
)

require (
	github.com/tidwall/gjson v1.20.2 // indirect
	github.com/tidwall/match v1.1.1 // indirect
	github.com/tidwall/pretty v1.3.0 // indirect
	golang.org/x/sys v0.44.0 // indirect
)

replace github.com/clerkmini/clerkmini => ../../..
