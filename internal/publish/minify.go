package publish

import (
	"errors"
	"path"
	"regexp"
	"strings"

	"github.com/tdewolff/minify/v2"
	mincss "github.com/tdewolff/minify/v2/css"
	minhtml "github.com/tdewolff/minify/v2/html"
	minjs "github.com/tdewolff/minify/v2/js"
	minjson "github.com/tdewolff/minify/v2/json"
	minsvg "github.com/tdewolff/minify/v2/svg"
	minxml "github.com/tdewolff/minify/v2/xml"
	"github.com/tdewolff/parse/v2"

	"github.com/xmca/almanac/internal/diag"
	"github.com/xmca/almanac/internal/output"
)

// minifyTypes maps the extensions Minify handles to media types.
var minifyTypes = map[string]string{
	".html":        "text/html",
	".htm":         "text/html",
	".css":         "text/css",
	".js":          "application/javascript",
	".mjs":         "application/javascript",
	".svg":         "image/svg+xml",
	".json":        "application/json",
	".webmanifest": "application/manifest+json",
	".xml":         "application/xml",
}

// newMinifier sets up minifiers with settings that keep meaning:
//   - HTML keeps <html>/<head>/<body>, end tags, attribute quotes and default
//     attribute values, so the parsed document is the same tree; whitespace
//     runs collapse to one space, or one newline when they held a newline,
//     which keeps Chinese line-break rendering as it was; <pre> and
//     <textarea> are untouched.
//   - numbers keep full precision (CSS, SVG, JSON keep numbers as written);
//   - JS minification introduces no syntax the source did not use (no
//     template literals, ?? or optional catch bindings), so scripts written
//     for older phones keep working there.
func newMinifier() *minify.M {
	m := minify.New()
	m.Add("text/html", &minhtml.Minifier{
		KeepDocumentTags:    true,
		KeepEndTags:         true,
		KeepQuotes:          true,
		KeepDefaultAttrVals: true,
		KeepSpecialComments: true,
	})
	m.Add("text/css", &mincss.Minifier{})
	m.Add("image/svg+xml", &minsvg.Minifier{})
	m.AddRegexp(regexp.MustCompile(`^(application|text)/(x-)?(java|ecma)script$`), &minjs.Minifier{Version: 5})
	m.AddRegexp(regexp.MustCompile(`[/+]json$`), &minjson.Minifier{KeepNumbers: true})
	m.AddRegexp(regexp.MustCompile(`[/+]xml$`), &minxml.Minifier{})
	return m
}

// Minify minifies every HTML, CSS, JS, SVG, JSON and XML file in place.
// A file that does not parse is an error naming it. A file is left as it was
// when minifying would not make it smaller.
func Minify(files output.Files) error {
	m := newMinifier()
	var todo []string
	for _, p := range sortedKeys(files) {
		if _, ok := minifyTypes[strings.ToLower(path.Ext(p))]; ok {
			todo = append(todo, p)
		}
	}
	// On all cores; each file's result depends on it alone. The parser
	// writes a 0 past the end of a slice that has room (and restores it
	// after), and lower-cases names where they stand; files may share an
	// array (a JSON file ending where the next begins), so each input is
	// capped at its length, which makes the parser work on its own copy.
	srcs := make([][]byte, len(todo))
	for i, p := range todo {
		b := files[p]
		srcs[i] = b[:len(b):len(b)]
	}
	outs := make([][]byte, len(todo))
	errs := make([]error, len(todo))
	parallelLargestFirst(len(todo), func(i int) int { return len(srcs[i]) }, func(i int) {
		outs[i], errs[i] = minifyBytes(m, todo[i], srcs[i])
	})
	var list diag.List
	for i, p := range todo {
		if errs[i] != nil {
			list.Add(p, errs[i])
			continue
		}
		files[p] = outs[i]
	}
	return list.Err()
}

func minifyBytes(m *minify.M, p string, in []byte) ([]byte, error) {
	mt := minifyTypes[strings.ToLower(path.Ext(p))]
	out, err := m.Bytes(mt, in)
	if err != nil {
		line, col := 0, 0
		msg := err.Error()
		var pe *parse.Error
		if errors.As(err, &pe) {
			line, col, msg = pe.Line, pe.Column, pe.Message
		}
		return nil, diag.Errorf(p, line, col,
			"fix the syntax error in the source file this was built from, or check it in a browser's developer tools",
			"cannot minify: %s", msg)
	}
	if len(out) >= len(in) {
		return in, nil
	}
	return out, nil
}
