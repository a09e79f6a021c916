package clerktest

import (
	"crypto/rand"
	"maps"
	"slices"
	"sync"
	"time"

	"github.com/clerkmini/clerkmini/clerkmini"
)

// DefaultUsers are the users a sandbox knows unless WithUsers says otherwise.
var DefaultUsers = []string{"user_alice", "user_bob", "user_carol"}

// Sandbox emulates Clerk's sign-in-token endpoints. Its methods are safe for concurrent use.
type Sandbox struct {
	mu          sync.Mutex
	key         string
	users       map[string]bool
	orgs        map[string]map[string]bool // organization id → member user ids; nil: organizations disabled
	tokens      *store
	faults      []*Fault
	requests    int
	now         func() time.Time
	accountsURL string
	instanceID  string
	signingKey  []byte
}

// Option configures a Sandbox.
type Option func(*Sandbox)

// WithSecretKey sets the one secret key the sandbox accepts, in place of the random one
// each sandbox makes for itself.
func WithSecretKey(key string) Option { return func(s *Sandbox) { s.key = key } }

// WithUsers replaces the known users.
func WithUsers(userIDs ...string) Option {
	return func(s *Sandbox) {
		s.users = map[string]bool{}
		for _, id := range userIDs {
			s.users[id] = true
		}
	}
}

// WithOrganization enables organizations and adds one with its members (who become
// users too). Without it, a create with org_id answers 403
// organization_not_enabled_in_instance, as an instance without organizations does.
func WithOrganization(orgID string, memberIDs ...string) Option {
	return func(s *Sandbox) {
		if s.orgs == nil {
			s.orgs = map[string]map[string]bool{}
		}
		m := map[string]bool{}
		for _, id := range memberIDs {
			m[id] = true
		}
		s.orgs[orgID] = m
	}
}

// WithClock sets the sandbox's clock (for timestamps and expiry).
func WithClock(now func() time.Time) Option { return func(s *Sandbox) { s.now = now } }

// WithAccountsURL sets the Account Portal origin that tokens' url fields point to.
func WithAccountsURL(origin string) Option { return func(s *Sandbox) { s.accountsURL = origin } }

// New returns a sandbox that knows DefaultUsers, with organizations disabled, unless
// options say otherwise. It accepts a secret key of its own, random (sk_test_ and 40
// base62 characters), so that no well-known key opens a sandbox someone serves over HTTP;
// read it with SecretKey, or pass WithSecretKey.
func New(opts ...Option) *Sandbox {
	s := &Sandbox{
		key:         "sk_test_" + randomBase62(40),
		tokens:      newStore(),
		now:         time.Now,
		accountsURL: "https://accounts.sandbox.clerkmini.invalid",
		instanceID:  "ins_" + randomBase62(27),
		signingKey:  make([]byte, 32),
	}
	WithUsers(DefaultUsers...)(s)
	_, _ = rand.Read(s.signingKey)
	for _, opt := range opts {
		opt(s)
	}
	for _, members := range s.orgs { // members are users, whatever the order of the options
		for id := range members {
			s.users[id] = true
		}
	}
	return s
}

// SecretKey returns the secret key the sandbox accepts.
func (s *Sandbox) SecretKey() string { return s.key }

// Users returns the known user ids, sorted.
func (s *Sandbox) Users() []string {
	s.mu.Lock()
	defer s.mu.Unlock()
	return slices.Sorted(maps.Keys(s.users))
}

// Organizations returns each organization's sorted member ids.
func (s *Sandbox) Organizations() map[string][]string {
	s.mu.Lock()
	defer s.mu.Unlock()
	out := map[string][]string{}
	for org, members := range s.orgs {
		out[org] = slices.Sorted(maps.Keys(members))
	}
	return out
}

// AddUser makes a user known.
func (s *Sandbox) AddUser(userID string) {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.users[userID] = true
}

// Client returns a clerkmini.Client wired to the sandbox in memory.
func (s *Sandbox) Client(opts ...clerkmini.Option) (*clerkmini.Client, error) {
	return clerkmini.New(s.key, append([]clerkmini.Option{clerkmini.WithTransport(s)}, opts...)...)
}

// Token returns a token's current state, as a revoke would answer it (without the
// credential, token and url, which only the create answer carries), with status
// "expired" for a pending token past its expiry. It reports false for a token the
// sandbox never minted or has forgotten (see MaxFinishedTokens).
func (s *Sandbox) Token(id string) (clerkmini.SignInToken, bool) {
	s.mu.Lock()
	defer s.mu.Unlock()
	t, ok := s.lookup(id)
	if !ok {
		return clerkmini.SignInToken{}, false
	}
	return t.SignInToken, true
}

// Tokens returns how many of the tokens the sandbox holds now have the given status
// ("pending", "accepted", "revoked", "expired"), or how many it holds for "": every token
// it minted, until the bounds of MaxLiveTokens and MaxFinishedTokens make it forget some.
func (s *Sandbox) Tokens(status string) int {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.tokens.expire(s.now().UnixMilli())
	if status == "" {
		return len(s.tokens.byID)
	}
	n := 0
	for _, t := range s.tokens.byID {
		if t.Status == status {
			n++
		}
	}
	return n
}

// Accept marks a pending token as used, as when its user signs in with it; it reports
// whether the token existed and was pending (not expired).
func (s *Sandbox) Accept(id string) bool {
	s.mu.Lock()
	defer s.mu.Unlock()
	t, ok := s.lookup(id)
	if !ok || t.Status != "pending" {
		return false
	}
	s.tokens.finish(t, "accepted", s.now().UnixMilli())
	return true
}

// lookup returns a held token after expiring what is due; s.mu is held.
func (s *Sandbox) lookup(id string) (*token, bool) {
	s.tokens.expire(s.now().UnixMilli())
	t, ok := s.tokens.byID[id]
	return t, ok
}

// Requests returns how many requests reached the sandbox, faults included.
func (s *Sandbox) Requests() int {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.requests
}
