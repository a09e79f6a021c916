package wait_test

import (
	"context"
	"errors"
	"testing"
	"time"

	"github.com/clerkmini/clerkmini/internal/wait"
)

func TestForEndsWithItsContext(t *testing.T) {
	if err := wait.For(context.Background(), time.Millisecond); err != nil {
		t.Errorf("a wait that ran out: %v", err)
	}
	if err := wait.For(context.Background(), 0); err != nil {
		t.Errorf("no wait: %v", err)
	}
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	if err := wait.For(ctx, time.Hour); !errors.Is(err, context.Canceled) {
		t.Errorf("a wait whose context ended: %v, want context.Canceled", err)
	}
}
