package resolvers

import (
	"context"
	"crypto/rand"
	"encoding/hex"
	"errors"
	"fmt"
	"log/slog"

	"github.com/99designs/gqlgen/graphql"
	"github.com/cablegraph/cablegraph/graph"
	"github.com/vektah/gqlparser/v2/gqlerror"
)

// Error codes in the "extensions" of GraphQL errors, for clients that
// branch on them.
const (
	codeNotFound  = "NOT_FOUND"
	codeBadInput  = "BAD_USER_INPUT"
	codeTimeout   = "TIMEOUT"
	codeInternal  = "INTERNAL"
	headerRequest = "X-Request-Id"
)

type requestIDKey struct{}

// newRequestID returns a random id that ties a client's error to the log.
func newRequestID() string {
	var b [8]byte
	if _, err := rand.Read(b[:]); err != nil {
		return "unknown"
	}
	return hex.EncodeToString(b[:])
}

func requestID(ctx context.Context) string {
	if id, ok := ctx.Value(requestIDKey{}).(string); ok {
		return id
	}
	return "unknown"
}

// errorPresenter shows users their own mistakes (unknown cable, bad cursor,
// limits) as they are, and hides everything else behind "internal error"
// and a request id, logging the detail under the same id.
func errorPresenter(logger *slog.Logger, m *Metrics) graphql.ErrorPresenterFunc {
	return func(ctx context.Context, err error) *gqlerror.Error {
		var gerr *gqlerror.Error
		if errors.As(err, &gerr) && gerr.Err == nil {
			// Made by gqlgen itself (validation, limits): already user-facing.
			m.Add("cablegraph_graphql_errors_total", 1, "class", "user")
			return gerr
		}
		presented := graphql.DefaultErrorPresenter(ctx, err)
		// The user's own message, without gqlgen's "input:1:3: path" prefix
		// (the error already carries its locations and path).
		own := err.Error()
		if gerr != nil && gerr.Err != nil {
			own = gerr.Err.Error()
		}
		switch {
		case errors.Is(err, graph.ErrNotFound):
			presented.Message = own
			setCode(presented, codeNotFound)
		case errors.Is(err, graph.ErrInvalid):
			presented.Message = own
			setCode(presented, codeBadInput)
		case errors.Is(err, context.DeadlineExceeded) || errors.Is(ctx.Err(), context.DeadlineExceeded):
			// Drivers do not always wrap the context's error; the request's
			// own context says whether its deadline passed.
			presented.Message = fmt.Sprintf("the request took too long and was stopped (request id %s)", requestID(ctx))
			setCode(presented, codeTimeout)
			logger.WarnContext(ctx, "request deadline exceeded", "request_id", requestID(ctx), "path", presented.Path.String(), "error", err)
		default:
			logger.ErrorContext(ctx, "internal error", "request_id", requestID(ctx), "path", presented.Path.String(), "error", err)
			m.Add("cablegraph_graphql_errors_total", 1, "class", "internal")
			presented.Message = fmt.Sprintf("internal error (request id %s)", requestID(ctx))
			presented.Err = nil
			setCode(presented, codeInternal)
			return presented
		}
		m.Add("cablegraph_graphql_errors_total", 1, "class", "user")
		return presented
	}
}

func setCode(e *gqlerror.Error, code string) {
	if e.Extensions == nil {
		e.Extensions = map[string]any{}
	}
	e.Extensions["code"] = code
}

// recoverFunc turns a resolver panic into an internal error with the
// request id, logged with the panic value.
func recoverFunc(logger *slog.Logger) graphql.RecoverFunc {
	return func(ctx context.Context, p any) error {
		logger.ErrorContext(ctx, "resolver panic", "request_id", requestID(ctx), "panic", fmt.Sprint(p))
		return fmt.Errorf("panic in resolver: %v", p)
	}
}
