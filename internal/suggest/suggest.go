// Package suggest finds what an editor probably meant when a name they
// typed (a figure key, a setting, a unit, an anchor) does not exist, for the
// "did you mean …?" part of a message.
package suggest

// Distance counts the insertions, deletions, substitutions and swaps of
// neighbouring characters that turn a into b (optimal string alignment), so
// "soical" is one slip from "social". It counts characters, not bytes.
func Distance(a, b string) int {
	ra, rb := []rune(a), []rune(b)
	prev2 := make([]int, len(rb)+1)
	prev := make([]int, len(rb)+1)
	cur := make([]int, len(rb)+1)
	for j := range prev {
		prev[j] = j
	}
	for i := 1; i <= len(ra); i++ {
		cur[0] = i
		for j := 1; j <= len(rb); j++ {
			cost := 1
			if ra[i-1] == rb[j-1] {
				cost = 0
			}
			cur[j] = min(prev[j]+1, cur[j-1]+1, prev[j-1]+cost)
			if i > 1 && j > 1 && ra[i-1] == rb[j-2] && ra[i-2] == rb[j-1] {
				cur[j] = min(cur[j], prev2[j-2]+1)
			}
		}
		prev2, prev, cur = prev, cur, prev2
	}
	return prev[len(rb)]
}

// Closest returns the option nearest to word within max slips, if any.
// An option as long as its distance (every character changed) is never a
// likely slip, and word itself is not a suggestion. Ties go to the
// alphabetically first option, so a hint does not change between builds.
func Closest(word string, options []string, max int) (string, bool) {
	best, bestDist := "", max+1
	n := len([]rune(word))
	for _, o := range options {
		m := len([]rune(o))
		if o == word || abs(m-n) > max {
			continue
		}
		d := Distance(word, o)
		if d >= m {
			continue
		}
		if d < bestDist || (d == bestDist && o < best) {
			best, bestDist = o, d
		}
	}
	return best, bestDist <= max
}

func abs(n int) int {
	if n < 0 {
		return -n
	}
	return n
}
