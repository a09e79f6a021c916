package clerktest

import (
	"encoding/json"
	"testing"
)

// FuzzClerkErrorJSON holds the sandbox's error JSON to what encoding/json writes for
// Clerk's ClerkErrors schema, byte for byte.
func FuzzClerkErrorJSON(f *testing.F) {
	f.Add("form_param_missing", "is missing", "user_id must be included.", "user_id")
	f.Add("resource_not_found", "not found", "No user was found with id <a&b>\u2028", "")
	f.Add("x\x00", "\xff", `"\`, "é")
	f.Fuzz(func(t *testing.T, code, msg, long, param string) {
		type wireError struct {
			Message     string            `json:"message"`
			LongMessage string            `json:"long_message"`
			Code        string            `json:"code"`
			Meta        map[string]string `json:"meta,omitempty"`
		}
		a := clerkError(422, code, msg, long, param)
		trace := a.header["Clerk-Trace-Id"]
		e := wireError{msg, long, code, nil}
		if param != "" {
			e.Meta = map[string]string{"param_name": param}
		}
		want, err := json.Marshal(struct {
			Errors  []wireError       `json:"errors"`
			Meta    map[string]string `json:"meta"`
			TraceID string            `json:"clerk_trace_id"`
		}{[]wireError{e}, map[string]string{}, trace})
		if err != nil {
			t.Fatal(err)
		}
		if string(a.body) != string(want) || a.status != 422 || a.header["Content-Type"] != "application/json" || len(trace) != 32 {
			t.Fatalf("clerkError wrote %d %v\n%s\nwant\n%s", a.status, a.header, a.body, want)
		}
	})
}
