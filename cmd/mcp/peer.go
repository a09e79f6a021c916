package main

import (
	"context"
	"encoding/json"
	"fmt"
	"log/slog"
	"sync/atomic"

	"github.com/mark3labs/mcp-go/mcp"
	"github.com/mark3labs/mcp-go/server"
)

// peer is what the stdio session knows of its client (what it declared at initialize)
// and the way to ask it something.
type peer struct {
	*outbound
	info atomic.Pointer[mcp.Implementation]
	caps atomic.Pointer[mcp.ClientCapabilities]
}

func newPeer(log *slog.Logger) *peer { return &peer{outbound: newOutbound(log)} }

// The stdio session implements mcp-go's optional session interfaces: mcp-go records the
// client's capabilities at initialize through them, and MCPServer.RequestElicitation
// reaches the client through RequestElicitation.
var (
	_ server.SessionWithClientInfo  = (*stdioSession)(nil)
	_ server.SessionWithElicitation = (*stdioSession)(nil)
)

// GetClientInfo returns the clientInfo of initialize.
func (s *stdioSession) GetClientInfo() mcp.Implementation {
	if p := s.peer.info.Load(); p != nil {
		return *p
	}
	return mcp.Implementation{}
}

// SetClientInfo records the clientInfo of initialize.
func (s *stdioSession) SetClientInfo(info mcp.Implementation) { s.peer.info.Store(&info) }

// GetClientCapabilities returns the capabilities declared at initialize.
func (s *stdioSession) GetClientCapabilities() mcp.ClientCapabilities {
	if p := s.peer.caps.Load(); p != nil {
		return *p
	}
	return mcp.ClientCapabilities{}
}

// SetClientCapabilities records the capabilities declared at initialize.
func (s *stdioSession) SetClientCapabilities(caps mcp.ClientCapabilities) { s.peer.caps.Store(&caps) }

// RequestElicitation sends elicitation/create on stdout and waits for the client's answer,
// the end of ctx, or the end of the input.
func (s *stdioSession) RequestElicitation(ctx context.Context, req mcp.ElicitationRequest) (*mcp.ElicitationResult, error) {
	raw, err := s.peer.request(ctx, string(mcp.MethodElicitationCreate), req.Params)
	if err != nil {
		return nil, err
	}
	var res mcp.ElicitationResult
	if err := json.Unmarshal(raw, &res); err != nil {
		return nil, fmt.Errorf("the client's answer to elicitation/create is not an object with an action")
	}
	return &res, nil
}
