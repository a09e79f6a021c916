package clerkmini_test

import (
	"context"
	"errors"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/clerkmini/clerkmini/clerkmini"
)

// TestEmptyErrorsListStaysClerkErrors: {"errors":[]} is Clerk's error format with no
// entries, as @clerk/backend reads it: the status, Retry-After and trace id survive.
func TestEmptyErrorsListStaysClerkErrors(t *testing.T) {
	for _, tc := range []struct {
		status int
		header []string
		want   string
	}{
		{429, []string{"Retry-After", "7", "Clerk-Trace-Id", "t429"}, "clerk: 429 Too Many Requests: no error details (trace t429) (retry after 7s)"},
		{503, []string{"Retry-After", "2"}, "clerk: 503 Service Unavailable: no error details (retry after 2s)"},
		{404, nil, "clerk: 404 Not Found: no error details"},
		{599, nil, "clerk: 599: no error details"},
	} {
		_, err := once(t, answer(tc.status, `{"errors":[]}`, tc.header...)).SignInTokens.Create(context.Background(), clerkmini.CreateSignInTokenParams{UserID: "user_1"})
		var ce *clerkmini.ClerkErrors
		if !errors.As(err, &ce) {
			t.Errorf("%d: want *ClerkErrors, got %T %v", tc.status, err, err)
			continue
		}
		if ce.StatusCode != tc.status || len(ce.Errors) != 0 || err.Error() != tc.want {
			t.Errorf("%d: got %+v\nError() = %q\nwant      %q", tc.status, ce, err, tc.want)
		}
	}
	// The retry loop sees the 429 as one: it waits Retry-After and tries again.
	rec := &recorder{answers: []func() (*clerkmini.Response, error){
		answer(429, `{"errors":[]}`, "Retry-After", "3"), answer(200, tokenJSON),
	}}
	c := newClient(t, rec)
	var waited []time.Duration
	clerkmini.SetSleep(c, func(_ context.Context, d time.Duration) error { waited = append(waited, d); return nil })
	if _, err := c.SignInTokens.Create(context.Background(), clerkmini.CreateSignInTokenParams{UserID: "user_1"}); err != nil || len(waited) != 1 || waited[0] != 3*time.Second {
		t.Errorf("after a 429 with no entries: %v, waited %v", err, waited)
	}
}

// TestTraceIDFallsBackToCfRay: the body's clerk_trace_id first, then Clerk-Trace-Id,
// then the cf-ray header that Clerk's edge sends, as @clerk/backend reads it.
func TestTraceIDFallsBackToCfRay(t *testing.T) {
	const clerkBody = `{"errors":[{"code":"resource_not_found","message":"not found"}]`
	for name, tc := range map[string]struct {
		status int
		body   string
		header []string
		want   string
	}{
		"body first":            {404, clerkBody + `,"clerk_trace_id":"body1"}`, []string{"Clerk-Trace-Id", "hdr1", "Cf-Ray", "ray1"}, "body1"},
		"then Clerk-Trace-Id":   {404, clerkBody + `}`, []string{"Clerk-Trace-Id", "hdr1", "Cf-Ray", "ray1"}, "hdr1"},
		"then cf-ray":           {404, clerkBody + `}`, []string{"cf-ray", "8f1e2d3c4b5a6978-AMS"}, "8f1e2d3c4b5a6978-AMS"},
		"cf-ray on a proxy's":   {502, `<html>bad gateway</html>`, []string{"CF-RAY", "8f1e2d3c4b5a6978-FRA"}, "8f1e2d3c4b5a6978-FRA"},
		"cf-ray, no entries":    {429, `{"errors":[]}`, []string{"Cf-Ray", "ray2"}, "ray2"},
		"none":                  {404, clerkBody + `}`, nil, ""},
		"empty body trace id":   {404, clerkBody + `,"clerk_trace_id":""}`, []string{"Cf-Ray", "ray3"}, "ray3"},
		"SDKError header first": {502, `<html/>`, []string{"Clerk-Trace-Id", "hdr2", "Cf-Ray", "ray4"}, "hdr2"},
	} {
		_, err := once(t, answer(tc.status, tc.body, tc.header...)).SignInTokens.Create(context.Background(), clerkmini.CreateSignInTokenParams{UserID: "user_1"})
		var (
			ce  *clerkmini.ClerkErrors
			se  *clerkmini.SDKError
			got string
		)
		switch {
		case errors.As(err, &ce):
			got = ce.TraceID
		case errors.As(err, &se):
			got = se.TraceID
		default:
			t.Fatalf("%s: got %v", name, err)
		}
		if got != tc.want || (tc.want != "" && !strings.Contains(err.Error(), "(trace "+tc.want+")")) {
			t.Errorf("%s: trace id %q in %q, want %q", name, got, err, tc.want)
		}
	}
}

// TestManyErrorEntriesAreBounded: the 40,000 entries a 1 MiB answer can hold are counted,
// not all kept, and Error() stays a short line that says how many it leaves out.
func TestManyErrorEntriesAreBounded(t *testing.T) {
	entry := `{"code":"c","message":"m"}`
	n := 0
	var body strings.Builder
	body.WriteString(`{"errors":[`)
	for body.Len()+len(entry)+10 < clerkmini.MaxResponseBytes {
		if n > 0 {
			body.WriteString(",")
		}
		body.WriteString(entry)
		n++
	}
	body.WriteString(`]}`)
	rec := answering(answer(400, body.String()))
	_, err := newClient(t, rec).SignInTokens.Create(context.Background(), clerkmini.CreateSignInTokenParams{UserID: "user_1"})
	var ce *clerkmini.ClerkErrors
	if !errors.As(err, &ce) {
		t.Fatalf("got %v", err)
	}
	if len(ce.Errors) != clerkmini.MaxErrorEntries || ce.Omitted != n-clerkmini.MaxErrorEntries {
		t.Errorf("kept %d entries and omitted %d of %d", len(ce.Errors), ce.Omitted, n)
	}
	msg := err.Error()
	if len(msg) > 2000 || !strings.HasSuffix(msg, "; and "+strconv.Itoa(n-3)+" more") {
		t.Errorf("Error() is %d bytes: %.300q…%q", len(msg), msg, msg[max(0, len(msg)-100):])
	}
}

// TestLongTextIsCutAtACharacter: a text cut to its bound in Error() loses the character the
// bound falls inside rather than showing half of it as U+FFFD; invalid bytes Clerk sent
// still read as U+FFFD.
func TestLongTextIsCutAtACharacter(t *testing.T) {
	long := strings.Repeat("a", 299) + "é" // é's 2nd byte is the 301st: the bound is 300
	e := &clerkmini.ClerkErrors{StatusCode: 400, Errors: []clerkmini.ClerkError{{Code: "c\xff", LongMessage: long}}}
	if msg, want := e.Error(), "clerk: 400 c\uFFFD: "+strings.Repeat("a", 299)+"…"; msg != want {
		t.Errorf("Error() = %q, want %q", msg, want)
	}
}
