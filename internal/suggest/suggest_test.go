package suggest

import "testing"

func TestDistance(t *testing.T) {
	for _, tt := range []struct {
		a, b string
		want int
	}{
		{"social", "social", 0},
		{"soical", "social", 1}, // a swap is one slip
		{"volunteer", "volunteers", 1},
		{"wieght", "weight", 1},
		{"儿童福利", "儿童福祉", 1}, // characters, not bytes
		{"", "abc", 3},
	} {
		if got := Distance(tt.a, tt.b); got != tt.want {
			t.Errorf("Distance(%q, %q) = %d, want %d", tt.a, tt.b, got, tt.want)
		}
	}
}

func TestClosest(t *testing.T) {
	options := []string{"volunteers", "volunteer-groups", "foundations", "ab"}
	for _, tt := range []struct {
		word, want string
		ok         bool
	}{
		{"volunteer", "volunteers", true},
		{"fundations", "foundations", true},
		{"volunteers", "", false}, // the word itself is no suggestion
		{"zz", "", false},         // "ab" is two slips away but shares nothing
		{"elderly", "", false},
	} {
		got, ok := Closest(tt.word, options, 2)
		if got != tt.want || ok != tt.ok {
			t.Errorf("Closest(%q) = %q, %v; want %q, %v", tt.word, got, ok, tt.want, tt.ok)
		}
	}
	if got, _ := Closest("ac", []string{"ad", "ab"}, 2); got != "ab" {
		t.Errorf("ties should go to the alphabetically first option, got %q", got)
	}
}
