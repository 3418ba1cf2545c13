package check

import (
	"unicode"
	"unicode/utf8"

	"github.com/xmca/almanac/internal/locale"
)

// fullWidth is the punctuation Chinese text takes in place of each
// half-width mark an editor may type by habit (or paste from English
// text). The site shows Chinese exactly as typed: it makes English quotes
// typographic, but a straight quote between Chinese characters cannot be
// told opening from closing, so it is for the editor to fix.
var fullWidth = map[byte]string{
	',': "，", ';': "；", ':': "：", '?': "？", '!': "！",
	'(': "（", ')': "）", '"': "“ or ”", '\'': "‘ or ’",
}

// chinesePunctuation warns about half-width punctuation next to a Chinese
// character in the prose of Chinese pages (code, link addresses and
// figure references are not prose).
func (c *checker) chinesePunctuation() {
	for _, p := range c.res.Site.Pages {
		s := c.sources[p.Source]
		if s == nil || p.Lang == nil || p.Converted {
			continue // a converted page's file is checked as its own language's
		}
		typo := locale.TypographyOf(p.Lang.Tag)
		if !typo.FullWidth {
			continue
		}
		for _, seg := range s.parsed().texts {
			for i := seg.Start; i < seg.Stop; i++ {
				want, ok := fullWidth[s.body[i]]
				if !ok || !besideHan(s.body, i) {
					continue
				}
				switch s.body[i] {
				case '"':
					want = typo.Quotes
				case '\'':
					want = typo.SingleQuotes
				}
				line, col := s.position(i)
				c.warnf(s.file, line, col, "type "+want+" instead: Chinese text takes full-width punctuation, and the site shows it as typed",
					"half-width %q in Chinese text", s.body[i:i+1])
			}
		}
	}
}

// besideHan reports whether the byte at i of b, an ASCII mark, has a
// Chinese character right before or after it.
func besideHan(b []byte, i int) bool {
	before, _ := utf8.DecodeLastRune(b[:i])
	after, _ := utf8.DecodeRune(b[i+1:])
	return unicode.Is(unicode.Han, before) || unicode.Is(unicode.Han, after)
}
