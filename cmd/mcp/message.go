package main

import (
	"encoding/json"

	"github.com/mark3labs/mcp-go/mcp"
)

// messageHead is what the stdio loop reads of a message before handing it to mcp-go.
type messageHead struct {
	ID     json.RawMessage `json:"id"`
	Method string          `json:"method"`
	Params json.RawMessage `json:"params"`
	Result json.RawMessage `json:"result"`
	Error  json.RawMessage `json:"error"`
}

func (h *messageHead) hasID() bool { return len(h.ID) > 0 && string(h.ID) != "null" }

// isRequest says whether the message expects an answer from a tool or mcp-go.
func (h *messageHead) isRequest() bool { return h.hasID() && h.Method != "" }

// invalid returns the -32600 answer to a message JSON-RPC forbids, else nil: mcp-go takes
// a method with a result for a response and never answers it, and rounds a number id.
func (h *messageHead) invalid() mcp.JSONRPCMessage {
	if h.hasID() && h.ID[0] != '"' && h.ID[0] != '-' && (h.ID[0] < '0' || h.ID[0] > '9') {
		return mcp.NewJSONRPCError(mcp.NewRequestId(nil), mcp.INVALID_REQUEST, "Invalid Request: an id is a string or a number", nil)
	}
	if h.Method != "" && (len(h.Result) > 0 || len(h.Error) > 0) {
		return mcp.NewJSONRPCError(rawRequestID(h.ID), mcp.INVALID_REQUEST,
			"Invalid Request: a message with a method is a request or a notification, and has no result or error", nil)
	}
	return nil
}

// rawRequestID is an id that is written back exactly as the client sent it: mcp-go
// decodes a number id into a float64, which turns a 30-digit id into 1.2345678901234568e+29.
func rawRequestID(raw json.RawMessage) mcp.RequestId {
	if len(raw) == 0 || string(raw) == "null" {
		return mcp.NewRequestId(nil)
	}
	return mcp.NewRequestId(raw)
}

// withRawID gives mcp-go's answer to a request the id as the request spelled it.
func withRawID(msg mcp.JSONRPCMessage, raw json.RawMessage) mcp.JSONRPCMessage {
	if len(raw) == 0 {
		return msg
	}
	switch m := msg.(type) {
	case mcp.JSONRPCResponse:
		m.ID = rawRequestID(raw)
		return m
	case mcp.JSONRPCError:
		m.ID = rawRequestID(raw)
		return m
	}
	return msg
}

// boundRPCError cuts a JSON-RPC error's message to maxRPCErrorBytes: mcp-go quotes what
// the client sent (an unknown tool's name) into some of them.
func boundRPCError(msg mcp.JSONRPCMessage) mcp.JSONRPCMessage {
	if m, ok := msg.(mcp.JSONRPCError); ok && len(m.Error.Message) > maxRPCErrorBytes {
		m.Error.Message = clip(m.Error.Message, maxRPCErrorBytes)
		return m
	}
	return msg
}
