package markdown

import (
	"errors"
	"html"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/xmca/almanac/internal/diag"
)

func FuzzConvert(f *testing.F) {
	files, _ := filepath.Glob("testdata/*.md")
	for _, name := range files {
		src, err := os.ReadFile(name)
		if err != nil {
			f.Fatal(err)
		}
		f.Add(src, false)
	}
	for _, s := range []string{
		"{{social-organizations}} {{ grid-count }} {{x}} {{Bad Key}} {{ }} {{",
		"{{chart social-organizations-by-type}}\n{{key-figures a b}}\n{{chart a b}}\n- {{key-figures grid-count}}\n",
		"中文\n中文 word\nword **{{grid-count}}**家 *a*\n{{grid-count}}",
		"## 标题 {#id}\n## 标题\n## ***\n# {{x}}\nSetext\n===\n",
		"[a](javascript:alert(1)) [b](jav&#x61;script:x) ![c](data:image/png;base64,xx) <javascript:alert(1)> [d](#x) [e](<\x01javascript:x>)",
		"x[^1]\n\n[^1]: note {{grid-count}}\n[^1]: again",
		"<script>alert(1)</script>\n\n<img src=x onerror=alert(1)>\n\n<!-- {{x}} -->",
		"| a | {{grid-count}} |\n|---|---|\n| `{{x}}` | **b** |\n",
		"```\n{{x}}\n```\n\n    {{y}}\n\n\\{{z}}",
		"a\x00b {{a\x00}} ## \x00\n",
		"\t- {{grid-count}}\n\t\t> {{chart social-organizations-by-type}}\n",
		"比上年{{change social-organizations}}，{{previous social-organizations 2015}} {{change grid-count}} {{change x 20}} {{previous}}\n",
	} {
		f.Add([]byte(s), false)
		f.Add([]byte(s), true)
	}
	converters := map[bool]*Converter{false: New(Options{}), true: New(Options{RawHTML: true})}

	f.Fuzz(func(t *testing.T, src []byte, rawHTML bool) {
		doc, err := converters[rawHTML].Convert(src, "content/2019/f.zh.md", 3, &comparingResolver{fakeResolver: newFakeResolver()})
		if doc == nil {
			t.Fatal("no document")
		}
		checkDiagnostics(t, err, src)

		page := string(doc.HTML(""))
		if strings.Contains(page, idMarker) {
			t.Fatalf("marker in HTML(\"\"): %q", page)
		}
		if rawHTML {
			return
		}
		if strings.Contains(strings.ToLower(page), "<script") {
			t.Fatalf("<script in output: %q", page)
		}
		for _, v := range urlAttributes(page) {
			if s := browserScheme(v); s == "javascript" || s == "vbscript" || s == "data" || s == "file" {
				t.Fatalf("unsafe URL %q in output: %q", v, page)
			}
		}
		print := string(doc.HTML("P-"))
		for _, part := range strings.Split(print, ` id="`)[1:] {
			if !strings.HasPrefix(part, "P-") {
				t.Fatalf("id without prefix in %q", print)
			}
		}
		checkEmbedded(t, doc, print)
	})
}

// checkEmbedded asserts that EmbeddedHTML moves every heading tag of print,
// the document as HTML("P-") gives it, and nothing else, and that it only
// ever rewrites whole link and image addresses.
func checkEmbedded(t *testing.T, doc *Document, print string) {
	moved := string(doc.EmbeddedHTML(Embedding{IDPrefix: "P-", HeadingShift: 1, URL: func(u string) string { return u }}))
	if want := shiftHeadings(print, 1); moved != want {
		t.Fatalf("headings moved wrong:\n got %q\nwant %q", moved, want)
	}
	before := urlAttributes(print)
	after := urlAttributes(string(doc.EmbeddedHTML(Embedding{IDPrefix: "P-", URL: func(u string) string { return "Z" + u }})))
	if len(after) != len(before) {
		t.Fatalf("%d addresses became %d", len(before), len(after))
	}
	for i, u := range after {
		if u != before[i] && (u != "Z"+before[i] || strings.HasPrefix(before[i], "#P-")) {
			t.Fatalf("address %q became %q", before[i], u)
		}
	}
}

// checkDiagnostics asserts err is a diag.List pointing inside src, which
// starts on line 3.
func checkDiagnostics(t *testing.T, err error, src []byte) {
	t.Helper()
	if err == nil {
		return
	}
	var list diag.List
	if !errors.As(err, &list) || len(list) == 0 {
		t.Fatalf("error %v (%T) is not a diag.List", err, err)
	}
	lastLine := 3 + strings.Count(string(src), "\n")
	for _, d := range list {
		if d.Line < 3 || d.Line > lastLine || d.Col < 1 || d.Msg == "" || d.File != "content/2019/f.zh.md" {
			t.Fatalf("bad diagnostic %+v for %q", d, src)
		}
	}
}

// urlAttributes returns the decoded values of href and src attributes.
func urlAttributes(page string) []string {
	var values []string
	for _, attr := range []string{` href="`, ` src="`} {
		for _, part := range strings.Split(page, attr)[1:] {
			if end := strings.IndexByte(part, '"'); end >= 0 {
				values = append(values, html.UnescapeString(part[:end]))
			}
		}
	}
	return values
}

// browserScheme is the scheme a browser reads in an attribute value: leading
// spaces and controls skipped, tabs and newlines removed, case folded.
func browserScheme(v string) string {
	v = strings.TrimLeft(v, "\x00\x01\x02\x03\x04\x05\x06\x07\x08\x09\x0a\x0b\x0c\x0d\x0e\x0f\x10\x11\x12\x13\x14\x15\x16\x17\x18\x19\x1a\x1b\x1c\x1d\x1e\x1f ")
	v = strings.NewReplacer("\t", "", "\n", "", "\r", "").Replace(v)
	i := strings.IndexByte(v, ':')
	if i < 0 {
		return ""
	}
	for _, c := range []byte(v[:i]) {
		if !isSchemeByte(c) {
			return ""
		}
	}
	return strings.ToLower(v[:i])
}
