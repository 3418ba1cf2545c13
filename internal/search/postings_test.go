package search

import (
	"bytes"
	"testing"
)

// TestWritePostings: differences from one posting to the next, a run of
// equal differences as a negative count.
func TestWritePostings(t *testing.T) {
	for _, tt := range []struct {
		ps   postings
		want string
	}{
		{postings{2, 4, 6, 8, 9, 13}, "2,-3,1,4"},
		{postings{0, 3}, "0,3"},
		{postings{1, 3, 5, 7}, "1,2,-2"},
		{postings{5}, "5"},
		{nil, ""},
	} {
		var b bytes.Buffer
		writePostings(&b, tt.ps)
		if b.String() != tt.want {
			t.Errorf("%v: wrote %q, want %q", tt.ps, b.String(), tt.want)
		}
	}
}
