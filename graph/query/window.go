package query

import (
	"fmt"
	"time"

	"github.com/cablegraph/cablegraph/graph"
)

// checkWindow rejects a date window that ends before it starts: an empty
// answer there would look like "nobody" when it means "you swapped them".
func checkWindow(since, until *time.Time) error {
	if since != nil && until != nil && until.Before(*since) {
		return fmt.Errorf("until (%s) is before since (%s): %w",
			until.Format(time.DateOnly), since.Format(time.DateOnly), graph.ErrInvalid)
	}
	return nil
}
