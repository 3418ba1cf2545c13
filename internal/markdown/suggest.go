package markdown

import "github.com/xmca/almanac/internal/suggest"

// maxSuggestDistance is how many typing slips a suggestion may be away from
// what the editor wrote; further than that, a suggestion is more often wrong
// than helpful.
const maxSuggestDistance = 2

// closestKey returns the key in known nearest to key, if it is within
// maxSuggestDistance edits.
func closestKey(key string, known []string) (string, bool) {
	return suggest.Closest(key, known, maxSuggestDistance)
}

// ClosestKey is closestKey for a Resolver's own messages (a key misspelt in
// a comparison with another year), so every did-you-mean is alike.
func ClosestKey(key string, known []string) (string, bool) { return closestKey(key, known) }
