//go:build wasip1 || tinygo

package main

import (
	"bytes"
	"context"
	"errors"
	"math"
	"strconv"
	"strings"
	"time"

	"github.com/clerkmini/clerkmini/clerkmini"
	"github.com/tidwall/gjson"
)

// The limits a host reads from the module (README.md, "Limits"): every input is checked
// against them before the module reads it.
const (
	abiVersion = 1
	// maxResponseBytes is the longest body the client accepts; a host reads one byte more
	// so that the module can tell an oversized body from one that fits.
	maxResponseBytes = clerkmini.MaxResponseBytes
	// maxInput is the largest buffer clerkmini_alloc hands out: a response body.
	maxInput       = maxResponseBytes + 1
	maxHeaderBytes = clerkmini.MaxResponseHeaderBytes
	// maxArgBytes bounds the JSON arguments and a transport error's message.
	maxArgBytes = 16 << 10
	// maxLive bounds the live clients, and separately the live calls, so that a host that
	// never frees cannot grow the module's memory without end.
	maxLive = 4096
)

// client is a clerkmini.Client with what the module adds for its host.
type client struct {
	c       *clerkmini.Client
	rng     uint64 // the jitter's state, seeded by the host (splitmix64)
	headers []byte // its requests' header as JSON text, once written (appendSend)
}

// call is one Create or Revoke the host drives.
type call struct {
	x    *clerkmini.Exchange
	cl   *client
	fail error // set when the host misused the call: every later step is this failure
}

var (
	clients    = map[int32]*client{}
	calls      = map[int32]*call{}
	lastHandle int32
	// out is the last step's payload, reused from call to call: the host copies it at once.
	out []byte
)

// newHandle returns a handle never handed out before (until the int32 range wraps, and
// then one that is not live), so a freed handle never reaches another object.
func newHandle(live func(int32) bool) int32 {
	for {
		if lastHandle == math.MaxInt32 {
			lastHandle = 0
		}
		lastHandle++
		if !live(lastHandle) {
			return lastHandle
		}
	}
}

func invalid(field, reason string) error {
	return &clerkmini.ValidationError{Field: field, Reason: reason}
}

// fail puts err's payload in the output and returns the FAIL action.
func fail(err error) int32 {
	out = appendError(out[:0], err)
	return int32(clerkmini.ActionFail)
}

// failed puts err's payload in the output and returns the handle 0.
func failed(err error) int32 {
	fail(err)
	return 0
}

// errUnknown is what a member reader returns for a name it does not know: jsonObject
// then names the member and what it should have been.
var errUnknown = errors.New("unknown member")

// jsonObject checks a JSON argument and calls field for each of its members; known says
// what a member may be, for the error on one that field does not know.
func jsonObject(in []byte, name, known string, field func(k string, v gjson.Result) error) error {
	if len(in) > maxArgBytes {
		return invalid(name, "is longer than "+strconv.Itoa(maxArgBytes)+" bytes")
	}
	if !gjson.ValidBytes(in) {
		return invalid(name, "is not valid JSON")
	}
	root := gjson.ParseBytes(in)
	if !root.IsObject() {
		return invalid(name, "is not a JSON object")
	}
	var err error
	root.ForEach(func(k, v gjson.Result) bool {
		if err = field(k.Str, v); err == errUnknown {
			err = invalid(k.Str, "is not "+known)
		}
		return err == nil
	})
	return err
}

func str(field string, v gjson.Result) (string, error) {
	if v.Type != gjson.String {
		return "", invalid(field, "must be a string")
	}
	return v.Str, nil
}

func integer(field string, v gjson.Result, min, max int64) (int64, error) {
	n, err := strconv.ParseInt(v.Raw, 10, 64)
	if v.Type != gjson.Number || err != nil || n < min || n > max {
		return 0, invalid(field, "must be an integer from "+strconv.FormatInt(min, 10)+" to "+strconv.FormatInt(max, 10))
	}
	return n, nil
}

// clientNew makes a client from its JSON options (README.md, "Clients"); err is the
// input's own failure (take's), if any.
func clientNew(in []byte, err error) int32 {
	if err == nil && len(clients) >= maxLive {
		err = invalid("client", "too many live clients; free those no longer used with clerkmini_client_free")
	}
	var key string
	cl := &client{}
	product := "clerkmini-wasm/" + clerkmini.Version
	var opts []clerkmini.Option
	read := func(k string, v gjson.Result) (err error) {
		var n int64
		switch k {
		case "secret_key":
			key, err = str(k, v)
		case "api_url":
			var u string
			u, err = str(k, v)
			opts = append(opts, clerkmini.WithAPIURL(u))
		case "user_agent":
			var ua string
			ua, err = str(k, v)
			product = ua + " " + product
		case "retries":
			n, err = integer(k, v, 0, clerkmini.MaxRetries)
			opts = append(opts, clerkmini.WithRetries(int(n)))
		case "timeout_ms":
			n, err = integer(k, v, 1, 600_000)
			opts = append(opts, clerkmini.WithTimeout(time.Duration(n)*time.Millisecond))
		case "jitter_seed":
			n, err = integer(k, v, 0, 1<<53)
			cl.rng = uint64(n)
		default:
			err = errUnknown
		}
		return err
	}
	if err == nil {
		err = jsonObject(in, "options", "an option (secret_key, api_url, user_agent, retries, timeout_ms, jitter_seed)", read)
	}
	if err == nil {
		opts = append(opts, clerkmini.WithUserAgent(product), clerkmini.WithJitter(cl.jitter), clerkmini.WithTransport(noTransport{}))
		cl.c, err = clerkmini.New(key, opts...)
	}
	if err != nil {
		return failed(err)
	}
	h := newHandle(func(h int32) bool { return clients[h] != nil })
	clients[h] = cl
	return h
}

// jitter returns a uniformly random value in [0, n) from the host's seed.
func (cl *client) jitter(n int64) int64 {
	cl.rng += 0x9e3779b97f4a7c15
	z := cl.rng
	z = (z ^ z>>30) * 0xbf58476d1ce4e5b9
	z = (z ^ z>>27) * 0x94d049bb133111eb
	z ^= z >> 31
	return int64(z>>1) % n
}

// noTransport stands where clerkmini.New wants a Transport: the module's calls are
// driven by the host, never through a Transport.
type noTransport struct{}

func (noTransport) RoundTrip(context.Context, *clerkmini.Request) (*clerkmini.Response, error) {
	return nil, clerkmini.NotSent(errors.New("the WebAssembly module sends nothing itself"))
}

func clientFree(h int32) { delete(clients, h) }

func lookupClient(h int32) (*client, error) {
	if cl := clients[h]; cl != nil {
		if len(calls) >= maxLive {
			return nil, invalid("call", "too many live calls; free finished ones with clerkmini_call_free")
		}
		return cl, nil
	}
	return nil, invalid("client", "is not a live client handle (freed, or never returned by clerkmini_client_new)")
}

// newCall starts a Revoke (revoke true) or a Create on client h from its JSON params; err
// is the input's own failure (take's), if any.
func newCall(h int32, revoke bool, in []byte, err error) int32 {
	var cl *client
	if err == nil {
		cl, err = lookupClient(h)
	}
	// All the reader needs, in one variable: TinyGo makes a closure that captures one
	// pointer without a context of its own (capturing three variables measured ~0.4 us a
	// pair slower).
	a := struct {
		revoke bool
		p      clerkmini.CreateSignInTokenParams
		id     string
	}{revoke: revoke}
	known := "a parameter (user_id, expires_in_seconds, org_id)"
	if revoke {
		known = "a parameter (sign_in_token_id)"
	}
	if err == nil {
		err = jsonObject(in, "params", known, func(k string, v gjson.Result) (err error) {
			switch {
			case a.revoke && k == "sign_in_token_id":
				a.id, err = str(k, v)
			case a.revoke:
				err = errUnknown
			case k == "user_id":
				a.p.UserID, err = str(k, v)
			case k == "org_id":
				a.p.OrgID, err = str(k, v)
			case k == "expires_in_seconds":
				a.p.ExpiresInSeconds, err = integer(k, v, 0, math.MaxInt32)
			default:
				err = errUnknown
			}
			return err
		})
	}
	var x *clerkmini.Exchange
	if err == nil && revoke {
		x, err = cl.c.SignInTokens.NewRevoke(a.id)
	} else if err == nil {
		x, err = cl.c.SignInTokens.NewCreate(a.p)
	}
	if err != nil {
		return failed(err)
	}
	ch := newHandle(func(h int32) bool { return calls[h] != nil })
	calls[ch] = &call{x: x, cl: cl}
	return ch
}

// noCall stands for every handle that is not a live call: a call failed from the start,
// whose every step is that failure. Never changed: every export looks at fail first.
var noCall = &call{fail: invalid("call", "is not a live call handle (freed, or never returned by clerkmini_create or clerkmini_revoke)")}

// callOf returns the live call h, or noCall.
func callOf(h int32) *call {
	if c := calls[h]; c != nil {
		return c
	}
	return noCall
}

// step puts the payload of the call's current step in the output and returns its action.
func (c *call) step(s clerkmini.Step) int32 {
	if c.fail != nil {
		return fail(c.fail)
	}
	switch s.Action {
	case clerkmini.ActionSend:
		out = appendSend(out[:0], s, &c.cl.headers)
	case clerkmini.ActionWait:
		var j jsonText
		j.b = out[:0]
		j.num("wait_ms", (s.Wait.Nanoseconds()+999_999)/1_000_000)
		out = j.bytes()
	case clerkmini.ActionDone:
		out = appendToken(out[:0], s.Token)
	default:
		return fail(s.Err)
	}
	return int32(s.Action)
}

func next(h int32) int32 {
	c := callOf(h)
	if c.fail != nil {
		return c.step(clerkmini.Step{})
	}
	return c.step(c.x.Next())
}

// response reports the answer to a SEND. A misuse (a bad status or clock) ends the call.
func response(h int32, status int32, nowMs float64, headers, body []byte, inputErr error) int32 {
	c := callOf(h)
	switch {
	case c.fail != nil:
	case inputErr != nil:
		c.fail = inputErr
	case status < 100 || status > 599:
		c.fail = invalid("status", "must be an HTTP status from 100 to 599")
	case !(nowMs >= 0 && nowMs < 1e15): // also refuses NaN, whose conversion could trap
		c.fail = invalid("now_ms", "must be the host's clock in Unix milliseconds")
	case len(headers) > maxHeaderBytes:
		return c.step(c.x.Failed(errors.New("the answer's headers are larger than " + strconv.Itoa(maxHeaderBytes>>10) + " KiB")))
	default:
		resp := &clerkmini.Response{StatusCode: int(status), Header: parseHeaders(headers), Body: body}
		return c.step(c.x.Response(resp, time.UnixMilli(int64(nowMs))))
	}
	return c.step(clerkmini.Step{})
}

// parseHeaders reads "name: value" lines; a repeated name is joined with ", ".
func parseHeaders(b []byte) clerkmini.Header {
	h := clerkmini.Header{}
	for len(b) > 0 {
		line := b
		if i := bytes.IndexByte(b, '\n'); i >= 0 {
			line, b = b[:i], b[i+1:]
		} else {
			b = nil
		}
		i := bytes.IndexByte(line, ':')
		if i <= 0 {
			continue
		}
		name := strings.TrimSpace(string(line[:i]))
		value := strings.TrimSpace(string(line[i+1:]))
		if old, ok := h[name]; ok {
			value = old + ", " + value
		}
		h[name] = value
	}
	return h
}

// The kinds of transport error a host reports (README.md, "Calls").
const (
	kindNotSent = 1 + iota
	kindLost
	kindTimeout
	kindAborted
)

func transportError(h int32, kind int32, msg []byte, inputErr error) int32 {
	c := callOf(h)
	switch {
	case c.fail != nil:
		return c.step(clerkmini.Step{})
	case inputErr == nil && len(msg) > maxArgBytes:
		inputErr = invalid("message", "is longer than "+strconv.Itoa(maxArgBytes)+" bytes")
	}
	if inputErr != nil {
		c.fail = inputErr
		return c.step(clerkmini.Step{})
	}
	// A host's message may quote the request, key and all: the exchange scrubs what it is
	// given (Failed, Abort), as it does for every driver.
	text := string(msg)
	switch kind {
	case kindNotSent:
		if text == "" {
			text = "the request could not be sent"
		}
		return c.step(c.x.Failed(clerkmini.NotSent(errors.New(text))))
	case kindLost:
		if text == "" {
			text = "the connection ended before an answer came"
		}
		return c.step(c.x.Failed(errors.New(text)))
	case kindTimeout:
		return c.step(c.x.Failed(context.DeadlineExceeded))
	case kindAborted:
		// A SEND's request may have reached Clerk (Failed acts on a SEND only, and never
		// retries a cancellation); a WAIT ends where it is.
		if s := c.x.Failed(context.Canceled); s.Action != clerkmini.ActionWait {
			return c.step(s)
		}
		return c.step(c.x.Abort(context.Canceled))
	}
	c.fail = invalid("kind", "must be 1 (not sent), 2 (lost), 3 (timed out) or 4 (aborted)")
	return c.step(clerkmini.Step{})
}

func callFree(h int32) { delete(calls, h) }
