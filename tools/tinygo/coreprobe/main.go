// Command coreprobe is the core as TinyGo's wasm-unknown target builds it, with a
// collecting GC: a module with no imports whose export probe runs the core's constructor
// and its key checks. make test-tinygo builds it and runs it in Node (coreprobe.mjs).
//
// Create and Revoke are not called: under wasm-unknown there is no scheduler, and the
// Client's calls start goroutines (context.WithTimeout, time.AfterFunc), which TinyGo
// refuses to link there. The core's whole suite runs under TinyGo's wasip1 instead.
package main

import (
	"context"
	"errors"
	"strings"

	"github.com/clerkmini/clerkmini/clerkmini"
)

func main() {}

// probe reports the first thing that went wrong, 0 when nothing did: 1 when a good key
// was refused, 2 when the client describes itself wrongly, 3 when a bad key was taken, 4
// when its error is not a ValidationError naming the field, 5 when the error repeats the
// key.
//
//export probe
//lint:ignore U1000 the host calls it: TinyGo exports it from the module
func probe() int32 {
	none := clerkmini.TransportFunc(func(context.Context, *clerkmini.Request) (*clerkmini.Response, error) {
		return nil, errors.New("no network in the probe")
	})
	client, err := clerkmini.New("sk_test_probe", clerkmini.WithTransport(none))
	if err != nil {
		return 1
	}
	if client.String() != "clerkmini.Client{"+clerkmini.DefaultAPIURL+"/v1}" {
		return 2
	}
	const bad = "sk_test_has a space"
	_, err = clerkmini.New(bad, clerkmini.WithTransport(none))
	if err == nil {
		return 3
	}
	var verr *clerkmini.ValidationError
	if !errors.As(err, &verr) || verr.Field != "secret_key" {
		return 4
	}
	if strings.Contains(err.Error(), bad) {
		return 5
	}
	return 0
}
