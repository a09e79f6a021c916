package clerkmini

import (
	"context"
	"strconv"
	"strings"
	"time"
)

// Version is this package's version, sent in the User-Agent header.
const Version = "0.1.0"

// APIVersion is the Clerk Backend API version the client speaks, sent as Clerk-API-Version.
const APIVersion = "2026-05-12"

// Defaults for the options.
const (
	DefaultTimeout = 10 * time.Second // per attempt
	DefaultRetries = 2
	MaxRetries     = 10 // the most WithRetries accepts
)

// Client talks to Clerk's Backend API. It is safe for concurrent use; create one per
// secret key and reuse it.
type Client struct {
	// SignInTokens creates and revokes sign-in tokens.
	SignInTokens *SignInTokenService

	auth      string // "Bearer sk_…"; kept out of every error and String method
	base      string // ".../v1"
	transport Transport
	userAgent string
	timeout   time.Duration
	retries   int
	sleep     func(ctx context.Context, d time.Duration) error // nil: wait.For (so that builds that never call, such as cmd/wasm, link no timer)
	jitter    func(n int64) int64

	// scrub blanks the key out of whatever an answer echoes.
	scrub *Redactor

	// header is every request's, made once in New and shared by all of them: a driver must
	// not change a Step's Request (roundTrip hands a Transport a copy).
	header Header
}

// Option configures a Client in New.
type Option func(*Client) error

// WithAPIURL sets the API origin as Clerk's SDKs take it (CLERK_API_URL), such as
// "https://api.clerk.com"; the client adds "/v1", and a trailing "/v1" is accepted. A path
// prefix is kept (for a proxy). Plain http:// is refused except for loopback hosts.
func WithAPIURL(apiURL string) Option {
	return func(c *Client) error {
		base, err := apiBase(apiURL)
		c.base = base
		return err
	}
}

// WithTransport sets how requests are sent: an *HTTPTransport with a custom http.Client,
// the sandbox (package clerktest), a host's fetch, or a recording for tests.
func WithTransport(t Transport) Option {
	return func(c *Client) error {
		if t == nil {
			return &ValidationError{Field: "transport", Reason: "must not be nil"}
		}
		c.transport = t
		return nil
	}
}

// WithUserAgent names your application in the User-Agent header, before clerkmini's own
// product token: "myapp/1.2 clerkmini/0.1.0".
func WithUserAgent(product string) Option {
	return func(c *Client) error {
		for i := 0; i < len(product); i++ {
			if ch := product[i]; ch < 0x20 || ch == 0x7f || ch >= 0x80 {
				return &ValidationError{Field: "user_agent", Reason: "must be printable ASCII"}
			}
		}
		if product = strings.TrimSpace(product); product != "" {
			c.userAgent = product + " clerkmini/" + Version
		}
		return nil
	}
}

// WithTimeout bounds each attempt (default 10s). A deadline on the call's context bounds
// the whole call, retries and waits included.
func WithTimeout(d time.Duration) Option {
	return func(c *Client) error {
		if d <= 0 {
			return &ValidationError{Field: "timeout", Reason: "must be positive"}
		}
		c.timeout = d
		return nil
	}
}

// WithRetries sets how many times a call may be retried (default 2, at most 10; 0 turns
// retries off).
// Which failures are retried is fixed: see SignInTokenService.
func WithRetries(n int) Option {
	return func(c *Client) error {
		if n < 0 || n > MaxRetries {
			return &ValidationError{Field: "retries", Reason: "must be between 0 and " + strconv.Itoa(MaxRetries)}
		}
		c.retries = n
		return nil
	}
}

// WithJitter sets the source of the backoff's jitter: f(n) returns a uniformly random
// value in [0, n). The default is math/rand's. A host with no randomness of its own (a
// WebAssembly module that imports nothing) passes one seeded by its host, so that
// clients that failed together do not retry together.
func WithJitter(f func(n int64) int64) Option {
	return func(c *Client) error {
		if f == nil {
			return &ValidationError{Field: "jitter", Reason: "must not be nil"}
		}
		c.jitter = f
		return nil
	}
}

// New returns a client that authenticates with secretKey (sk_test_… or sk_live_…).
// It refuses a key that is empty or malformed without repeating it, and a native build
// sends through net/http unless WithTransport says otherwise.
func New(secretKey string, opts ...Option) (*Client, error) {
	if err := checkSecretKey(secretKey); err != nil {
		return nil, err
	}
	c := &Client{
		auth:      "Bearer " + secretKey,
		scrub:     NewRedactor(secretKey, RedactorOptions{}),
		base:      DefaultAPIURL + "/v1",
		userAgent: "clerkmini/" + Version,
		timeout:   DefaultTimeout,
		retries:   DefaultRetries,
		jitter:    jitter,
	}
	for _, opt := range opts {
		if err := opt(c); err != nil {
			return nil, err
		}
	}
	if c.transport == nil {
		c.transport = defaultTransport()
		if c.transport == nil {
			return nil, &ValidationError{Field: "transport", Reason: "this platform has no default transport; pass one with WithTransport"}
		}
	}
	c.header = Header{
		"Authorization":     c.auth,
		"Clerk-API-Version": APIVersion,
		"Content-Type":      "application/json",
		"Accept":            "application/json",
		"User-Agent":        c.userAgent,
	}
	c.SignInTokens = &SignInTokenService{c: c}
	return c, nil
}

// String describes the client without its key, so printing one is safe.
func (c *Client) String() string { return "clerkmini.Client{" + c.base + "}" }

// GoString is String, so that %#v does not print the key either.
func (c *Client) GoString() string { return c.String() }

// checkSecretKey names what is wrong with a key without ever echoing it.
func checkSecretKey(key string) error {
	bad := func(reason string) error { return &ValidationError{Field: "secret_key", Reason: reason} }
	switch {
	case key == "":
		return bad("is empty; set it from the Clerk Dashboard's API Keys page (CLERK_SECRET_KEY)")
	case strings.HasPrefix(key, "pk_"):
		return bad("is a publishable key (pk_…); the Backend API needs the secret key (sk_…)")
	case strings.TrimSpace(key) != key:
		return bad("has leading or trailing whitespace (a newline copied with it?)")
	case !strings.HasPrefix(key, "sk_"):
		return bad("does not start with \"sk_\"; secret keys look like sk_test_… or sk_live_…")
	case len(key) > 512:
		return bad("is too long to be a secret key")
	}
	for i := 0; i < len(key); i++ {
		if c := key[i]; c <= ' ' || c >= 0x7f {
			return bad("contains a space, control or non-ASCII character")
		}
	}
	return nil
}
