// Package pretty stands in for github.com/tidwall/pretty in clerkmini's WebAssembly build
// (cmd/wasm/go.work replaces the module with this one; nothing else uses it).
//
// gjson imports tidwall/pretty for its @pretty and @ugly modifiers, and tidwall/pretty
// imports encoding/json to unescape a key when sorting: that one call links reflect, fmt
// and os, about a third of the Go module. This package implements the part of the API
// gjson calls (Options, DefaultOptions, Pretty, PrettyOptions, Ugly) with the same output
// for valid JSON, in a few hundred bytes of code and no encoding/json.
//
// Differences: equal keys under SortKeys keep their order instead of being ordered by
// value; invalid JSON is formatted on a best-effort basis, differently.
package pretty

import (
	"slices"
	"strings"
)

// Options is tidwall/pretty's Options.
type Options struct {
	// Width is the longest line an array or object is kept on one line for; 0: never.
	Width int
	// Prefix starts every line.
	Prefix string
	// Indent is the indentation of one level.
	Indent string
	// SortKeys orders the members of objects by key.
	SortKeys bool
}

// DefaultOptions are tidwall/pretty's defaults, used when nil Options are passed.
var DefaultOptions = &Options{Width: 80, Prefix: "", Indent: "  ", SortKeys: false}

// Pretty formats json with DefaultOptions.
func Pretty(json []byte) []byte { return PrettyOptions(json, nil) }

// PrettyOptions formats json with one element per line, except arrays and objects that
// fit within opts.Width, and a final newline.
func PrettyOptions(json []byte, opts *Options) []byte {
	if opts == nil {
		opts = DefaultOptions
	}
	v, _ := parse(json, 0)
	if v == nil {
		return []byte{}
	}
	if opts.SortKeys {
		v.sortKeys()
	}
	buf := append(make([]byte, 0, len(json)*2), opts.Prefix...)
	buf = v.appendPretty(buf, opts, 0)
	return append(buf, '\n')
}

// Ugly removes the whitespace outside strings.
func Ugly(json []byte) []byte {
	buf := make([]byte, 0, len(json))
	for i := 0; i < len(json); i++ {
		if json[i] == '"' {
			end := stringEnd(json, i)
			buf = append(buf, json[i:end]...)
			i = end - 1
		} else if json[i] > ' ' {
			buf = append(buf, json[i])
		}
	}
	return buf
}

// value is a parsed JSON value: raw is the text of a scalar (or of an object member's key
// in key), items the elements of an array or object.
type value struct {
	open  byte // '[' or '{' for containers, 0 for scalars
	raw   []byte
	key   []byte
	items []*value
}

// parse reads the value at json[i:] leniently and returns it and the index after it.
func parse(json []byte, i int) (*value, int) {
	for i < len(json) && json[i] <= ' ' {
		i++
	}
	if i >= len(json) {
		return nil, i
	}
	switch c := json[i]; c {
	case '"':
		end := stringEnd(json, i)
		return &value{raw: json[i:end]}, end
	case '[', '{':
		return parseContainer(json, i)
	default:
		end := i + 1
		for end < len(json) && json[end] > ' ' && !strings.ContainsRune(",:]}", rune(json[end])) {
			end++
		}
		return &value{raw: json[i:end]}, end
	}
}

func parseContainer(json []byte, i int) (*value, int) {
	v := &value{open: json[i]}
	closing := byte(']')
	if v.open == '{' {
		closing = '}'
	}
	for i++; i < len(json); {
		switch c := json[i]; {
		case c == closing:
			return v, i + 1
		case c <= ' ' || c == ',' || c == ':':
			i++
		default:
			var key []byte
			if v.open == '{' {
				if c != '"' { // not a key: skip it
					i++
					continue
				}
				end := stringEnd(json, i)
				key, i = json[i:end], end
				for i < len(json) && (json[i] <= ' ' || json[i] == ':') {
					i++
				}
			}
			item, end := parse(json, i)
			if item == nil {
				return v, end
			}
			item.key, i = key, end
			v.items = append(v.items, item)
		}
	}
	return v, i
}

// stringEnd returns the index after the string that starts at json[i] (a quote).
func stringEnd(json []byte, i int) int {
	for i++; i < len(json); i++ {
		switch json[i] {
		case '\\':
			i++
		case '"':
			return i + 1
		}
	}
	return len(json)
}

func (v *value) sortKeys() {
	if v.open == '{' {
		// slices, not sort: sort.SliceStable links reflection, a few KB of the module.
		slices.SortStableFunc(v.items, func(a, b *value) int {
			return strings.Compare(unquote(a.key), unquote(b.key))
		})
	}
	for _, it := range v.items {
		it.sortKeys()
	}
}

// appendPretty appends v at indentation depth, on one line if it fits the width left on
// the current line, as tidwall/pretty decides it.
func (v *value) appendPretty(buf []byte, opts *Options, depth int) []byte {
	if v.open == 0 {
		return append(buf, v.raw...)
	}
	if opts.Width > 0 {
		lineStart := strings.LastIndexByte(string(buf), '\n')
		if lineStart < 0 {
			lineStart = 0
		}
		if room := opts.Width - (len(buf) - lineStart); room > 3 {
			if line := v.appendLine(nil); len(line) <= room {
				return append(buf, line...)
			}
		}
	}
	if len(v.items) == 0 {
		return append(buf, v.open, v.open+2) // "[]" or "{}": ']' and '}' are 2 past
	}
	buf = append(buf, v.open, '\n')
	for n, it := range v.items {
		if n > 0 {
			buf = append(buf, ",\n"...)
		}
		buf = appendIndent(buf, opts, depth+1)
		if it.key != nil {
			buf = append(append(buf, it.key...), ": "...)
		}
		buf = it.appendPretty(buf, opts, depth+1)
	}
	buf = append(buf, '\n')
	buf = appendIndent(buf, opts, depth)
	return append(buf, v.open+2)
}

// appendLine appends v on one line: [1, 2] and { "a": 1 }.
func (v *value) appendLine(buf []byte) []byte {
	if v.open == 0 {
		return append(buf, v.raw...)
	}
	buf = append(buf, v.open)
	for n, it := range v.items {
		if n > 0 {
			buf = append(buf, ',')
		}
		if n > 0 || v.open == '{' {
			buf = append(buf, ' ')
		}
		if it.key != nil {
			buf = append(append(buf, it.key...), ": "...)
		}
		buf = it.appendLine(buf)
	}
	if v.open == '{' {
		buf = append(buf, ' ')
	}
	return append(buf, v.open+2)
}

func appendIndent(buf []byte, opts *Options, depth int) []byte {
	buf = append(buf, opts.Prefix...)
	for ; depth > 0; depth-- {
		buf = append(buf, opts.Indent...)
	}
	return buf
}
