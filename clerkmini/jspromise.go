//go:build js && wasm

package clerkmini

import (
	"context"
	"errors"
	"syscall/js"
)

// settled is how a JavaScript promise ended.
type settled struct {
	value  js.Value
	reason js.Value
	ok     bool
}

// await blocks the calling goroutine (never the event loop) until p settles or ctx ends.
// If ctx ends first, the callbacks stay registered and release themselves when p settles.
func await(ctx context.Context, p js.Value) (js.Value, error) {
	ch := make(chan settled, 1)
	var onOK, onErr js.Func
	release := func() { onOK.Release(); onErr.Release() }
	onOK = js.FuncOf(func(_ js.Value, args []js.Value) any {
		ch <- settled{value: arg0(args), ok: true}
		release()
		return nil
	})
	onErr = js.FuncOf(func(_ js.Value, args []js.Value) any {
		ch <- settled{reason: arg0(args)}
		release()
		return nil
	})
	p.Call("then", onOK, onErr)
	select {
	case s := <-ch:
		if !s.ok {
			if err := ctx.Err(); err != nil {
				return js.Undefined(), err // the abort's rejection: say why it was aborted
			}
			return js.Undefined(), jsError(s.reason)
		}
		return s.value, nil
	case <-ctx.Done():
		return js.Undefined(), ctx.Err()
	}
}

// awaitCall calls v.method() and awaits the promise it returns.
func awaitCall(ctx context.Context, v js.Value, method string) (js.Value, error) {
	p, err := call(v, method)
	if err != nil {
		return js.Undefined(), err
	}
	return await(ctx, p)
}

// call calls v.method(), turning a synchronous JavaScript exception into an error.
func call(v js.Value, method string) (result js.Value, err error) {
	defer recoverJS(&err)
	return v.Call(method), nil
}

// invoke calls f, turning a synchronous JavaScript exception into an error.
func invoke(f js.Value, args ...any) (result js.Value, err error) {
	defer recoverJS(&err)
	return f.Invoke(args...), nil
}

// recoverJS turns a panic with a js.Error (a JavaScript exception crossing into Go) into
// *err; any other panic is re-raised.
func recoverJS(err *error) {
	if r := recover(); r != nil {
		jerr, ok := r.(js.Error)
		if !ok {
			panic(r)
		}
		*err = jsError(jerr.Value)
	}
}

func arg0(args []js.Value) js.Value {
	if len(args) == 0 {
		return js.Undefined()
	}
	return args[0]
}

// jsError describes a thrown JavaScript value, with its cause when it has one (Node's
// "fetch failed" says why only in cause). Refused connections and failed lookups are
// marked NotSent: the request never left.
func jsError(v js.Value) error {
	msg := describe(v)
	code := ""
	if v.Type() == js.TypeObject {
		if cause := v.Get("cause"); cause.Type() == js.TypeObject {
			msg += ": " + describe(cause)
			code = stringProp(cause, "code")
		}
		if code == "" {
			code = stringProp(v, "code")
		}
	}
	err := errors.New("fetch: " + msg)
	switch code {
	case "ECONNREFUSED", "ENOTFOUND", "EAI_AGAIN", "ConnectionRefused":
		return NotSent(err)
	}
	return err
}

func describe(v js.Value) string {
	if v.Type() == js.TypeObject {
		if m := stringProp(v, "message"); m != "" {
			if name := stringProp(v, "name"); name != "" && name != "Error" {
				return name + ": " + m
			}
			return m
		}
	}
	return js.Global().Get("String").Invoke(v).String()
}

func stringProp(v js.Value, name string) string {
	if p := v.Get(name); p.Type() == js.TypeString {
		return p.String()
	}
	return ""
}
