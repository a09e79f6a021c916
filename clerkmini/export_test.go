package clerkmini

import (
	"context"
	"time"
)

// SetSleep replaces how c waits between attempts, so tests observe waits without taking them.
func SetSleep(c *Client, f func(ctx context.Context, d time.Duration) error) { c.sleep = f }

// SetJitter replaces c's source of backoff jitter.
func SetJitter(c *Client, f func(n int64) int64) { c.jitter = f }

// APIBase exposes the API URL normalisation.
var APIBase = apiBase

// StatusText exposes the reason phrases the errors use, for the golden recorder.
var StatusText = statusText

// Scrubber returns what blanks key out of text in a Client made with key.
func Scrubber(key string) func(text string) string { return NewRedactor(key, RedactorOptions{}).String }

// ParseHTTPDate exposes the HTTP date reader to its test against time.Parse.
var ParseHTTPDate = parseHTTPDate
