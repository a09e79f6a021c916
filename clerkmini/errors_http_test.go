//go:build !js && !wasip1 && !tinygo

package clerkmini_test

import (
	"context"
	"net/http"
	"testing"

	"github.com/clerkmini/clerkmini/clerkmini"
)

// Beside errors_test.go, which every build runs: this one compares with net/http, which
// the wasm builds of the tests do not have.

// TestStatusesReadWell: every status net/http names has a reason phrase in the error, a
// 204 among them, and one the client does not know reads without a placeholder.
func TestStatusesReadWell(t *testing.T) {
	rec := &recorder{answers: []func() (*clerkmini.Response, error){answer(204, "", "Content-Type", "")}}
	_, err := newClient(t, rec).SignInTokens.Revoke(context.Background(), "sit_1")
	if want := "clerk: 204 No Content: answer is not a sign-in token: body is empty"; err == nil || err.Error() != want {
		t.Errorf("204: Error() = %v\nwant        %s", err, want)
	}
	for code := 100; code < 600; code++ {
		phrase := clerkmini.StatusText(code)
		if http.StatusText(code) != "" && phrase == "" {
			t.Errorf("%d (%s) has no reason phrase", code, http.StatusText(code))
		}
	}
	rec = &recorder{answers: []func() (*clerkmini.Response, error){answer(299, "", "Content-Type", "")}}
	_, err = newClient(t, rec).SignInTokens.Revoke(context.Background(), "sit_1")
	if want := "clerk: 299: answer is not a sign-in token: body is empty"; err == nil || err.Error() != want {
		t.Errorf("299: Error() = %v\nwant        %s", err, want)
	}
}
