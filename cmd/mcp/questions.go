package main

import (
	"crypto/rand"
	"errors"
	"slices"
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
	// asked lists the states in the order asked, which is the order of their deadlines
	// (the timeout is the server's), so that expired questions are found at its front
	// instead of by a sweep of every open one. A state answered early stays until it
	// reaches the front, or until asked outgrows twice maxOpenQuestions and is compacted.
	asked []string
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
	for len(b.asked) > 0 {
		q, ok := b.open[b.asked[0]]
		if ok && !now.After(q.deadline) {
			break
		}
		delete(b.open, b.asked[0])
		b.asked = b.asked[1:]
	}
	if len(b.asked) > 2*maxOpenQuestions {
		b.asked = slices.DeleteFunc(b.asked, func(state string) bool { _, ok := b.open[state]; return !ok })
	}
	if len(b.open) >= maxOpenQuestions {
		return nil, nil, errTooManyOpen
	}
	if b.open == nil {
		b.open = map[string]openQuestion{}
	}
	state := rand.Text()
	b.open[state] = openQuestion{digest: digest, deadline: now.Add(timeout)}
	b.asked = append(b.asked, state)
	return nil, server.NewInputRequestBuilder(state).Elicit(confirmKey, params).ToolResult(), nil
}
