//go:build js && wasm

package clerkmini

import (
	"context"
	"errors"
	"strconv"
	"syscall/js"

	"github.com/tidwall/gjson"
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
	status := resp.Get("status").Int()
	if status == 0 {
		// A browser's answer to redirect: "manual" is an opaque response with status 0.
		return nil, errors.New("fetch: the server answered with a redirect, which is not followed")
	}
	headers := resp.Get("headers")
	body, err := readBody(ctx, resp, headers)
	if err != nil {
		return nil, err
	}
	return &Response{StatusCode: status, Header: headersOf(headers), Body: body}, nil
}

// JavaScript's globals, looked up once: every js.Value that Go gets from JavaScript is an
// entry in a reference table with a finalizer, which costs more than the call itself.
var (
	jsJSON            = js.Global().Get("JSON")
	jsArray           = js.Global().Get("Array")
	jsUint8Array      = js.Global().Get("Uint8Array")
	jsAbortController = js.Global().Get("AbortController")
)

// fetchInit builds fetch's second argument; stop ends the goroutine that aborts the
// fetch when ctx ends. Method, redirect mode and headers cross as one JSON text, rather
// than as a value per field.
func fetchInit(ctx context.Context, req *Request) (init js.Value, stop func(), err error) {
	defer recoverJS(&err)
	b := make([]byte, 0, 512)
	b = append(b, `{"method":`...)
	b = appendJSONString(b, req.Method)
	b = append(b, `,"redirect":"manual","headers":{`...)
	first := true
	for k, v := range req.Header {
		if !first {
			b = append(b, ',')
		}
		first = false
		b = appendJSONString(b, k)
		b = append(b, ':')
		b = appendJSONString(b, v)
	}
	b = append(b, "}}"...)
	init = jsJSON.Call("parse", string(b))
	if req.Body != nil {
		body := jsUint8Array.New(len(req.Body))
		js.CopyBytesToJS(body, req.Body)
		init.Set("body", body)
	}
	stop = func() {}
	if ctx.Done() != nil {
		if jsAbortController.Type() == js.TypeFunction {
			controller := jsAbortController.New()
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

// readBody reads at most MaxResponseBytes+1 bytes. A body whose Content-Length fits is
// read whole with arrayBuffer (fetch fails it if the server sends more); any other is read
// through the stream reader, so that a huge answer is neither buffered whole nor mistaken
// for one that fits. Each await costs a JavaScript → Go crossing, so the common case
// takes one.
func readBody(ctx context.Context, resp, headers js.Value) ([]byte, error) {
	n, err := strconv.Atoi(headers.Call("get", "content-length").String())
	fits := err == nil && n >= 0 && n <= MaxResponseBytes
	var stream js.Value
	if !fits {
		stream = resp.Get("body")
	}
	if fits || stream.IsNull() || stream.IsUndefined() || stream.Get("getReader").Type() != js.TypeFunction {
		buf, err := awaitCall(ctx, resp, "arrayBuffer")
		if err != nil {
			return nil, err
		}
		return copyBytes(jsUint8Array.New(buf), MaxResponseBytes+1), nil
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

// headersOf copies a Headers object (fetch already joins repeated fields with ", ") as
// one JSON text of [name, value] pairs, rather than as values per field. It stops one
// field past MaxResponseHeaderFields: enough for the client to refuse the answer.
func headersOf(headers js.Value) Header {
	pairs := gjson.Parse(jsJSON.Call("stringify", jsArray.Call("from", headers)).String())
	h := make(Header)
	pairs.ForEach(func(_, pair gjson.Result) bool {
		h[pair.Get("0").String()] = pair.Get("1").String()
		return len(h) <= MaxResponseHeaderFields
	})
	return h
}
