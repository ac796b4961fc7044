package neo4jstore

import (
	"errors"
	"fmt"
	"testing"

	"github.com/neo4j/neo4j-go-driver/v5/neo4j"
)

// TestAlreadyExists checks which errors of a concurrent schema creation
// count as "the rule exists": only Neo4j's own already-exists codes, also
// when wrapped.
func TestAlreadyExists(t *testing.T) {
	for _, tt := range []struct {
		err  error
		want bool
	}{
		{&neo4j.Neo4jError{Code: "Neo.ClientError.Schema.EquivalentSchemaRuleAlreadyExists"}, true},
		{fmt.Errorf("ensure: %w", &neo4j.Neo4jError{Code: "Neo.ClientError.Schema.IndexAlreadyExists"}), true},
		{&neo4j.Neo4jError{Code: "Neo.ClientError.Schema.ConstraintAlreadyExists"}, true},
		{&neo4j.Neo4jError{Code: "Neo.TransientError.Transaction.DeadlockDetected"}, false},
		{&neo4j.Neo4jError{Code: "Neo.ClientError.Schema.ConstraintValidationFailed"}, false},
		{errors.New("EquivalentSchemaRuleAlreadyExists"), false},
		{nil, false},
	} {
		if got := alreadyExists(tt.err); got != tt.want {
			t.Errorf("alreadyExists(%v) = %v, want %v", tt.err, got, tt.want)
		}
	}
}
