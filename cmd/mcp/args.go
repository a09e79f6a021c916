package main

import (
	"bytes"
	"encoding/json"
	"fmt"
	"strconv"
	"strings"

	"github.com/clerkmini/clerkmini/internal/cut"
	"github.com/mark3labs/mcp-go/mcp"
)

// argError is an argument the model can correct: its text names the field and the rule,
// and never repeats a string value, which could be a credential pasted in the wrong place.
type argError struct {
	field, rule string
}

func (e *argError) Error() string {
	if e.field == "" {
		return e.rule
	}
	return e.field + " " + e.rule
}

// arguments are a tool call's arguments by name, not yet checked.
type arguments map[string]json.RawMessage

// decodeArguments refuses anything but a JSON object whose keys are all in tab.
func decodeArguments(req mcp.CallToolRequest, tab argTable) (arguments, error) {
	raw, ok := req.GetRawArguments().(json.RawMessage)
	if !ok {
		var err error
		if raw, err = json.Marshal(req.GetRawArguments()); err != nil {
			return nil, &argError{rule: "arguments must be a JSON object"}
		}
	}
	raw = bytes.TrimSpace(raw)
	if len(raw) == 0 || string(raw) == "null" {
		raw = []byte("{}") // a tool called with no arguments
	}
	var args arguments
	if raw[0] != '{' || json.Unmarshal(raw, &args) != nil {
		return nil, &argError{rule: "arguments must be a JSON object with the properties " + tab.names()}
	}
	for name := range args {
		if !tab.has(name) {
			return nil, &argError{rule: fmt.Sprintf("unknown argument %s: the only arguments are %s", strconv.QuoteToASCII(cut.Preview(name, 64)), tab.names())}
		}
	}
	return args, nil
}

// str returns a string argument; "" when it is absent or null and not required.
func (a arguments) str(name string, required bool) (string, error) {
	v, ok := a[name]
	if !ok || string(v) == "null" {
		if required {
			return "", &argError{name, "is required (a string)"}
		}
		return "", nil
	}
	var s string
	if json.Unmarshal(v, &s) != nil {
		return "", &argError{name, "must be a string, not " + jsonKind(v)}
	}
	if s == "" {
		return "", &argError{name, "must not be empty"}
	}
	return s, nil
}

// id returns a Clerk id argument, which must start with its kind's prefix; the core checks
// the rest (length, characters) before anything is sent.
func (a arguments) id(name string, kind idKind, required bool) (string, error) {
	s, err := a.str(name, required)
	if err != nil || s == "" {
		return s, err
	}
	if !strings.HasPrefix(s, kind.prefix) || len(s) == len(kind.prefix) {
		return "", &argError{name, "must be a Clerk " + kind.noun + " id, which starts with \"" + kind.prefix + "\""}
	}
	return s, nil
}

// seconds returns a positive integer argument, or 0 when it is absent or null.
func (a arguments) seconds(name string) (int64, error) {
	v, ok := a[name]
	if !ok || string(v) == "null" {
		return 0, nil
	}
	if jsonKind(v) != "a number" {
		return 0, &argError{name, secondsRule + ", not " + jsonKind(v)}
	}
	n, err := strconv.ParseInt(string(v), 10, 64)
	if err != nil {
		// 1.5, 1e3 or beyond int64: a JSON number that is not a plain integer.
		if f, ferr := strconv.ParseFloat(string(v), 64); ferr == nil && f == float64(int64(f)) && f >= minSeconds {
			return int64(f), nil
		}
		return 0, &argError{name, secondsRule + " (got " + cut.Preview(string(v), 32) + ")"}
	}
	if n < minSeconds {
		return 0, &argError{name, secondsRule + " (got " + strconv.FormatInt(n, 10) + ")"}
	}
	return n, nil
}

func jsonKind(v json.RawMessage) string {
	switch v[0] {
	case '"':
		return "a string"
	case '{':
		return "an object"
	case '[':
		return "an array"
	case 't', 'f':
		return "a boolean"
	case 'n':
		return "null"
	}
	return "a number"
}
