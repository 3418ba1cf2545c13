package markdown

// maxSuggestDistance is how many typing slips a suggestion may be away from
// what the editor wrote; further than that, a suggestion is more often wrong
// than helpful.
const maxSuggestDistance = 2

// closestKey returns the key in known nearest to key, if it is within
// maxSuggestDistance edits. Ties go to the alphabetically first key so the
// hint does not change from build to build.
func closestKey(key string, known []string) (string, bool) {
	best, bestDist := "", maxSuggestDistance+1
	for _, k := range known {
		if k == key || abs(len(k)-len(key)) > maxSuggestDistance {
			continue
		}
		d := editDistance(key, k)
		if d < bestDist || (d == bestDist && k < best) {
			best, bestDist = k, d
		}
	}
	return best, bestDist <= maxSuggestDistance
}

// editDistance counts insertions, deletions, substitutions and swaps of
// neighbouring characters (optimal string alignment), so "soical" is one slip
// from "social". Keys are ASCII, so bytes are characters.
func editDistance(a, b string) int {
	prev2 := make([]int, len(b)+1)
	prev := make([]int, len(b)+1)
	cur := make([]int, len(b)+1)
	for j := range prev {
		prev[j] = j
	}
	for i := 1; i <= len(a); i++ {
		cur[0] = i
		for j := 1; j <= len(b); j++ {
			cost := 1
			if a[i-1] == b[j-1] {
				cost = 0
			}
			cur[j] = min(prev[j]+1, cur[j-1]+1, prev[j-1]+cost)
			if i > 1 && j > 1 && a[i-1] == b[j-2] && a[i-2] == b[j-1] {
				cur[j] = min(cur[j], prev2[j-2]+1)
			}
		}
		prev2, prev, cur = prev, cur, prev2
	}
	return prev[len(b)]
}

func abs(n int) int {
	if n < 0 {
		return -n
	}
	return n
}
