package main

import (
	"encoding/json"
	"fmt"
	"io"
	"os"
	"sync"
	"time"
)

// auditRecord is one line of the audit trail: who was given or denied a credential, when.
// It holds ids and outcomes only, never the token, the url or the key.
type auditRecord struct {
	Time             string `json:"time"`
	Audit            string `json:"audit"` // always "clerkmini-mcp", to pick the lines out of stderr
	Tool             string `json:"tool"`
	UserID           string `json:"user_id,omitempty"`
	OrgID            string `json:"org_id,omitempty"`
	SignInTokenID    string `json:"sign_in_token_id,omitempty"`
	ExpiresInSeconds int64  `json:"expires_in_seconds,omitempty"`
	Decision         string `json:"decision,omitempty"` // who decided the call could go on (confirm.go)
	Outcome          string `json:"outcome"`
	Status           int    `json:"status,omitempty"`
	Code             string `json:"code,omitempty"`
}

// auditLog writes records as JSON lines, one Write per record, so that concurrent calls
// never interleave.
type auditLog struct {
	mu sync.Mutex
	w  io.Writer
}

// openAudit opens the audit file (appending, owner-only) or uses stderr when path is "".
func openAudit(path string, stderr io.Writer) (*auditLog, func(), error) {
	if path == "" {
		return &auditLog{w: stderr}, func() {}, nil
	}
	f, err := os.OpenFile(path, os.O_WRONLY|os.O_APPEND|os.O_CREATE, 0o600)
	if err != nil {
		return nil, nil, fmt.Errorf("--audit-log: %v", err)
	}
	return &auditLog{w: f}, func() { _ = f.Close() }, nil
}

func (a *auditLog) write(r *auditRecord) {
	r.Time = time.Now().UTC().Format(time.RFC3339Nano)
	r.Audit = "clerkmini-mcp"
	line, _ := json.Marshal(r) // strings and integers only: cannot fail
	line = append(line, '\n')
	a.mu.Lock()
	defer a.mu.Unlock()
	_, _ = a.w.Write(line)
}
