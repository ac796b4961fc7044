package neo4jstore

import (
	"context"
	"errors"
	"fmt"
	"strings"

	"github.com/neo4j/neo4j-go-driver/v5/neo4j"
)

// Sentinel errors callers can test with errors.Is; the wrapped message
// names the URI, the database and what to do.
var (
	ErrUnreachable = errors.New("neo4j unreachable")
	ErrAuth        = errors.New("neo4j authentication failed")
	ErrNoDatabase  = errors.New("neo4j database not found")
	ErrConstraint  = errors.New("neo4j constraint violation")
	ErrTimeout     = errors.New("neo4j call timed out")
	ErrFull        = errors.New("neo4j out of space or memory")
)

// wrap turns a driver error into one line a user can act on. The driver's
// own message is kept (after the sentinel) for the log; no stack trace
// ever reaches the user.
func (s *Store) wrap(op string, err error) error {
	if err == nil {
		return nil
	}
	var nerr *neo4j.Neo4jError
	var aerr *neo4j.InvalidAuthenticationError
	switch {
	case errors.Is(err, context.Canceled):
		return fmt.Errorf("neo4j %s: %w", op, err)
	case errors.Is(err, context.DeadlineExceeded):
		return fmt.Errorf("neo4j %s: %w: %w", op, ErrTimeout, err)
	case errors.As(err, &aerr):
		return fmt.Errorf("neo4j %s at %s: %w (check the user and password)", op, s.uri, ErrAuth)
	case errors.As(err, &nerr):
		code := nerr.Code
		switch {
		case strings.HasPrefix(code, "Neo.ClientError.Security."):
			return fmt.Errorf("neo4j %s at %s: %w: %s (check the user and password)", op, s.uri, ErrAuth, nerr.Msg)
		case code == "Neo.ClientError.Database.DatabaseNotFound":
			return fmt.Errorf("neo4j %s: %w: database %q does not exist at %s", op, ErrNoDatabase, s.db, s.uri)
		case code == "Neo.ClientError.Schema.ConstraintValidationFailed":
			return fmt.Errorf("neo4j %s: %w: %s", op, ErrConstraint, nerr.Msg)
		case strings.Contains(code, "OutOfMemory") || strings.Contains(code, "MemoryPoolOutOfMemory") ||
			strings.Contains(strings.ToLower(nerr.Msg), "no space left"):
			return fmt.Errorf("neo4j %s: %w: %s", op, ErrFull, nerr.Msg)
		case strings.Contains(code, "TransactionTimedOut"):
			return fmt.Errorf("neo4j %s: %w: %s", op, ErrTimeout, nerr.Msg)
		}
		return fmt.Errorf("neo4j %s: %s: %s", op, code, nerr.Msg)
	}
	var cerr *neo4j.ConnectivityError
	if errors.As(err, &cerr) || strings.Contains(err.Error(), "ConnectivityError") ||
		strings.Contains(err.Error(), "connection refused") {
		return fmt.Errorf("neo4j %s: %w: cannot reach %s (is Neo4j running? try make neo4j-up): %w", op, ErrUnreachable, s.uri, err)
	}
	return fmt.Errorf("neo4j %s: %w", op, err)
}
