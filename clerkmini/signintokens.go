package clerkmini

import (
	"context"
	"strconv"
)

// SignInToken is a sign-in token as Clerk returns it. Token and URL are bearer
// credentials: whoever holds either can sign in as the user until it is used, revoked or
// expires. Hand them only to the person they are for, and never log them.
type SignInToken struct {
	Object    string // "sign_in_token"
	ID        string // "sit_…"
	Status    string // "pending", "accepted" or "revoked"
	UserID    string
	Token     string // a one-use JWT for the "ticket" sign-in strategy; "" when absent
	URL       string // an Account Portal link carrying the token; "" when Clerk sent null
	CreatedAt int64  // Unix milliseconds
	UpdatedAt int64  // Unix milliseconds
}

// AppendJSON appends t to b as Clerk's API writes a sign-in token: Clerk's field names in
// the order of its examples, token left out and url null when empty (as Clerk answers a
// revoke, which carries no credential). It is the one writer of that shape: the sandbox
// answers with it, the WebAssembly module hands it to its host, and the client reads it
// back. The text holds the credential when t does: never log it.
func (t *SignInToken) AppendJSON(b []byte) []byte {
	b = append(b, `{"object":`...)
	b = appendJSONString(b, t.Object)
	b = append(b, `,"id":`...)
	b = appendJSONString(b, t.ID)
	b = append(b, `,"status":`...)
	b = appendJSONString(b, t.Status)
	b = append(b, `,"user_id":`...)
	b = appendJSONString(b, t.UserID)
	if t.Token != "" {
		b = append(b, `,"token":`...)
		b = appendJSONString(b, t.Token)
	}
	b = append(b, `,"url":`...)
	if t.URL == "" {
		b = append(b, "null"...)
	} else {
		b = appendJSONString(b, t.URL)
	}
	b = append(b, `,"created_at":`...)
	b = strconv.AppendInt(b, t.CreatedAt, 10)
	b = append(b, `,"updated_at":`...)
	b = strconv.AppendInt(b, t.UpdatedAt, 10)
	return append(b, '}')
}

// DefaultExpiresInSeconds is the lifetime Clerk gives a sign-in token when the request
// names none (CreateSignInTokenParams.ExpiresInSeconds 0): 30 days.
const DefaultExpiresInSeconds = 30 * 24 * 60 * 60

// CreateSignInTokenParams are the arguments of SignInTokenService.Create.
type CreateSignInTokenParams struct {
	UserID string // required: the user the token signs in
	// OrgID, when set, is the organization to activate on sign-in; the user must be a member.
	OrgID string
	// ExpiresInSeconds is the token's lifetime; 0 means Clerk's default,
	// DefaultExpiresInSeconds.
	ExpiresInSeconds int64
}

// SignInTokenService creates and revokes sign-in tokens. Get it as Client.SignInTokens.
//
// Retries: a 429 is retried after its Retry-After for both calls, when the wait fits the
// context's deadline. A Revoke is also retried after a 5xx, a timeout or a lost
// connection, with jittered backoff. A Create is retried only when its request certainly
// never left (a refused connection): Clerk has no idempotency key, and a retry that
// reached Clerk would mint a second credential behind the caller's back.
type SignInTokenService struct{ c *Client }

const (
	opCreate = "create"
	opRevoke = "revoke"
)

// Create mints a sign-in token for params.UserID.
func (s *SignInTokenService) Create(ctx context.Context, params CreateSignInTokenParams) (*SignInToken, error) {
	x, err := s.NewCreate(params)
	if err != nil {
		return nil, err
	}
	return s.c.call(ctx, x)
}

// Revoke revokes a pending sign-in token so it can no longer be used. Clerk answers 400
// (sign_in_token_cannot_be_revoked_code) for a token that was already used or revoked.
func (s *SignInTokenService) Revoke(ctx context.Context, signInTokenID string) (*SignInToken, error) {
	x, err := s.NewRevoke(signInTokenID)
	if err != nil {
		return nil, err
	}
	return s.c.call(ctx, x)
}

// NewCreate returns the Exchange of a Create, for a driver of its own (see Exchange), or a
// *ValidationError for a bad argument.
func (s *SignInTokenService) NewCreate(params CreateSignInTokenParams) (*Exchange, error) {
	if err := checkID("user_id", params.UserID); err != nil {
		return nil, err
	}
	if params.OrgID != "" {
		if err := checkID("org_id", params.OrgID); err != nil {
			return nil, err
		}
	}
	if params.ExpiresInSeconds < 0 {
		return nil, &ValidationError{Field: "expires_in_seconds", Reason: "must be at least 1 second, or 0 for Clerk's default of 30 days"}
	}
	body := make([]byte, 0, 64+len(params.UserID)+len(params.OrgID))
	body = append(body, `{"user_id":`...)
	body = appendJSONString(body, params.UserID)
	if params.OrgID != "" {
		body = append(body, `,"org_id":`...)
		body = appendJSONString(body, params.OrgID)
	}
	if params.ExpiresInSeconds > 0 {
		body = append(body, `,"expires_in_seconds":`...)
		body = strconv.AppendInt(body, params.ExpiresInSeconds, 10)
	}
	body = append(body, '}')
	return s.c.newExchange(opCreate, s.c.base+"/sign_in_tokens", body), nil
}

// NewRevoke returns the Exchange of a Revoke, for a driver of its own (see Exchange), or a
// *ValidationError for a bad id.
func (s *SignInTokenService) NewRevoke(signInTokenID string) (*Exchange, error) {
	if err := checkID("sign_in_token_id", signInTokenID); err != nil {
		return nil, err
	}
	url := make([]byte, 0, len(s.c.base)+len("/sign_in_tokens//revoke")+len(signInTokenID)*3)
	url = append(url, s.c.base...)
	url = append(url, "/sign_in_tokens/"...)
	url = appendPathSegment(url, signInTokenID)
	url = append(url, "/revoke"...)
	return s.c.newExchange(opRevoke, string(url), nil), nil
}
