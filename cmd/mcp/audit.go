package main

import (
	"cmp"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"os"
	"time"

	"github.com/clerkmini/clerkmini/clerkmini"
)

// auditRecord is one line of the audit trail: who was given or denied a credential, when.
// It holds ids and outcomes only, never the token, the url or the key.
type auditRecord struct {
	Time             string `json:"time"`
	Audit            string `json:"audit"` // always auditMarker
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

// auditLog writes records as JSON lines, one Write per record, to a writer that takes
// concurrent Writes whole (a logSink), so that concurrent calls never interleave without
// a lock of their own.
type auditLog struct {
	w io.Writer
}

// auditMarker is the "audit" field of every audit line, to pick the lines out of stderr.
const auditMarker = "clerkmini-mcp"

// openAudit returns the audit trail: on logs (stderr) when path is "", else in the file
// at path, appended, owner-only, written through its own logSink and scrubbed. Its
// close writes what is queued within the exit's deadline.
func openAudit(path string, logs io.Writer, scrub *clerkmini.Redactor) (*auditLog, func(*exitDeadline), error) {
	if path == "" {
		return &auditLog{w: logs}, func(*exitDeadline) {}, nil
	}
	f, err := openAuditFile(path)
	if err != nil {
		return nil, nil, fmt.Errorf("--audit-log: %v", err)
	}
	sink := newAuditSink(&scrubWriter{w: f, s: scrub})
	return &auditLog{w: sink}, func(exit *exitDeadline) { sink.close(exit); _ = f.Close() }, nil
}

// newAuditSink makes the audit file's sink: newLogSink, or a test's whose writer holds the
// records until the exit waits for them.
var newAuditSink = newLogSink

// openAuditFile refuses a symbolic link (it could send the trail anywhere the link
// points, or be swapped later), anything but a regular file, and a file others than its
// owner may read: the trail names who was given a sign-in credential. A broad mode is
// refused rather than narrowed, because others may already have read the file; its owner
// decides (chmod 600) whether that matters.
func openAuditFile(path string) (*os.File, error) {
	if fi, err := os.Lstat(path); err == nil {
		if err := checkAuditFile(path, fi); err != nil {
			return nil, err
		}
	}
	f, err := os.OpenFile(path, os.O_WRONLY|os.O_APPEND|os.O_CREATE, 0o600)
	if err != nil {
		return nil, err
	}
	// The path may have changed between the checks and the open: check what was opened.
	opened, err1 := f.Stat()
	named, err2 := os.Lstat(path)
	if err := errors.Join(err1, err2); err != nil {
		f.Close()
		return nil, err
	}
	if err := checkAuditFile(path, named); err != nil || !os.SameFile(opened, named) {
		f.Close()
		return nil, cmp.Or(err, fmt.Errorf("%s changed while it was being opened", path))
	}
	if err := checkAuditFile(path, opened); err != nil {
		f.Close()
		return nil, err
	}
	return f, nil
}

func checkAuditFile(path string, fi os.FileInfo) error {
	switch {
	case fi.Mode()&os.ModeSymlink != 0:
		return fmt.Errorf("%s is a symbolic link: give the path of the file itself", path)
	case !fi.Mode().IsRegular():
		return fmt.Errorf("%s is not a regular file", path)
	case fi.Mode().Perm()&0o077 != 0:
		return fmt.Errorf("%s has mode %04o, so others than its owner may read the trail: chmod 600 it first", path, fi.Mode().Perm())
	}
	return nil
}

func (a *auditLog) write(r *auditRecord) {
	r.Time = time.Now().UTC().Format(time.RFC3339Nano)
	r.Audit = auditMarker
	// Ids from Clerk's answer are unchecked: a hostile one must not make a huge line.
	r.UserID, r.OrgID, r.SignInTokenID = clip(r.UserID, maxFieldBytes), clip(r.OrgID, maxFieldBytes), clip(r.SignInTokenID, maxFieldBytes)
	line, _ := json.Marshal(r) // strings and integers only: cannot fail
	_, _ = a.w.Write(append(line, '\n'))
}
