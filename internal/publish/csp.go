package publish

import (
	"bytes"
	"path"
	"slices"
	"strings"

	"golang.org/x/net/html"

	"github.com/xmca/almanac/internal/diag"
	"github.com/xmca/almanac/internal/output"
)

// CheckCSP reports every place in files that ContentSecurityPolicy would
// block: inline <script> and <style>, style="" attributes (in inline SVG
// too), on…= event handlers, javascript: URLs, <object>/<embed>, and scripts,
// stylesheets, images, frames, media, fonts or form targets on another
// origin, in HTML pages and in stylesheets.
func CheckCSP(files output.Files, baseURL string) error {
	s, err := newSite(baseURL)
	if err != nil {
		return err
	}
	return checkCSP(files, s)
}

const (
	hintScript = "move the script into a .js file under static/js and load it with <script src>; attach handlers with addEventListener"
	hintStyle  = "move the styling into the site's stylesheet (static/css) and use a class instead"
	hintOrigin = "copy the file into static/ so it is served from the site itself"
)

// jsTypes are <script type> values whose content runs as script (or is an
// import map, which the policy also governs).
var jsTypes = map[string]bool{
	"": true, "module": true, "importmap": true, "speculationrules": true,
	"text/javascript": true, "application/javascript": true, "application/ecmascript": true,
	"text/ecmascript": true, "application/x-javascript": true, "application/x-ecmascript": true,
	"text/x-javascript": true, "text/x-ecmascript": true, "text/jscript": true, "text/livescript": true,
	"text/javascript1.0": true, "text/javascript1.1": true, "text/javascript1.2": true,
	"text/javascript1.3": true, "text/javascript1.4": true, "text/javascript1.5": true,
}

// checkCSP checks every page and stylesheet in files against the policy.
func checkCSP(files output.Files, s *site) error {
	return s.checkCSPFiles(cspFiles(files))
}

// cspFile is a page or a stylesheet, for the policy check.
type cspFile struct {
	path string
	src  []byte
}

// cspFiles lists the pages and stylesheets in files, in no order.
func cspFiles(files output.Files) []cspFile {
	var list []cspFile
	for p, src := range files {
		if isHTML(p) || strings.EqualFold(path.Ext(p), ".css") {
			list = append(list, cspFile{p, src})
		}
	}
	return list
}

// checkCSPFiles checks the files on all cores: it reads every byte of the
// site, and runs on every build. The findings are in path order.
func (s *site) checkCSPFiles(list []cspFile) error {
	found := make([]diag.List, len(list))
	parallelLargestFirst(len(list), func(i int) int { return len(list[i].src) }, func(i int) {
		p, src := list[i].path, list[i].src
		if !isHTML(p) {
			found[i] = s.cspCSS(p, src)
			return
		}
		found[i] = s.cspHTML(p, src, src, 0)
	})
	var faulty []int
	for i, f := range found {
		if len(f) > 0 {
			faulty = append(faulty, i)
		}
	}
	slices.SortFunc(faulty, func(a, b int) int { return strings.Compare(list[a].path, list[b].path) })
	var errs diag.List
	for _, i := range faulty {
		errs = append(errs, found[i]...)
	}
	return errs.Err()
}

func (s *site) cspCSS(p string, src []byte) diag.List {
	var errs diag.List
	for _, r := range cssRefs(src) {
		k := s.classify(r.val)
		if k == refExternal || k == refData && (r.fontFace || r.isImport) || k == refScript {
			line, col := diag.LineCol(src, r.tokStart)
			errs = append(errs, diag.Errorf(p, line, col, hintOrigin,
				"the Content-Security-Policy blocks url(%s): only files from the site itself may be loaded", shorten(r.val)))
		}
	}
	return errs
}

func shorten(v string) string {
	if len(v) > 60 {
		return v[:57] + "..."
	}
	return v
}

// cspHTML checks part, which starts at offset base of the page src.
func (s *site) cspHTML(p string, src, part []byte, base int) diag.List {
	var errs diag.List
	z := html.NewTokenizer(bytes.NewReader(part))
	pos := base
	report := func(at int, hint, format string, args ...any) {
		line, col := diag.LineCol(src, at)
		errs = append(errs, diag.Errorf(p, line, col, hint, format, args...))
	}
	inline := "" // "script" or "style" while inside one whose text would be blocked
	inlineAt := 0
	var attrs []html.Attribute // the current tag's, reused from tag to tag
	for {
		tt := z.Next()
		if tt == html.ErrorToken {
			break
		}
		start := pos
		pos += len(z.Raw())
		switch tt {
		case html.TextToken:
			if inline == "noscript" {
				// Markup for browsers without scripting, which the tokenizer reads as text.
				errs = append(errs, s.cspHTML(p, src, append([]byte(nil), z.Raw()...), start)...)
			} else if inline != "" && len(bytes.Trim(z.Raw(), htmlSpace)) > 0 {
				report(inlineAt, map[string]string{"script": hintScript, "style": hintStyle}[inline],
					"inline <%s> is blocked by the Content-Security-Policy", inline)
			}
			inline = ""
			continue
		case html.EndTagToken:
			inline = ""
			continue
		case html.StartTagToken, html.SelfClosingTagToken:
		default:
			continue
		}
		var name string
		name, attrs = policyAttrs(z, attrs[:0])
		inline = ""
		if name != "" {
			inline = s.cspTag(name, attrs, tt == html.StartTagToken, func(hint, format string, args ...any) {
				report(start, hint, format, args...)
			})
		}
		inlineAt = start
	}
	return errs
}

// cspElements are the elements cspTag checks by name; on any other, only
// event handlers, style and script URLs can break the policy.
var cspElements = map[string]bool{"script": true, "style": true, "noscript": true, "link": true, "img": true,
	"image": true, "source": true, "input": true, "video": true, "audio": true, "track": true, "iframe": true,
	"frame": true, "object": true, "embed": true, "applet": true, "form": true, "button": true, "base": true}

// policyAttrs reads the current tag's name and the attributes cspTag looks
// at into attrs: all of them on cspElements, and elsewhere only event
// handlers, style and script URLs. name is "" when there is nothing to
// check, which is most tags: the check reads every tag of every page, so
// it copies out only what it needs.
func policyAttrs(z *html.Tokenizer, attrs []html.Attribute) (name string, _ []html.Attribute) {
	n, more := z.TagName()
	element := cspElements[string(n)]
	for more {
		var k, v []byte
		k, v, more = z.TagAttr()
		if element || isEventHandler(string(k)) || string(k) == "style" || scriptURLAttr(string(k)) {
			attrs = append(attrs, html.Attribute{Key: string(k), Val: string(v)})
		}
	}
	if element || len(attrs) > 0 {
		name = string(n)
	}
	return name, attrs
}

// A <link> loads what it names only with one of these rel tokens, and
// cspTag checks it only then.
var (
	iconRels = []string{"icon", "apple-touch-icon", "mask-icon"}
	loadRels = []string{"stylesheet", "preload", "modulepreload", "prefetch", "manifest"}
)

// scriptURLAttr reports whether the attribute key (lower-case) holds a URL
// that runs as script when it is javascript:.
func scriptURLAttr(key string) bool {
	switch key {
	case "href", "src", "xlink:href", "action", "formaction":
		return true
	}
	return false
}

func isEventHandler(key string) bool {
	return len(key) > 2 && strings.HasPrefix(key, "on")
}

// cspTag checks one start tag (name and attribute keys lower-case, as the
// tokenizer gives them) and reports what the policy blocks in it. It
// returns "script", "style" or "noscript" when the element's text must be
// checked too (start says the tag is not self-closing), "" otherwise.

func (s *site) cspTag(name string, attrs []html.Attribute, start bool, report func(hint, format string, args ...any)) (inline string) {
	for _, a := range attrs {
		switch {
		case isEventHandler(a.Key):
			report(hintScript, "the event handler %s= on <%s> is blocked by the Content-Security-Policy", a.Key, name)
		case a.Key == "style" && strings.Trim(a.Val, htmlSpace) != "":
			report(hintStyle, "the style attribute on <%s> is blocked by the Content-Security-Policy", name)
		case scriptURLAttr(a.Key):
			if isScriptURL(a.Val) {
				report(hintScript, "the javascript: URL in <%s %s> is blocked by the Content-Security-Policy", name, a.Key)
			}
		}
	}
	// What the element loads, and what the policy allows it.
	check := func(key string, allowData bool) {
		v, ok := attrVal(attrs, key)
		if !ok || strings.Trim(v, htmlSpace) == "" {
			return
		}
		vals := []string{v}
		if key == "srcset" || key == "imagesrcset" {
			vals = nil
			rewriteSrcset(v, func(u string) (string, bool) { vals = append(vals, u); return u, false })
		}
		for _, v := range vals {
			switch s.classify(v) {
			case refExternal, refOther:
				report(hintOrigin, "<%s %s=%q> loads from another origin, which the Content-Security-Policy blocks", name, key, shorten(v))
			case refData:
				if !allowData {
					report(hintOrigin, "<%s %s> is a data: URL, which the Content-Security-Policy blocks here", name, key)
				}
			}
		}
	}
	switch name {
	case "script":
		if _, ok := attrVal(attrs, "src"); ok {
			check("src", false)
		} else if typ, _ := attrVal(attrs, "type"); jsTypes[strings.ToLower(strings.TrimSpace(strings.SplitN(typ, ";", 2)[0]))] && start {
			return "script"
		}
	case "style", "noscript":
		if start {
			return name
		}
	case "link":
		rel := relTokens(attrs)
		switch {
		case rel.hasAny(iconRels):
			check("href", true)
		case rel.hasAny(loadRels):
			check("href", false)
			check("imagesrcset", true)
		}
	case "img", "image":
		check("src", true)
		check("srcset", true)
		check("href", true)
		check("xlink:href", true)
	case "source":
		check("src", true)
		check("srcset", true)
	case "input":
		if typ, _ := attrVal(attrs, "type"); strings.EqualFold(strings.TrimSpace(typ), "image") {
			check("src", true)
		}
		check("formaction", false)
	case "video":
		check("poster", true)
		check("src", false)
	case "audio", "track", "iframe", "frame":
		check("src", false)
	case "object", "embed", "applet":
		report("link to the file instead of embedding it", "<%s> is blocked by the Content-Security-Policy (object-src 'none')", name)
	case "form":
		check("action", false)
	case "button":
		check("formaction", false)
	case "base":
		check("href", false)
	}
	return ""
}
