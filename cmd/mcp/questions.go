package main

import (
	"crypto/rand"
	"errors"
	"sync"
	"time"

	"github.com/mark3labs/mcp-go/mcp"
	"github.com/mark3labs/mcp-go/server"
)

var (
	errQuestionExpired = errors.New("answered after the timeout")
	errTooManyOpen     = errors.New("too many questions are waiting for an answer")
)

// questionBook remembers the questions asked through multi round-trip results (SEP-2322).
// There the client answers by calling the tool again with the person's answer and the
// requestState it was given; an answer counts only with the state of a question this
// server asked, about the very same arguments, within the timeout, and only once, so that
// neither a replayed retry nor an answer the client made up mints a token.
type questionBook struct {
	mu   sync.Mutex
	open map[string]openQuestion // by requestState
}

type openQuestion struct {
	digest   string
	deadline time.Time
}

// answer returns the person's answer carried by a retry, or else a result that asks the
// question (the client retries with the answer).
func (b *questionBook) answer(rt mcp.MultiRoundTripParams, digest string, timeout time.Duration, params mcp.ElicitationParams) (*mcp.ElicitationResult, *mcp.CallToolResult, error) {
	now := time.Now()
	b.mu.Lock()
	defer b.mu.Unlock()
	if res := server.ElicitationResponse(rt.InputResponses, confirmKey); res != nil {
		if q, ok := b.open[rt.RequestState]; ok && q.digest == digest {
			delete(b.open, rt.RequestState)
			if now.After(q.deadline) {
				return nil, nil, errQuestionExpired
			}
			return res, nil, nil
		}
	}
	for state, q := range b.open {
		if now.After(q.deadline) {
			delete(b.open, state)
		}
	}
	if len(b.open) >= maxOpenQuestions {
		return nil, nil, errTooManyOpen
	}
	if b.open == nil {
		b.open = map[string]openQuestion{}
	}
	state := rand.Text()
	b.open[state] = openQuestion{digest: digest, deadline: now.Add(timeout)}
	return nil, server.NewInputRequestBuilder(state).Elicit(confirmKey, params).ToolResult(), nil
}
