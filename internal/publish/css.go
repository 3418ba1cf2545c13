package publish

import (
	"bytes"
	"strings"

	"github.com/tdewolff/parse/v2"
	"github.com/tdewolff/parse/v2/css"
)

// cssRef is one URL in a stylesheet: in url(...), in an @import string, or
// in a string inside image-set().
type cssRef struct {
	start, end int    // the URL's bytes in the stylesheet, without quotes
	tokStart   int    // where the token holding it starts (for positions)
	val        string // the URL as written
	fontFace   bool   // inside an @font-face block
	isImport   bool
}

// cssRefs lists the URLs in a stylesheet, using the CSS tokenizer so that
// comments and strings that merely contain "url(" are left alone. URLs with
// CSS escapes (backslashes) are skipped.
func cssRefs(src []byte) []cssRef {
	buf := make([]byte, len(src), len(src)+1)
	copy(buf, src)
	in := parse.NewInputBytes(buf)
	defer in.Restore()
	l := css.NewLexer(in)

	var refs []cssRef
	pos := 0
	afterImport := false
	pendingFontFace := false
	depth, fontFaceDepth := 0, -1
	var fns []string // open functions and parentheses, innermost last
	for {
		tt, data := l.Next()
		if tt == css.ErrorToken {
			break
		}
		start := pos
		pos += len(data)
		significant := tt != css.WhitespaceToken && tt != css.CommentToken
		switch tt {
		case css.URLToken:
			open := bytes.IndexByte(data, '(')
			if open < 0 {
				break
			}
			s, e := open+1, len(data)
			if data[e-1] == ')' {
				e--
			}
			for s < e && isSpace(data[s]) {
				s++
			}
			for e > s && isSpace(data[e-1]) {
				e--
			}
			if e > s && (data[s] == '"' || data[s] == '\'') {
				if e-s < 2 || data[e-1] != data[s] {
					break
				}
				s, e = s+1, e-1
			}
			if v := data[s:e]; len(v) > 0 && bytes.IndexByte(v, '\\') < 0 {
				refs = append(refs, cssRef{start + s, start + e, start, string(v), fontFaceDepth >= 0, afterImport})
			}
		case css.StringToken:
			inImageSet := len(fns) > 0 && strings.HasSuffix(fns[len(fns)-1], "image-set")
			if (afterImport || inImageSet) && len(data) >= 2 && data[len(data)-1] == data[0] {
				if v := data[1 : len(data)-1]; len(v) > 0 && bytes.IndexByte(v, '\\') < 0 {
					refs = append(refs, cssRef{start + 1, start + len(data) - 1, start, string(v), fontFaceDepth >= 0, afterImport})
				}
			}
		case css.AtKeywordToken:
			pendingFontFace = strings.EqualFold(string(data), "@font-face")
			afterImport = strings.EqualFold(string(data), "@import")
			continue
		case css.FunctionToken:
			fns = append(fns, strings.ToLower(strings.TrimSuffix(string(data), "(")))
		case css.LeftParenthesisToken:
			fns = append(fns, "")
		case css.RightParenthesisToken:
			if len(fns) > 0 {
				fns = fns[:len(fns)-1]
			}
		case css.LeftBraceToken:
			depth++
			if pendingFontFace {
				fontFaceDepth = depth
				pendingFontFace = false
			}
		case css.RightBraceToken:
			if depth == fontFaceDepth {
				fontFaceDepth = -1
			}
			if depth > 0 {
				depth--
			}
		case css.SemicolonToken:
			pendingFontFace = false
		}
		if significant {
			afterImport = false
		}
	}
	return refs
}

// rewriteCSS replaces the URLs for which fn returns ok, keeping every other byte.
func rewriteCSS(src []byte, fn func(r cssRef) (string, bool)) (out []byte, changed bool) {
	refs := cssRefs(src)
	var buf bytes.Buffer
	last := 0
	for _, r := range refs {
		nv, ok := fn(r)
		if !ok || nv == r.val {
			continue
		}
		buf.Write(src[last:r.start])
		buf.WriteString(nv)
		last = r.end
		changed = true
	}
	if !changed {
		return src, false
	}
	buf.Write(src[last:])
	return buf.Bytes(), true
}
