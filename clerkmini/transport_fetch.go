//go:build js && wasm

package clerkmini

import (
	"context"
	"errors"
	"syscall/js"
)

// FetchTransport is the default Transport of GOOS=js builds (Go's and TinyGo's): it sends
// through the JavaScript host's fetch, which every browser, Node, Deno, Bun and
// Cloudflare Worker has. Go's net/http is no use there: under Node it dials TCP instead
// of fetching and fails, and it adds megabytes to the module.
//
// A RoundTrip blocks its goroutine until fetch settles, so it must not run on the host's
// event loop thread itself (inside a js.FuncOf callback): call the client from a goroutine.
type FetchTransport struct {
	// Fetch is the fetch function to call, such as a Worker's or a test double; the
	// zero Value means globalThis.fetch at the time of each request.
	Fetch js.Value
}

func defaultTransport() Transport { return &FetchTransport{} }

// RoundTrip implements Transport. Redirects are not followed (they would carry the
// secret key), the body is read up to MaxResponseBytes+1 bytes, and ctx aborts the
// fetch through an AbortController.
func (t *FetchTransport) RoundTrip(ctx context.Context, req *Request) (*Response, error) {
	fetch := t.Fetch
	if fetch.IsUndefined() || fetch.IsNull() {
		fetch = js.Global().Get("fetch")
	}
	if fetch.Type() != js.TypeFunction {
		return nil, NotSent(errors.New("this JavaScript host has no fetch function"))
	}
	init, stop, err := fetchInit(ctx, req)
	if err != nil {
		return nil, NotSent(err)
	}
	defer stop()
	promise, err := invoke(fetch, req.URL, init)
	if err != nil {
		return nil, NotSent(err)
	}
	resp, err := await(ctx, promise)
	if err != nil {
		return nil, err
	}
	if resp.Get("type").String() == "opaqueredirect" {
		// A browser's answer to redirect: "manual" hides the status; say what happened.
		return nil, errors.New("fetch: the server answered with a redirect, which is not followed")
	}
	body, err := readBody(ctx, resp)
	if err != nil {
		return nil, err
	}
	return &Response{StatusCode: resp.Get("status").Int(), Header: headersOf(resp.Get("headers")), Body: body}, nil
}

// fetchInit builds fetch's second argument; stop ends the goroutine that aborts the
// fetch when ctx ends.
func fetchInit(ctx context.Context, req *Request) (init js.Value, stop func(), err error) {
	defer recoverJS(&err)
	object := js.Global().Get("Object")
	init = object.New()
	init.Set("method", req.Method)
	init.Set("redirect", "manual")
	headers := object.New()
	for k, v := range req.Header {
		headers.Set(k, v)
	}
	init.Set("headers", headers)
	if req.Body != nil {
		body := js.Global().Get("Uint8Array").New(len(req.Body))
		js.CopyBytesToJS(body, req.Body)
		init.Set("body", body)
	}
	stop = func() {}
	if ctx.Done() != nil {
		if ac := js.Global().Get("AbortController"); ac.Type() == js.TypeFunction {
			controller := ac.New()
			init.Set("signal", controller.Get("signal"))
			done := make(chan struct{})
			go func() {
				select {
				case <-ctx.Done():
					controller.Call("abort")
				case <-done:
				}
			}()
			stop = func() { close(done) }
		}
	}
	return init, stop, nil
}

// readBody reads at most MaxResponseBytes+1 bytes through the body's stream reader, so
// that a huge answer is neither buffered whole nor mistaken for one that fits.
func readBody(ctx context.Context, resp js.Value) ([]byte, error) {
	stream := resp.Get("body")
	if stream.IsNull() || stream.IsUndefined() || stream.Get("getReader").Type() != js.TypeFunction {
		// No stream (an empty body, or a host without streams): arrayBuffer is all there is.
		buf, err := awaitCall(ctx, resp, "arrayBuffer")
		if err != nil {
			return nil, err
		}
		return copyBytes(js.Global().Get("Uint8Array").New(buf), MaxResponseBytes+1), nil
	}
	reader := stream.Call("getReader")
	var body []byte
	for len(body) <= MaxResponseBytes {
		chunk, err := awaitCall(ctx, reader, "read")
		if err != nil {
			return nil, err
		}
		if chunk.Get("done").Bool() {
			return body, nil
		}
		body = append(body, copyBytes(chunk.Get("value"), MaxResponseBytes+1-len(body))...)
	}
	reader.Call("cancel") // the rest is not wanted; its promise is of no interest
	return body, nil
}

// copyBytes copies up to max bytes of a Uint8Array into Go memory.
func copyBytes(array js.Value, max int) []byte {
	n := array.Get("length").Int()
	if n > max {
		array = array.Call("subarray", 0, max)
		n = max
	}
	b := make([]byte, n)
	js.CopyBytesToGo(b, array)
	return b
}

// headersOf copies a Headers object; fetch already joins repeated fields with ", ".
func headersOf(headers js.Value) Header {
	h := make(Header)
	each := js.FuncOf(func(_ js.Value, args []js.Value) any {
		h[args[1].String()] = args[0].String()
		return nil
	})
	defer each.Release()
	headers.Call("forEach", each)
	return h
}
