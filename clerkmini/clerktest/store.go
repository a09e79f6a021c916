package clerktest

import (
	"container/heap"

	"github.com/clerkmini/clerkmini/clerkmini"
)

// MaxLiveTokens bounds the pending, unexpired tokens a sandbox holds. A create beyond it
// answers 429 too_many_requests, with Retry-After set to when the soonest of them
// expires, so that a client minting in a loop cannot grow the sandbox without bound.
const MaxLiveTokens = 10_000

// MaxFinishedTokens bounds the revoked, accepted and expired tokens a sandbox remembers,
// so that revoking one again answers Clerk's 400 (its status is revoked); beyond it the
// oldest are forgotten, and revoking one of those answers 404 resource_not_found.
const MaxFinishedTokens = 1_000

// statusExpired is what the sandbox calls a pending token past its expires_in_seconds.
// Clerk's spec lists only pending, accepted and revoked; the sandbox never sends this
// status in a 200, only in the refusal of a revoke (see store.expire).
const statusExpired = "expired"

// token is one minted sign-in token and its place in the store.
type token struct {
	clerkmini.SignInToken
	ExpiresAt int64 // Unix milliseconds
	heapIndex int   // its index in store.live while pending, else -1
}

// store holds a sandbox's tokens within MaxLiveTokens + MaxFinishedTokens. The live heap
// orders pending tokens by expiry, so expiring them costs O(log n) each; the finished
// ring forgets the oldest finished token when a new one needs its slot.
type store struct {
	byID     map[string]*token
	live     liveHeap
	finished []string // ring of finished token ids, len MaxFinishedTokens
	next     int      // the ring slot the next finished token takes
}

func newStore() *store {
	return &store{byID: map[string]*token{}, finished: make([]string, MaxFinishedTokens)}
}

// expire marks every pending token whose expiry is at or before nowMS as expired.
func (st *store) expire(nowMS int64) {
	for len(st.live) > 0 && st.live[0].ExpiresAt <= nowMS {
		t := heap.Pop(&st.live).(*token)
		t.Status, t.UpdatedAt = statusExpired, t.ExpiresAt
		st.retire(t)
	}
}

// full reports whether a new pending token would exceed MaxLiveTokens, and if so in how
// many milliseconds (at least 1) the soonest live token expires.
func (st *store) full(nowMS int64) (bool, int64) {
	if len(st.live) < MaxLiveTokens {
		return false, 0
	}
	return true, max(st.live[0].ExpiresAt-nowMS, 1)
}

func (st *store) add(t *token) {
	st.byID[t.ID] = t
	heap.Push(&st.live, t)
}

// finish moves a pending token to status (revoked or accepted) at nowMS.
func (st *store) finish(t *token, status string, nowMS int64) {
	heap.Remove(&st.live, t.heapIndex)
	t.Status, t.UpdatedAt = status, nowMS
	st.retire(t)
}

// retire puts a token that left the live heap into the ring, forgetting the one whose
// slot it takes.
func (st *store) retire(t *token) {
	if old := st.finished[st.next]; old != "" {
		delete(st.byID, old)
	}
	st.finished[st.next] = t.ID
	st.next = (st.next + 1) % len(st.finished)
}

// liveHeap is a min-heap of pending tokens by expiry (container/heap).
type liveHeap []*token

func (h liveHeap) Len() int           { return len(h) }
func (h liveHeap) Less(i, j int) bool { return h[i].ExpiresAt < h[j].ExpiresAt }
func (h liveHeap) Swap(i, j int) {
	h[i], h[j] = h[j], h[i]
	h[i].heapIndex, h[j].heapIndex = i, j
}
func (h *liveHeap) Push(x any) {
	t := x.(*token)
	t.heapIndex = len(*h)
	*h = append(*h, t)
}
func (h *liveHeap) Pop() any {
	old := *h
	t := old[len(old)-1]
	old[len(old)-1] = nil // let the token go once it is forgotten
	*h = old[:len(old)-1]
	t.heapIndex = -1
	return t
}
