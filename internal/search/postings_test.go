package search

import "testing"

// TestAppendPostings: differences from one posting to the next, a run of
// equal differences as a negative count.
func TestAppendPostings(t *testing.T) {
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
		if got := string(appendPostings([]byte("x"), tt.ps)); got != "x"+tt.want {
			t.Errorf("%v: wrote %q, want %q", tt.ps, got[1:], tt.want)
		}
	}
}
