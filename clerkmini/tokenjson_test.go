package clerkmini_test

import (
	"bytes"
	"context"
	"encoding/json"
	"testing"

	"github.com/clerkmini/clerkmini/clerkmini"
)

// clerkToken is Clerk's SignInToken schema as encoding/json writes it (token optional,
// url nullable), the reference (*SignInToken).AppendJSON is held to.
type clerkToken struct {
	Object    string  `json:"object"`
	ID        string  `json:"id"`
	Status    string  `json:"status"`
	UserID    string  `json:"user_id"`
	Token     string  `json:"token,omitempty"`
	URL       *string `json:"url"`
	CreatedAt int64   `json:"created_at"`
	UpdatedAt int64   `json:"updated_at"`
}

// FuzzSignInTokenJSON checks AppendJSON against encoding/json byte for byte, and that the
// client reads what it writes back as the same token.
func FuzzSignInTokenJSON(f *testing.F) {
	f.Add("sign_in_token", "sit_1", "pending", "user_1", "eyJ.a.b", "https://x/?t=eyJ.a.b", int64(1700000000000), int64(1700000000001))
	f.Add("sign_in_token", "sit_1", "revoked", "user_1", "", "", int64(0), int64(-1))
	f.Add("<&>", "sit_\u2028", "\"", "\xff", "\x00", "é", int64(1<<62), int64(-1<<63))
	f.Fuzz(func(t *testing.T, object, id, status, userID, token, url string, created, updated int64) {
		tok := clerkmini.SignInToken{Object: object, ID: id, Status: status, UserID: userID, Token: token, URL: url, CreatedAt: created, UpdatedAt: updated}
		ref := clerkToken{object, id, status, userID, token, nil, created, updated}
		if url != "" {
			ref.URL = &url
		}
		want, err := json.Marshal(ref)
		if err != nil {
			t.Fatal(err)
		}
		got := tok.AppendJSON([]byte("prefix"))
		if !bytes.Equal(got, append([]byte("prefix"), want...)) {
			t.Fatalf("AppendJSON\n got %s\nwant prefix%s", got, want)
		}
	})
}

func TestClientReadsBackWhatAppendJSONWrites(t *testing.T) {
	for _, want := range []clerkmini.SignInToken{
		{Object: "sign_in_token", ID: "sit_1", Status: "pending", UserID: "user_1", Token: "eyJ.a.b", URL: "https://x/?t=eyJ.a.b&u=<é>", CreatedAt: 1700000000000, UpdatedAt: 1700000000001},
		{Object: "sign_in_token", ID: "sit_1", Status: "revoked", UserID: "user_1", CreatedAt: 1700000000000, UpdatedAt: 1700000000002},
	} {
		body := string(want.AppendJSON(nil))
		c := newClient(t, answering(answer(200, body)))
		got, err := c.SignInTokens.Revoke(context.Background(), "sit_1")
		if err != nil || *got != want {
			t.Errorf("read back %s as %+v, %v", body, got, err)
		}
	}
}
