package publish

import (
	"bytes"
	"crypto/sha512"
	"encoding/base64"
	"path"
	"slices"
	"sort"
	"strings"
	"sync"

	"golang.org/x/net/html"

	"github.com/xmca/almanac/internal/diag"
	"github.com/xmca/almanac/internal/output"
)

// Fingerprint gives CSS, JS, images and fonts content-hash names
// (css/site.css → css/site.3f9a2c1b.css, the first 8 hex digits of the
// sha256 of the file), rewrites every reference to them in HTML (href, src,
// srcset, poster, image <meta content>, url() in <style> and style="") and in
// CSS (url(), @import), and adds integrity (sha384) and
// crossorigin="anonymous" to <link rel=stylesheet> and <script src> that
// load them. A stylesheet is hashed after its own references are rewritten,
// so its name covers the bytes served.
//
// Run it after minifying: integrity hashes are of the bytes as they stand.
// It returns the renames, old path → new path.
func Fingerprint(files output.Files, baseURL string) (map[string]string, error) {
	s, err := newSite(baseURL)
	if err != nil {
		return nil, err
	}
	return fingerprint(files, s)
}

type fingerprinter struct {
	files   output.Files
	site    *site
	cand    map[string]bool   // files to rename
	renamed map[string]string // old → new
	state   map[string]int    // 1 visiting, 2 done
	sriMu   sync.Mutex
	sri     map[string]string // new path → "sha384-…"
}

func fingerprint(files output.Files, s *site) (map[string]string, error) {
	f := &fingerprinter{
		files:   files,
		site:    s,
		cand:    map[string]bool{},
		renamed: map[string]string{},
		state:   map[string]int{},
		sri:     map[string]string{},
	}
	var cands []string
	for p := range files {
		if fingerprintable(p) {
			f.cand[p] = true
			cands = append(cands, p)
		}
	}
	sort.Strings(cands)
	for _, p := range cands {
		if err := f.visit(p, nil); err != nil {
			return nil, err
		}
	}
	// The pages on all cores: each is rewritten on its own, and nothing
	// but the integrity values is written while they are.
	var pages [][]byte
	var paths []string
	for _, p := range sortedKeys(files) {
		if isHTML(p) {
			paths, pages = append(paths, p), append(pages, files[p])
		}
	}
	outs := make([][]byte, len(pages))
	errs := make([]error, len(pages))
	parallelLargestFirst(len(pages), func(i int) int { return len(pages[i]) }, func(i int) {
		outs[i], errs[i] = f.rewriteHTML(paths[i], pages[i])
	})
	var list diag.List
	for i, p := range paths {
		if errs[i] != nil {
			list.Add(p, errs[i])
			continue
		}
		files[p] = outs[i]
	}
	if err := list.Err(); err != nil {
		return nil, err
	}
	return f.renamed, nil
}

func sortedKeys(files output.Files) []string {
	keys := make([]string, 0, len(files))
	for k := range files {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	return keys
}

// visit renames p, after the files its stylesheet refers to when it is CSS.
func (f *fingerprinter) visit(p string, chain []string) error {
	switch f.state[p] {
	case 2:
		return nil
	case 1:
		return diag.Errorf(p, 0, 0, "remove the @import that closes the circle",
			"stylesheets import each other in a circle: %s", strings.Join(append(chain, p), " → "))
	}
	f.state[p] = 1
	content := f.files[p]
	if strings.EqualFold(path.Ext(p), ".css") {
		for _, r := range cssRefs(content) {
			if k, ok := f.site.local(p, r.val); ok && f.cand[k] && k != p {
				if err := f.visit(k, append(chain, p)); err != nil {
					return err
				}
			}
		}
		content, _ = rewriteCSS(content, func(r cssRef) (string, bool) {
			return f.rewriteRef(p, r.val)
		})
	}
	name := fingerprintedName(p, content)
	if _, clash := f.files[name]; clash && !f.cand[name] {
		return diag.Errorf(p, 0, 0, "build into an empty folder; publish must not run twice over the same output",
			"cannot fingerprint %s: %s already exists", p, name)
	}
	delete(f.files, p)
	f.files[name] = content
	f.renamed[p] = name
	f.state[p] = 2
	return nil
}

// rewriteRef returns ref rewritten to the fingerprinted name of the file it
// points to from the file from, or ok false when it points to no renamed file.
func (f *fingerprinter) rewriteRef(from, ref string) (string, bool) {
	k, ok := f.site.local(from, ref)
	if !ok {
		return "", false
	}
	nk, ok := f.renamed[k]
	if !ok {
		return "", false
	}
	return f.site.withHash(from, ref, nk), true
}

// integrity is the Subresource Integrity value of the output file p.
func (f *fingerprinter) integrity(p string) string {
	f.sriMu.Lock()
	v, ok := f.sri[p]
	f.sriMu.Unlock()
	if ok {
		return v
	}
	v = SRI(f.files[p]) // outside the lock: pages on other cores wait for no hash but their own
	f.sriMu.Lock()
	f.sri[p] = v
	f.sriMu.Unlock()
	return v
}

// SRI returns the Subresource Integrity value ("sha384-…") of content.
func SRI(content []byte) string {
	sum := sha512.Sum384(content)
	return "sha384-" + base64.StdEncoding.EncodeToString(sum[:])
}

// urlAttrs hold a single URL on any element.
var urlAttrs = map[string]bool{"href": true, "src": true, "poster": true, "xlink:href": true}

// rewriteSrcset rewrites each candidate URL of a srcset value.
func rewriteSrcset(v string, fn func(string) (string, bool)) (string, bool) {
	var b strings.Builder
	changed := false
	i := 0
	for i < len(v) {
		// Leading whitespace and commas.
		j := i
		for j < len(v) && (isSpace(v[j]) || v[j] == ',') {
			j++
		}
		b.WriteString(v[i:j])
		i = j
		if i >= len(v) {
			break
		}
		// The URL runs to whitespace; trailing commas are separators.
		for j < len(v) && !isSpace(v[j]) {
			j++
		}
		u := v[i:j]
		k := len(u)
		for k > 0 && u[k-1] == ',' {
			k--
		}
		if nu, ok := fn(u[:k]); ok && nu != u[:k] {
			b.WriteString(nu)
			changed = true
		} else {
			b.WriteString(u[:k])
		}
		b.WriteString(u[k:])
		i = j
		if k < len(u) {
			continue // the candidate had no descriptors
		}
		// Descriptors, up to the next comma outside parentheses.
		depth := 0
		for j < len(v) {
			c := v[j]
			if c == '(' {
				depth++
			} else if c == ')' && depth > 0 {
				depth--
			} else if c == ',' && depth == 0 {
				break
			}
			j++
		}
		b.WriteString(v[i:j])
		i = j
	}
	return b.String(), changed
}

func attrVal(attrs []html.Attribute, key string) (string, bool) {
	for _, a := range attrs {
		if a.Key == key {
			return a.Val, true
		}
	}
	return "", false
}

// relList is a rel attribute's value in lower case: a set of tokens.
// Every <link> of every page is asked about its rel, so it is kept as the
// string rather than made into a map.
type relList string

func relTokens(attrs []html.Attribute) relList {
	rel, _ := attrVal(attrs, "rel")
	return relList(strings.ToLower(rel))
}

// has reports whether tok (lower-case) is one of the tokens.
func (r relList) has(tok string) bool {
	return r.hasAny([]string{tok})
}

// hasAny reports whether one of toks (lower-case) is one of the tokens.
func (r relList) hasAny(toks []string) bool {
	for t := range strings.FieldsSeq(string(r)) {
		if slices.Contains(toks, t) {
			return true
		}
	}
	return false
}

// tokenAttrs reads the current tag's attributes from the tokenizer.
func tokenAttrs(z *html.Tokenizer) (name string, attrs []html.Attribute) {
	n, more := z.TagName()
	for more {
		var k, v []byte
		k, v, more = z.TagAttr()
		attrs = append(attrs, html.Attribute{Key: string(k), Val: string(v)})
	}
	return string(n), attrs
}

// rewriteHTML rewrites references to renamed files in one page, token by
// token; tags and text it does not change are copied byte for byte.
func (f *fingerprinter) rewriteHTML(p string, src []byte) ([]byte, error) {
	z := html.NewTokenizer(bytes.NewReader(src))
	var out bytes.Buffer
	out.Grow(len(src) + 256)
	pos := 0
	changed := false
	rawIn := "" // "style" or "noscript" while in the text of one
	for {
		tt := z.Next()
		if tt == html.ErrorToken {
			break
		}
		raw := z.Raw()
		pos += len(raw)
		switch tt {
		case html.TextToken:
			switch rawIn {
			case "style":
				if nt, ok := rewriteCSS(raw, func(r cssRef) (string, bool) { return f.rewriteRef(p, r.val) }); ok {
					out.Write(nt)
					changed = true
					continue
				}
			case "noscript":
				// The tokenizer reads <noscript> as text (as browsers with
				// scripting on do); without scripting it is markup, so
				// rewrite it as such.
				inner := append([]byte(nil), raw...)
				nt, err := f.rewriteHTML(p, inner)
				if err != nil {
					return nil, err
				}
				if !bytes.Equal(nt, inner) {
					out.Write(nt)
					changed = true
					continue
				}
			}
		case html.StartTagToken, html.SelfClosingTagToken:
			name, attrs := tokenAttrs(z)
			rawIn = ""
			if tt == html.StartTagToken && (name == "style" || name == "noscript") {
				rawIn = name
			}
			if e := f.tagEdits(p, name, attrs); !e.empty() {
				out.Write(applyTagEdit(raw, name, attrs, e))
				changed = true
				continue
			}
		case html.EndTagToken:
			rawIn = ""
		}
		out.Write(raw)
	}
	if !changed {
		return src, nil
	}
	if pos < len(src) {
		out.Write(src[pos:])
	}
	return out.Bytes(), nil
}

// tagEdits works out what to change on one start tag.
func (f *fingerprinter) tagEdits(p, name string, attrs []html.Attribute) *tagEdit {
	e := &tagEdit{}
	ref := func(v string) (string, bool) { return f.rewriteRef(p, v) }
	imageMeta := false
	if name == "meta" {
		for _, k := range []string{"property", "name", "itemprop"} {
			if v, ok := attrVal(attrs, k); ok && strings.Contains(strings.ToLower(v), "image") {
				imageMeta = true
			}
		}
	}
	for _, a := range attrs {
		switch {
		case urlAttrs[a.Key] || a.Key == "data" && name == "object" || a.Key == "content" && imageMeta:
			if nv, ok := ref(a.Val); ok && nv != a.Val {
				e.setAttr(a.Key, nv)
			}
		case a.Key == "srcset" || a.Key == "imagesrcset":
			if nv, ok := rewriteSrcset(a.Val, ref); ok {
				e.setAttr(a.Key, nv)
			}
		case a.Key == "style":
			if nv, ok := rewriteCSS([]byte(a.Val), func(r cssRef) (string, bool) { return ref(r.val) }); ok {
				e.setAttr(a.Key, string(nv))
			}
		}
	}

	// Subresource Integrity for stylesheets and scripts loaded from renamed files.
	var target string
	switch name {
	case "link":
		rel := relTokens(attrs)
		as, _ := attrVal(attrs, "as")
		as = strings.ToLower(strings.TrimSpace(as))
		if rel.has("stylesheet") || rel.has("modulepreload") || rel.has("preload") && (as == "style" || as == "script") {
			target, _ = attrVal(attrs, "href")
		}
	case "script":
		target, _ = attrVal(attrs, "src")
	}
	if target != "" {
		if k, ok := f.site.local(p, target); ok {
			if nk, ok := f.renamed[k]; ok {
				sri := f.integrity(nk)
				if old, has := attrVal(attrs, "integrity"); !has {
					e.add = append(e.add, html.Attribute{Key: "integrity", Val: sri})
				} else if old != sri {
					e.setAttr("integrity", sri)
				}
				if _, has := attrVal(attrs, "crossorigin"); !has {
					e.add = append(e.add, html.Attribute{Key: "crossorigin", Val: "anonymous"})
				}
			}
		}
	}
	return e
}
