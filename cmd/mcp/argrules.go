package main

import (
	"encoding/json"
	"fmt"
	"strconv"
	"strings"

	"github.com/clerkmini/clerkmini/clerkmini"
	"github.com/mark3labs/mcp-go/mcp"
)

// The tools' argument names, as their inputSchemas and messages spell them.
const (
	argUserID        = "user_id"
	argOrgID         = "org_id"
	argExpires       = "expires_in_seconds"
	argSignInTokenID = "sign_in_token_id"
)

// argRule is one argument of a tool, stated once: the tool's inputSchema and the check of
// a call's arguments both derive from it.
type argRule struct {
	name     string
	required bool
	// id, when set, makes the argument a Clerk id of that kind; without it, the argument is
	// the token's lifetime in seconds, which the operator's policy bounds and describes.
	id          *idKind
	description string // an id's; a lifetime's is written from the policy
}

// idKind is a kind of Clerk id: its noun for the messages, and the prefix every id of it
// starts with. The prefix catches a model's common slips (an email or a name where an id
// belongs) and keeps a credential pasted in the wrong place (a key, a token) from ever
// being sent or logged.
type idKind struct{ noun, prefix string }

// argTable is a tool's arguments, in the order its messages list them and its checks run.
type argTable []argRule

var (
	createArgs = argTable{
		{name: argUserID, required: true, id: &idKind{"user", "user_"}, description: "The id of the Clerk user to sign in, such as user_2x…"},
		{name: argExpires},
		{name: argOrgID, id: &idKind{"organization", "org_"}, description: "Optional: the id of an organization (org_…) the user is a member of, made active on sign-in."},
	}
	revokeArgs = argTable{
		{name: argSignInTokenID, required: true, id: &idKind{"sign-in token", "sit_"}, description: "The id of the sign-in token to revoke (sit_…), as create_sign_in_token returned it."},
	}
)

// minSeconds is the shortest lifetime: the schema's minimum and the check's.
const minSeconds = 1

// secondsRule is the rule a number of seconds breaks, for a tool's argument or a flag.
var secondsRule = "must be a whole number of seconds, at least " + strconv.Itoa(minSeconds)

// inputSchema states the table's rules as JSON Schema. An id's pattern is its prefix and
// at least one character: every id the core accepts matches it (the core refuses line
// breaks, which "." does not match), and the prefixes need no escaping.
func (tab argTable) inputSchema(p policy) json.RawMessage {
	props := map[string]any{}
	required := []string{}
	for _, r := range tab {
		if r.required {
			required = append(required, r.name)
		}
		if r.id != nil {
			props[r.name] = map[string]any{"type": "string", "minLength": 1, "maxLength": clerkmini.MaxIDLength,
				"pattern": "^" + r.id.prefix + ".", "description": r.description}
			continue
		}
		lifetime := map[string]any{"type": "integer", "minimum": minSeconds, "description": lifetimeDescription(p)}
		if p.maxExpires > 0 {
			lifetime["maximum"] = p.maxExpires
		}
		props[r.name] = lifetime
	}
	return mustJSON(map[string]any{"type": "object", "properties": props, "required": required, "additionalProperties": false})
}

// lifetimeDescription tells the model the default and the ceiling of a token's lifetime.
func lifetimeDescription(p policy) string {
	d := fmt.Sprintf("Lifetime of the token in seconds, at least %d. Default when omitted: %d (%s).", minSeconds, p.defaultExpires, humanSeconds(p.defaultExpires))
	if p.maxExpires > 0 {
		d += fmt.Sprintf(" This server refuses more than %d (%s).", p.maxExpires, humanSeconds(p.maxExpires))
	}
	return d
}

// checked are a call's arguments once every rule of their table held.
type checked struct {
	ids     map[string]string // by argument name; "" when omitted
	seconds int64             // the lifetime; 0 when omitted
}

// check decodes a call's arguments and applies the table's rules, in its order; the
// schema only advertises them, and this is where they are enforced, with messages a
// model can act on.
func (tab argTable) check(req mcp.CallToolRequest) (checked, error) {
	c := checked{ids: map[string]string{}}
	args, err := decodeArguments(req, tab)
	if err != nil {
		return c, err
	}
	for _, r := range tab {
		if r.id == nil {
			c.seconds, err = args.seconds(r.name)
		} else {
			c.ids[r.name], err = args.id(r.name, *r.id, r.required)
		}
		if err != nil {
			return c, err
		}
	}
	return c, nil
}

func (tab argTable) has(name string) bool {
	for _, r := range tab {
		if r.name == name {
			return true
		}
	}
	return false
}

// names lists the arguments for a message: "user_id, expires_in_seconds, org_id".
func (tab argTable) names() string {
	var b strings.Builder
	for i, r := range tab {
		if i > 0 {
			b.WriteString(", ")
		}
		b.WriteString(r.name)
	}
	return b.String()
}
