//go:build !js && !wasip1 && !tinygo

package clerkmini_test

import (
	"context"
	"errors"
	"net"
	"net/http"
	"net/http/httptest"
	"strings"
	"sync/atomic"
	"testing"
	"time"

	"github.com/clerkmini/clerkmini/clerkmini"
	"github.com/clerkmini/clerkmini/clerkmini/clerktest"
)

func TestOverRealHTTP(t *testing.T) {
	sb := clerktest.New()
	srv := httptest.NewServer(sb)
	defer srv.Close()
	c, err := clerkmini.New(sb.SecretKey(), clerkmini.WithAPIURL(srv.URL))
	if err != nil {
		t.Fatal(err)
	}
	ctx := context.Background()
	tok, err := c.SignInTokens.Create(ctx, clerkmini.CreateSignInTokenParams{UserID: "user_bob", ExpiresInSeconds: 60})
	if err != nil || tok.Status != "pending" || tok.UserID != "user_bob" || !strings.HasPrefix(tok.ID, "sit_") {
		t.Fatalf("create: %+v, %v", tok, err)
	}
	got, err := c.SignInTokens.Revoke(ctx, tok.ID)
	if err != nil || got.Status != "revoked" || got.ID != tok.ID {
		t.Fatalf("revoke: %+v, %v", got, err)
	}
	_, err = c.SignInTokens.Revoke(ctx, tok.ID)
	var ce *clerkmini.ClerkErrors
	if !errors.As(err, &ce) || ce.StatusCode != 400 || !ce.HasCode("sign_in_token_cannot_be_revoked_code") || ce.TraceID == "" {
		t.Fatalf("second revoke: %v", err)
	}
}

func TestRedirectsAreNotFollowed(t *testing.T) {
	var leaked atomic.Int32
	elsewhere := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if r.Header.Get("Authorization") != "" {
			leaked.Add(1)
		}
	}))
	defer elsewhere.Close()
	redirector := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		http.Redirect(w, r, elsewhere.URL+r.URL.Path, http.StatusTemporaryRedirect)
	}))
	defer redirector.Close()
	c, err := clerkmini.New(testKey, clerkmini.WithAPIURL(redirector.URL))
	if err != nil {
		t.Fatal(err)
	}
	_, err = c.SignInTokens.Create(context.Background(), clerkmini.CreateSignInTokenParams{UserID: "user_1"})
	var se *clerkmini.SDKError
	if !errors.As(err, &se) || se.StatusCode != 307 {
		t.Fatalf("got %v", err)
	}
	if leaked.Load() != 0 {
		t.Fatal("the key followed the redirect")
	}
}

func TestOversizedBodyOverHTTP(t *testing.T) {
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "application/json")
		chunk := []byte(strings.Repeat(" ", 64<<10))
		for i := 0; i < 64; i++ { // 4 MiB of whitespace, valid JSON padding
			if _, err := w.Write(chunk); err != nil {
				return
			}
		}
	}))
	defer srv.Close()
	c, err := clerkmini.New(testKey, clerkmini.WithAPIURL(srv.URL))
	if err != nil {
		t.Fatal(err)
	}
	_, err = c.SignInTokens.Create(context.Background(), clerkmini.CreateSignInTokenParams{UserID: "user_1"})
	var se *clerkmini.SDKError
	if !errors.As(err, &se) || !strings.Contains(se.Reason, "larger than 1 MiB") {
		t.Fatalf("got %v", err)
	}
}

func TestRefusedConnectionIsMarkedNotSent(t *testing.T) {
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	addr := ln.Addr().String()
	ln.Close() // nothing listens there now
	c, err := clerkmini.New(testKey, clerkmini.WithAPIURL("http://"+addr), clerkmini.WithRetries(1))
	if err != nil {
		t.Fatal(err)
	}
	clerkmini.SetSleep(c, func(context.Context, time.Duration) error { return nil })
	_, err = c.SignInTokens.Create(context.Background(), clerkmini.CreateSignInTokenParams{UserID: "user_1"})
	var te *clerkmini.TransportError
	if !errors.As(err, &te) || te.MayHaveReachedClerk || te.Attempts != 2 || !errors.Is(err, clerkmini.ErrRequestNotSent) {
		t.Fatalf("got %#v", err)
	}
	if strings.Contains(err.Error(), "may have been created") || strings.Contains(err.Error(), "4m3Kx9") {
		t.Errorf("Error() = %q", err)
	}
}
