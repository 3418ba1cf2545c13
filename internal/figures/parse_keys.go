package figures

import (
	"fmt"
	"slices"
	"strings"
)

// placedKey is a key of a table and where it is first written.
type placedKey struct {
	key string
	at  position
}

// keysInFileOrder returns the keys of m, the table at path, with where each
// is first written at or after from, in the order they are written: so that
// figures keep the editor's order and messages come out in reading order.
func (p *parser) keysInFileOrder(m map[string]any, from position, path ...string) []placedKey {
	table := p.ix.trail(from, path...)
	keys := make([]placedKey, 0, len(m))
	for k := range m {
		keys = append(keys, placedKey{k, table.find(k)})
	}
	slices.SortFunc(keys, func(a, b placedKey) int {
		switch {
		case a.at.before(b.at):
			return -1
		case b.at.before(a.at):
			return 1
		}
		return strings.Compare(a.key, b.key)
	})
	return keys
}

// where names a table the way an editor sees it in the file.
func where(path []string) string {
	switch {
	case len(path) == 0:
		return "at the top level of the file"
	case path[0] == "rule":
		return "in a [[rule]]"
	case len(path) == 1:
		return "in [" + path[0] + "]"
	}
	return "in [" + path[0] + "." + path[1] + "]"
}

func (p *parser) unknownKey(at position, path []string, key string, allowed []string) {
	hint := ""
	if guess := closest(key, allowed); guess != "" {
		hint = fmt.Sprintf("Did you mean %q? ", guess)
	}
	if len(path) == 0 {
		hint += "figures.toml has these sections: [defaults], [figure.<key>], [[rule]] and [chart.<key>]."
	} else {
		hint += fmt.Sprintf("Allowed %s: %s.", where(path), strings.Join(allowed, ", "))
	}
	p.errorAt(at, hint, "unknown setting %q %s", key, where(path))
}

// checkKeys reports every key of m that is not allowed, in file order.
func (p *parser) checkKeys(m map[string]any, from position, path []string, allowed []string) {
	if allAllowed(m, allowed) {
		return // as in almost every table: then there is no need to find the keys in the file
	}
	for _, k := range p.keysInFileOrder(m, from, path...) {
		if !slices.Contains(allowed, k.key) {
			p.unknownKey(k.at, path, k.key, allowed)
		}
	}
}

// allAllowed reports whether every key of m is one of allowed (which has no
// repeats). It counts the allowed keys m has: a few lookups in a small map
// cost less than ranging over it.
func allAllowed(m map[string]any, allowed []string) bool {
	n := 0
	for _, key := range allowed {
		if _, ok := m[key]; ok {
			n++
		}
	}
	return n == len(m)
}

// validKey reports whether key is lowercase ASCII letters, digits and hyphens,
// not starting with a hyphen: keys become URLs, file names and Markdown references.
func validKey(key string) bool {
	if key == "" || key[0] == '-' {
		return false
	}
	for _, c := range []byte(key) {
		if !(c >= 'a' && c <= 'z' || c >= '0' && c <= '9' || c == '-') {
			return false
		}
	}
	return true
}

func (p *parser) checkKeyName(kind, key string, at position) {
	if validKey(key) {
		return
	}
	p.errorAt(at, "Use only lowercase letters a-z, digits 0-9 and hyphens, starting with a letter or digit, like social-organizations.",
		"%s name %q is not allowed", kind, key)
}
