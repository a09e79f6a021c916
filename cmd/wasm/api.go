//go:build js && wasm

package main

import (
	"context"
	"sync"
	"syscall/js"

	"github.com/clerkmini/clerkmini/clerkmini"
)

// clients holds the live clients by handle. The loader frees a handle when its JavaScript
// client is garbage-collected, so the secret key does not outlive it in Go memory.
var clients = struct {
	sync.Mutex
	next int
	m    map[int]*clerkmini.Client
}{m: make(map[int]*clerkmini.Client)}

// newAPI returns the object handed to the loader. Its functions are never released: they
// live as long as the instance.
//
//	newClient(secretKey, apiUrl, fetch) → {handle} | {error: JSON text}
//	create(handle, userId, expiresInSeconds, orgId, resolve, reject)
//	revoke(handle, signInTokenId, resolve, reject)
//	free(handle)
//
// create and revoke settle through the resolve and reject of a Promise the loader made (a
// Promise made here would cost a second JavaScript → Go crossing for its executor), with
// the JSON text of a token or of an error (values.go).
func newAPI() js.Value {
	api := js.Global().Get("Object").New()
	api.Set("version", clerkmini.Version)
	api.Set("newClient", js.FuncOf(newClient))
	api.Set("create", js.FuncOf(create))
	api.Set("revoke", js.FuncOf(revoke))
	api.Set("free", js.FuncOf(free))
	return api
}

func newClient(_ js.Value, args []js.Value) any {
	opts := []clerkmini.Option{clerkmini.WithUserAgent("clerkmini-wasm/" + clerkmini.Version)}
	if url := str(args, 1); url != "" {
		opts = append(opts, clerkmini.WithAPIURL(url))
	}
	if f := arg(args, 2); f.Type() == js.TypeFunction {
		opts = append(opts, clerkmini.WithTransport(&clerkmini.FetchTransport{Fetch: f}))
	}
	c, err := clerkmini.New(str(args, 0), opts...)
	out := js.Global().Get("Object").New()
	if err != nil {
		out.Set("error", errorText(err))
		return out
	}
	clients.Lock()
	defer clients.Unlock()
	clients.next++
	clients.m[clients.next] = c
	out.Set("handle", clients.next)
	return out
}

func free(_ js.Value, args []js.Value) any {
	clients.Lock()
	defer clients.Unlock()
	delete(clients.m, arg(args, 0).Int())
	return nil
}

func create(_ js.Value, args []js.Value) any {
	params := clerkmini.CreateSignInTokenParams{UserID: str(args, 1), OrgID: str(args, 3)}
	if n := arg(args, 2); n.Type() == js.TypeNumber {
		params.ExpiresInSeconds = int64(n.Float())
	}
	call(arg(args, 0), arg(args, 4), arg(args, 5), func(ctx context.Context, c *clerkmini.Client) (*clerkmini.SignInToken, error) {
		return c.SignInTokens.Create(ctx, params)
	})
	return nil
}

func revoke(_ js.Value, args []js.Value) any {
	id := str(args, 1)
	call(arg(args, 0), arg(args, 2), arg(args, 3), func(ctx context.Context, c *clerkmini.Client) (*clerkmini.SignInToken, error) {
		return c.SignInTokens.Revoke(ctx, id)
	})
	return nil
}

// call runs do in a goroutine and settles the loader's Promise with its result: a
// js.FuncOf callback must return without blocking, or the event loop that fetch needs
// would never turn.
func call(handle, resolve, reject js.Value, do func(context.Context, *clerkmini.Client) (*clerkmini.SignInToken, error)) {
	go func() {
		c := lookup(handle)
		if c == nil {
			reject.Invoke(errorText(errFreed))
			return
		}
		tok, err := do(context.Background(), c)
		if err != nil {
			reject.Invoke(errorText(err))
			return
		}
		resolve.Invoke(tokenText(tok))
	}()
}

func lookup(handle js.Value) *clerkmini.Client {
	if handle.Type() != js.TypeNumber {
		return nil
	}
	clients.Lock()
	defer clients.Unlock()
	return clients.m[handle.Int()]
}

func arg(args []js.Value, i int) js.Value {
	if i < len(args) {
		return args[i]
	}
	return js.Undefined()
}

// str returns args[i] if it is a string, else "": the loader has already refused other
// types with a TypeError.
func str(args []js.Value, i int) string {
	if v := arg(args, i); v.Type() == js.TypeString {
		return v.String()
	}
	return ""
}
