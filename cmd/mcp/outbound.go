package main

import (
	"context"
	"encoding/json"
	"errors"
	"log/slog"
	"strconv"
	"sync"

	"github.com/clerkmini/clerkmini/internal/cut"
	"github.com/mark3labs/mcp-go/mcp"
)

// outboundIDPrefix starts the id of every request this server sends. JSON-RPC keeps each
// side's ids apart (a response, having no method, always answers the other side's
// request), but a distinct string makes a client that confuses the two easy to spot.
const outboundIDPrefix = "clerkmini-"

// errInputEnded is the wait for an answer ended by the end of the client's input (or a
// signal): no answer can come any more.
var errInputEnded = errors.New("the session ended before the client answered")

// clientError is a JSON-RPC error the client sent in answer to one of our requests. Its
// message is the client's text: kept out of results and logs, only the code is shown.
type clientError struct{ code int }

func (e *clientError) Error() string {
	return "the client answered with JSON-RPC error " + strconv.Itoa(e.code)
}

// outbound carries the requests this server sends to the client (elicitation/create) and
// routes the client's responses back to the call that waits for each.
type outbound struct {
	write func(mcp.JSONRPCMessage) // set once the connection exists
	log   *slog.Logger

	mu      sync.Mutex
	next    uint64
	waiting map[string]chan reply // by the id as it appears on the wire; one per waiting tool call, so maxInFlight bounds it
	ended   bool
}

// outMessage is a request (with an id) or a notification this server sends.
type outMessage struct {
	JSONRPC string `json:"jsonrpc"`
	ID      string `json:"id,omitempty"`
	Method  string `json:"method"`
	Params  any    `json:"params"`
}

// reply is the client's response: exactly one of result and err is set.
type reply struct {
	result json.RawMessage
	err    error
}

func newOutbound(log *slog.Logger) *outbound {
	return &outbound{log: log, waiting: map[string]chan reply{}}
}

// request sends method to the client and waits for its answer, the end of ctx, or the end
// of the input. A call that stops waiting tells the client with notifications/cancelled,
// so that a host can close the question it shows.
func (o *outbound) request(ctx context.Context, method string, params any) (json.RawMessage, error) {
	ch := make(chan reply, 1)
	o.mu.Lock()
	if o.ended || o.write == nil {
		o.mu.Unlock()
		return nil, errInputEnded
	}
	o.next++
	id := outboundIDPrefix + strconv.FormatUint(o.next, 10)
	key := strconv.Quote(id)
	o.waiting[key] = ch
	o.mu.Unlock()

	o.write(outMessage{JSONRPC: mcp.JSONRPC_VERSION, ID: id, Method: method, Params: params})
	select {
	case r := <-ch:
		return r.result, r.err
	case <-ctx.Done():
		if o.forget(key) {
			o.write(outMessage{JSONRPC: mcp.JSONRPC_VERSION, Method: string(mcp.MethodNotificationCancelled),
				Params: map[string]string{"requestId": id, "reason": cancelReason(ctx)}})
			return nil, ctx.Err()
		}
		r := <-ch // answered or ended at the same moment: the value is already there
		return r.result, r.err
	}
}

// forget removes a waiter; false when a reply (or the end) took it first.
func (o *outbound) forget(key string) bool {
	o.mu.Lock()
	defer o.mu.Unlock()
	_, ok := o.waiting[key]
	delete(o.waiting, key)
	return ok
}

// deliver hands a response to the call waiting for it. A response to no request of ours
// (an unknown id, or a second answer to the same one) is logged and dropped: JSON-RPC
// never answers a response.
func (o *outbound) deliver(id, result, errObj json.RawMessage) {
	key := canonicalID(id)
	o.mu.Lock()
	ch, ok := o.waiting[key]
	delete(o.waiting, key)
	o.mu.Unlock()
	if !ok {
		o.log.Warn("ignored a response to no pending request of this server", "id", cut.Preview(string(id), 64))
		return
	}
	if len(errObj) > 0 && string(errObj) != "null" {
		var e struct {
			Code int `json:"code"`
		}
		_ = json.Unmarshal(errObj, &e) // a malformed error object is still an error
		ch <- reply{err: &clientError{code: e.Code}}
		return
	}
	ch <- reply{result: result}
}

// end releases every waiting call: the client can no longer answer.
func (o *outbound) end() {
	o.mu.Lock()
	defer o.mu.Unlock()
	o.ended = true
	for key, ch := range o.waiting {
		ch <- reply{err: errInputEnded}
		delete(o.waiting, key)
	}
}

// canonicalID is the map key of an id as the client wrote it back: a string id compares
// by value whatever its escaping, anything else by its bytes.
func canonicalID(id json.RawMessage) string {
	var s string
	if json.Unmarshal(id, &s) == nil {
		return strconv.Quote(s)
	}
	return string(id)
}

func cancelReason(ctx context.Context) string {
	if errors.Is(ctx.Err(), context.DeadlineExceeded) {
		return "no answer in time"
	}
	return "the call was cancelled"
}
