package clerktest

import (
	"crypto/subtle"
	"net/url"
	"strconv"
	"strings"

	"github.com/clerkmini/clerkmini/clerkmini"
	"github.com/tidwall/gjson"
)

// answer is one reply of the sandbox.
type answer struct {
	status int
	header clerkmini.Header
	body   []byte
	drop   bool // close the connection instead of answering
}

// knownAPIVersions are the Clerk-API-Version values the sandbox accepts.
var knownAPIVersions = map[string]bool{"2021-02-05": true, "2024-10-01": true, "2025-04-10": true, "2025-11-10": true, clerkmini.APIVersion: true}

// route names the operation a path is for: "create", "revoke" (with the unescaped id) or
// "" for a path the API does not have. Only what follows "/v1/" counts, so a client with
// a path prefix reaches the sandbox too.
func route(method, escapedPath string) (op, id string) {
	i := strings.Index(escapedPath, "/v1/")
	if method != "POST" || i < 0 {
		return "", ""
	}
	parts := strings.Split(escapedPath[i+len("/v1/"):], "/")
	switch {
	case len(parts) == 1 && parts[0] == "sign_in_tokens":
		return "create", ""
	case len(parts) == 3 && parts[0] == "sign_in_tokens" && parts[2] == "revoke" && parts[1] != "":
		id, err := url.PathUnescape(parts[1])
		if err != nil {
			return "", ""
		}
		return "revoke", id
	}
	return "", ""
}

// serve answers one request as Clerk would, after any fault injected for it.
func (s *Sandbox) serve(method, escapedPath string, h clerkmini.Header, body []byte) (answer, *Fault) {
	op, id := route(method, escapedPath)
	s.mu.Lock()
	defer s.mu.Unlock()
	s.requests++
	f := s.takeFault(op)
	if f != nil && f.replaces() && !f.AfterProcessing {
		return f.answer(), f
	}
	a := s.apply(op, id, h, body)
	if f != nil && f.replaces() {
		return f.answer(), f
	}
	return a, f
}

func (s *Sandbox) apply(op, id string, h clerkmini.Header, body []byte) answer {
	if a, ok := s.authorize(h.Get("Authorization")); !ok {
		return a
	}
	if v := h.Get("Clerk-API-Version"); v != "" && !knownAPIVersions[v] {
		return clerkError(400, "api_version_invalid", "invalid API version", "Invalid Clerk API version: "+strconv.Quote(v)+" is not a known version", "")
	}
	switch op {
	case "create":
		return s.create(h, body)
	case "revoke":
		return s.revoke(id)
	}
	return clerkError(404, "resource_not_found", "URL not found", "The URL was not found", "")
}

func (s *Sandbox) authorize(auth string) (answer, bool) {
	key, ok := strings.CutPrefix(auth, "Bearer ")
	if !ok || key == "" {
		return clerkError(401, "authorization_header_format_invalid", "Invalid Authorization header format", "Invalid Authorization header format. Must be 'Bearer <YOUR_API_KEY>'", ""), false
	}
	if subtle.ConstantTimeCompare([]byte(key), []byte(s.key)) != 1 {
		return clerkError(401, "clerk_key_invalid", "The provided Clerk Secret Key is invalid. Make sure that your Clerk Secret Key is correct.", "The provided Clerk Secret Key is invalid. Make sure that your Clerk Secret Key is correct.", ""), false
	}
	return answer{}, true
}

func (s *Sandbox) create(h clerkmini.Header, body []byte) answer {
	if ct := h.Get("Content-Type"); !strings.HasPrefix(strings.ToLower(ct), "application/json") {
		return clerkError(415, "unsupported_content_type", "Content-Type is unsupported", "Content-Type "+strconv.Quote(ct)+" is unsupported. You should use application/json instead.", "")
	}
	if !gjson.ValidBytes(body) || !gjson.ParseBytes(body).IsObject() {
		return clerkError(400, "request_body_invalid", "Request body invalid", "The request body is invalid. Please consult the API documentation for more information.", "")
	}
	var params struct {
		userID, orgID string
		expires       int64
	}
	params.expires = clerkmini.DefaultExpiresInSeconds
	var bad *answer
	gjson.ParseBytes(body).ForEach(func(k, v gjson.Result) bool {
		name := k.String()
		switch name {
		case "user_id", "org_id":
			if v.Type != gjson.String && v.Type != gjson.Null {
				bad = typeInvalid(name, "string")
				return false
			}
			if name == "user_id" {
				params.userID = v.Str
			} else {
				params.orgID = v.Str
			}
		case "expires_in_seconds":
			if v.Type == gjson.Null {
				return true
			}
			n, err := strconv.ParseInt(v.Raw, 10, 64)
			if v.Type != gjson.Number || err != nil {
				bad = typeInvalid(name, "integer")
				return false
			}
			if n < 1 {
				a := clerkError(422, "form_param_value_invalid", "is invalid", "expires_in_seconds must be at least 1", name)
				bad = &a
				return false
			}
			params.expires = n
		default:
			a := clerkError(422, "form_param_unknown", "is unknown", name+" is not a valid parameter for this request.", name)
			bad = &a
			return false
		}
		return true
	})
	switch {
	case bad != nil:
		return *bad
	case params.userID == "":
		return clerkError(422, "form_param_missing", "is missing", "user_id must be included.", "user_id")
	case !s.users[params.userID]:
		return clerkError(404, "resource_not_found", "not found", "No user was found with id "+params.userID, "")
	}
	if params.orgID != "" {
		members, found := s.orgs[params.orgID]
		switch {
		case s.orgs == nil:
			return clerkError(403, "organization_not_enabled_in_instance", "access denied", "The organizations feature is not enabled for this instance. You can enable it at https://dashboard.clerk.com.", "")
		case !found:
			return clerkError(404, "resource_not_found", "not found", "Given organization not found.", "")
		case !members[params.userID]:
			return clerkError(403, "not_a_member_in_organization", "not a member", "Current user is not a member of the organization. Only organization members can perform this action.", "")
		}
	}
	now := s.now().UnixMilli()
	s.tokens.expire(now)
	if full, waitMS := s.tokens.full(now); full {
		a := clerkError(429, "too_many_requests", "Too many requests",
			"The sandbox holds "+strconv.Itoa(MaxLiveTokens)+" pending sign-in tokens, its limit: revoke some, or wait for one to expire.", "")
		a.header["Retry-After"] = strconv.FormatInt((waitMS+999)/1000, 10)
		return a
	}
	t := &token{ExpiresAt: now + params.expires*1000}
	t.Object, t.ID, t.Status, t.UserID = "sign_in_token", "sit_"+randomBase62(27), "pending", params.userID
	t.CreatedAt, t.UpdatedAt = now, now
	minted := t.SignInToken
	minted.Token = s.jwt(t.ID, t.ExpiresAt/1000)
	minted.URL = s.accountsURL + "/sign-in?__clerk_ticket=" + url.QueryEscape(minted.Token)
	s.tokens.add(t) // without the credential: it is handed out once, and held it would only cost memory
	return tokenAnswer(minted, true)
}

// revoke revokes a pending token. A token past its expiry is refused as a finished one
// is, "because its status is expired", until the sandbox forgets it and answers 404.
// Which of the two Clerk answers for an expired token is UNVERIFIED; clients must read
// both as "nothing left to revoke".
func (s *Sandbox) revoke(id string) answer {
	t, ok := s.lookup(id)
	if !ok {
		return clerkError(404, "resource_not_found", "not found", "Resource not found", "")
	}
	if t.Status != "pending" {
		return clerkError(400, "sign_in_token_cannot_be_revoked_code", "cannot revoke", "Sign in token cannot be revoked because its status is "+t.Status+". Only pending tokens can be revoked.", "")
	}
	s.tokens.finish(t, "revoked", s.now().UnixMilli())
	return tokenAnswer(t.SignInToken, false)
}

// tokenAnswer renders a token as Clerk does. The credential (token, url) is handed out
// once, on create; a revoke answers without it (url null), which the spec allows and
// clients must read.
func tokenAnswer(t clerkmini.SignInToken, withCredential bool) answer {
	if !withCredential {
		t.Token, t.URL = "", ""
	}
	return jsonAnswer(200, t.AppendJSON(nil))
}

func typeInvalid(name, typ string) *answer {
	a := clerkError(422, "form_param_type_invalid", "is invalid", "`"+name+"` must be a `"+typ+"`.", name)
	return &a
}

// clerkError renders Clerk's error JSON, with a fresh trace id in the body and header.
// param, when set, is the request parameter the error is about (meta.param_name).
func clerkError(status int, code, msg, long, param string) answer {
	trace := randomHex(16)
	b := make([]byte, 0, 256)
	b = append(b, `{"errors":[{"message":`...)
	b = clerkmini.AppendJSONString(b, msg)
	b = append(b, `,"long_message":`...)
	b = clerkmini.AppendJSONString(b, long)
	b = append(b, `,"code":`...)
	b = clerkmini.AppendJSONString(b, code)
	if param != "" {
		b = append(b, `,"meta":{"param_name":`...)
		b = clerkmini.AppendJSONString(b, param)
		b = append(b, '}')
	}
	b = append(b, `}],"meta":{},"clerk_trace_id":`...)
	b = clerkmini.AppendJSONString(b, trace)
	a := jsonAnswer(status, append(b, '}'))
	a.header["Clerk-Trace-Id"] = trace
	return a
}

func jsonAnswer(status int, body []byte) answer {
	return answer{status: status, header: clerkmini.Header{"Content-Type": "application/json"}, body: body}
}
