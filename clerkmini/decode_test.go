package clerkmini_test

import (
	"context"
	"errors"
	"strings"
	"testing"

	"github.com/clerkmini/clerkmini/clerkmini"
)

func TestDecodeSignInTokenLeniently(t *testing.T) {
	for name, tc := range map[string]struct {
		body string
		want clerkmini.SignInToken
	}{
		"full": {tokenJSON, clerkmini.SignInToken{Object: "sign_in_token", ID: "sit_1", Status: "pending", UserID: "user_1", Token: "eyJ.a.b", URL: "https://x/?__clerk_ticket=eyJ.a.b", CreatedAt: 1700000000000, UpdatedAt: 1700000000001}},
		"url null, no token, unknown fields": {
			`{"object":"sign_in_token","id":"sit_2","status":"revoked","user_id":"u","url":null,"created_at":1,"updated_at":2,"new_field":{"x":[1,2]},"expires_at":5}`,
			clerkmini.SignInToken{Object: "sign_in_token", ID: "sit_2", Status: "revoked", UserID: "u", CreatedAt: 1, UpdatedAt: 2},
		},
		"escaped strings": {
			`{"object":"sign_in_token","id":"sit_\u0033","status":"accepted","user_id":"u\"1","token":null,"created_at":1,"updated_at":2}`,
			clerkmini.SignInToken{Object: "sign_in_token", ID: "sit_3", Status: "accepted", UserID: `u"1`, CreatedAt: 1, UpdatedAt: 2},
		},
	} {
		rec := answering(answer(200, tc.body))
		got, err := newClient(t, rec).SignInTokens.Revoke(context.Background(), "sit_1")
		if err != nil || *got != tc.want {
			t.Errorf("%s: got %+v, %v\nwant %+v", name, got, err, tc.want)
		}
	}
}

func TestAnswersThatAreNotTokensAreSDKErrors(t *testing.T) {
	for name, tc := range map[string]struct {
		status int
		body   string
		reason string
	}{
		"truncated":           {200, tokenJSON[:60], "not valid JSON"},
		"array":               {200, `[1]`, "not a JSON object"},
		"another object":      {200, `{"object":"user","id":"user_1"}`, `object is "user"`},
		"missing id":          {200, strings.Replace(tokenJSON, `"id":"sit_1",`, "", 1), "required field id is missing"},
		"missing created_at":  {200, strings.Replace(tokenJSON, `"created_at":1700000000000,`, "", 1), "created_at is missing"},
		"string timestamp":    {200, strings.Replace(tokenJSON, `1700000000000`, `"1700000000000"`, 1), "created_at is a string, want an integer"},
		"float timestamp":     {200, strings.Replace(tokenJSON, `1700000000000`, `1.5`, 1), "want an integer"},
		"number id":           {200, strings.Replace(tokenJSON, `"sit_1"`, `7`, 1), "field id is a number"},
		"null status":         {200, strings.Replace(tokenJSON, `"pending"`, `null`, 1), "field status is null"},
		"object token":        {200, strings.Replace(tokenJSON, `"eyJ.a.b"`, `{}`, 1), "field token is an object"},
		"empty 200":           {200, ``, "body is empty"},
		"html 502":            {502, `<html><head><title>502 Bad Gateway</title></head></html>`, "unexpected answer"},
		"truncated error":     {500, `{"errors":[{"code":"x"`, "not valid JSON"},
		"json but not clerks": {503, `{"message":"upstream down"}`, "unexpected answer"},
		"empty 404":           {404, ``, "empty answer"},
		"errors not a list":   {400, `{"errors":"bad"}`, "unexpected answer"},
		"redirect":            {302, ``, "empty answer"},
		"oversized":           {200, `{"x":"` + strings.Repeat("a", clerkmini.MaxResponseBytes) + `"}`, "larger than 1 MiB"},
	} {
		_, err := once(t, answer(tc.status, tc.body)).SignInTokens.Create(context.Background(), clerkmini.CreateSignInTokenParams{UserID: "user_1"})
		var se *clerkmini.SDKError
		if !errors.As(err, &se) {
			t.Errorf("%s: want *SDKError, got %T %v", name, err, err)
			continue
		}
		if se.StatusCode != tc.status || !strings.Contains(se.Reason, tc.reason) {
			t.Errorf("%s: got status %d reason %q, want %d and %q", name, se.StatusCode, se.Reason, tc.status, tc.reason)
		}
		if tc.status < 300 && se.Body != "" {
			t.Errorf("%s: a 2xx body (maybe a credential) was kept: %q", name, se.Body)
		}
		if strings.Contains(err.Error(), "\n") || len(err.Error()) > 600 {
			t.Errorf("%s: error is not one bounded line: %q", name, err)
		}
	}
}

func TestClerkErrorsKeepEverything(t *testing.T) {
	body := `{"errors":[{"message":"is missing","long_message":"user_id must be included.","code":"form_param_missing","meta":{"param_name":"user_id"}},{"message":"m2","long_message":"","code":"c2"}],"meta":{},"clerk_trace_id":"2efb91"}`
	rec := answering(answer(422, body, "Clerk-Trace-Id", "header-trace"))
	_, err := newClient(t, rec).SignInTokens.Create(context.Background(), clerkmini.CreateSignInTokenParams{UserID: "user_1"})
	var ce *clerkmini.ClerkErrors
	if !errors.As(err, &ce) {
		t.Fatalf("want *ClerkErrors, got %v", err)
	}
	if ce.StatusCode != 422 || ce.TraceID != "2efb91" || len(ce.Errors) != 2 || !ce.HasCode("c2") || ce.HasCode("nope") {
		t.Fatalf("got %+v", ce)
	}
	e := ce.Errors[0]
	if e.Code != "form_param_missing" || e.Message != "is missing" || e.LongMessage != "user_id must be included." || string(e.Meta) != `{"param_name":"user_id"}` {
		t.Errorf("first error: %+v (meta %s)", e, e.Meta)
	}
	if want := "clerk: 422 form_param_missing: user_id must be included.; c2: m2 (trace 2efb91)"; err.Error() != want {
		t.Errorf("Error() = %q\nwant      %q", err, want)
	}

	// The trace id falls back to the header; Retry-After is read from seconds.
	rec = answering(answer(404, `{"errors":[{"code":"resource_not_found","message":"not found","long_message":"No user was found with id user_x"}]}`, "clerk-trace-id", "hdr1"))
	_, err = newClient(t, rec).SignInTokens.Create(context.Background(), clerkmini.CreateSignInTokenParams{UserID: "user_x"})
	if want := "clerk: 404 resource_not_found: No user was found with id user_x (trace hdr1)"; err == nil || err.Error() != want {
		t.Errorf("got %v, want %q", err, want)
	}
}

// TestClerkErrorsFirstMemberCounts: a name that appears twice is read where it first
// appears, as gjson's Get reads it, and an escaped name is the name it spells.
func TestClerkErrorsFirstMemberCounts(t *testing.T) {
	for body, want := range map[string]string{
		`{"errors":[{"code":"first"}],"errors":[{"code":"second"}],"clerk_trace_id":"t1","clerk_trace_id":"t2"}`: "clerk: 400 first (trace t1)",
		`{"err\u006frs":[{"code":"escaped"}],"clerk_trace_\u0069d":"t3"}`:                                        "clerk: 400 escaped (trace t3)",
		`{"clerk_trace_id":7,"clerk_trace_id":"t4","errors":[{"code":"c"}]}`:                                     "clerk: 400 c",
	} {
		rec := &recorder{answers: []func() (*clerkmini.Response, error){answer(400, body)}}
		_, err := newClient(t, rec).SignInTokens.Create(context.Background(), clerkmini.CreateSignInTokenParams{UserID: "user_1"})
		if err == nil || err.Error() != want {
			t.Errorf("%s: got %v, want %q", body, err, want)
		}
	}
	// An "errors" that is not first an array is not Clerk's error JSON, whatever follows.
	rec := &recorder{answers: []func() (*clerkmini.Response, error){answer(400, `{"errors":null,"errors":[{"code":"c"}]}`)}}
	_, err := newClient(t, rec).SignInTokens.Create(context.Background(), clerkmini.CreateSignInTokenParams{UserID: "user_1"})
	var se *clerkmini.SDKError
	if !errors.As(err, &se) {
		t.Errorf("got %v, want an *SDKError", err)
	}
}

func TestErrorTextsAreOneLineAndKeyFree(t *testing.T) {
	hostile := `<html>` + testKey + "\nline2\x00\u2028" + strings.Repeat("z", 5000) + `</html>`
	_, err := once(t, answer(502, hostile, "Content-Type", "text/html")).SignInTokens.Revoke(context.Background(), "sit_1")
	var se *clerkmini.SDKError
	if !errors.As(err, &se) {
		t.Fatalf("got %v", err)
	}
	msg := err.Error()
	if strings.Contains(msg, "4m3Kx9") || strings.ContainsAny(msg, "\n\x00\u2028") || len(se.Body) > 300 || !strings.Contains(msg, "[secret key]") {
		t.Errorf("Error() = %q", msg)
	}
	if !strings.HasPrefix(msg, "clerk: 502 Bad Gateway: unexpected answer (text/html): <html>[secret key]") {
		t.Errorf("Error() = %q", msg)
	}
}

// FuzzDecode feeds arbitrary answers to the client: it must never panic, must return a
// token or an error (never both, never neither), and every error must be one line that
// does not hold the key.
func FuzzDecode(f *testing.F) {
	f.Add(200, tokenJSON)
	f.Add(200, `{"object":"sign_in_token","id":"sit_1","status":"pending","user_id":"u","url":null,"created_at":1,"updated_at":2}`)
	f.Add(404, `{"errors":[{"code":"resource_not_found","message":"not found","long_message":"x","meta":{"a":[1]}}],"clerk_trace_id":"t"}`)
	f.Add(422, `{"errors":[]}`)
	f.Add(502, "<html>"+testKey+"</html>")
	f.Add(200, `{"created_at":1e3}`)
	f.Add(429, `{"errors":[{"code":"too_many_requests"}]}`)
	f.Fuzz(func(t *testing.T, status int, body string) {
		if status < 100 || status > 599 {
			return
		}
		tok, err := once(t, answer(status, body)).SignInTokens.Revoke(context.Background(), "sit_1")
		if (tok == nil) == (err == nil) {
			t.Fatalf("token %v and error %v", tok, err)
		}
		if err != nil {
			msg := err.Error()
			if strings.ContainsAny(msg, "\n\r") || strings.Contains(msg, testKey) {
				t.Fatalf("error text %q", msg)
			}
			if status >= 200 && status < 300 {
				var se *clerkmini.SDKError
				if !errors.As(err, &se) || se.Body != "" {
					t.Fatalf("2xx that is not a token: %v", err)
				}
			}
		}
	})
}

// TestDeeplyNestedAnswerIsRefusedCheaply: gjson reads JSON recursively, so 1 MiB of "["
// would take over 100 MB of stack; the client refuses such nesting before reading it.
func TestDeeplyNestedAnswerIsRefusedCheaply(t *testing.T) {
	for _, status := range []int{200, 400} {
		body := `{"errors":[{"code":"c","meta":{"a":` + strings.Repeat("[", clerkmini.MaxResponseBytes-40) + `}}]}`
		c := once(t, answer(status, body))
		before := stackInUse()
		_, err := c.SignInTokens.Create(context.Background(), clerkmini.CreateSignInTokenParams{UserID: "user_1"})
		after := stackInUse()
		var se *clerkmini.SDKError
		if !errors.As(err, &se) || se.StatusCode != status || !strings.Contains(se.Reason, "nests deeper than 64 levels") {
			t.Errorf("%d: got %v", status, err)
		}
		if grown := after - before; grown > 1<<20 {
			t.Errorf("%d: reading it grew the stacks by %d bytes", status, grown)
		}
	}
	ok := `{"errors":[{"code":"c","meta":{"a":` + strings.Repeat("[", 60) + strings.Repeat("]", 60) + `,"s":"[[[[` + strings.Repeat(`\"[`, 100) + `"}}]}`
	rec := answering(answer(400, ok))
	_, err := newClient(t, rec).SignInTokens.Create(context.Background(), clerkmini.CreateSignInTokenParams{UserID: "user_1"})
	var ce *clerkmini.ClerkErrors
	if !errors.As(err, &ce) || !ce.HasCode("c") {
		t.Errorf("nesting within the bound, brackets in strings: got %v", err)
	}
}
