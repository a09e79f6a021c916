// Package wait holds the one context-aware sleep that the client's retries and the
// sandbox's injected latency both use.
package wait

import (
	"context"
	"time"
)

// For waits d, or until ctx ends and then returns ctx.Err(). A d of zero or less returns
// nil at once.
func For(ctx context.Context, d time.Duration) error {
	if d <= 0 {
		return nil
	}
	t := time.NewTimer(d)
	defer t.Stop()
	select {
	case <-t.C:
		return nil
	case <-ctx.Done():
		return ctx.Err()
	}
}
