package check

import (
	"slices"
	"strings"
	"testing"
)

func TestParseHTML(t *testing.T) {
	tests := []struct {
		name, src string
		problems  []string // words of each problem, in order
	}{
		{"well-formed", `<!DOCTYPE html><html><head><meta charset="utf-8"><title>x</title></head><body><h1 id="a">x</h1><p>one<br>two<img src="x.png" alt=""></p></body></html>`, nil},
		{"optional end tags", `<!DOCTYPE html><ul><li>a<li>b</ul><dl><dt>a<dd>b</dl><table><tr><td>1<td>2<tr><td>3</table><p>a<p>b`, nil},
		{"svg closes itself", `<!DOCTYPE html><figure><svg viewBox="0 0 1 1"><rect width="1" height="1"/><g><path d="M0 0"/></g></svg></figure>`, nil},
		{"script text", `<!DOCTYPE html><script>if (a < b && c > d) { document.write("</div>") }</script>`, nil},
		{"unclosed", `<!DOCTYPE html><div><section>x</div>`, []string{"<section> is not closed before </div>"}},
		{"never closed", `<!DOCTYPE html><main><div>x`, []string{"<main> is never closed", "<div> is never closed"}},
		{"stray end tag", `<!DOCTYPE html><div>x</div></span>`, []string{"</span> closes no open element"}},
		{"block in a paragraph", `<!DOCTYPE html><p><div>x</div></p>`, []string{"</p> closes no open element"}},
		{"self-closing div", `<!DOCTYPE html><div/>x`, []string{"<div/> does not close itself"}},
		{"end tag of void", `<!DOCTYPE html><br></br>`, []string{"end tag </br>"}},
		{"empty id", `<!DOCTYPE html><div id="">x</div>`, []string{"empty id"}},
		{"id with a space", `<!DOCTYPE html><div id="a b">x</div>`, []string{"contains a space"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			p := parseHTML([]byte(tt.src))
			if len(p.problems) != len(tt.problems) {
				t.Fatalf("problems %+v, want %q", p.problems, tt.problems)
			}
			for i, want := range tt.problems {
				if !strings.Contains(p.problems[i].msg, want) {
					t.Errorf("problem %d is %q, want %q", i, p.problems[i].msg, want)
				}
			}
		})
	}
}

func TestParseHTMLIDsAndLinks(t *testing.T) {
	p := parseHTML([]byte("<!DOCTYPE html>\n<h1 id=\"t\">x</h1>\n<h2 id=\"a\">a</h2><div id=\"a\"></div>\n<a href=\"/x/\">x</a><img src=\"i.png\"><svg><a href=\"#no\"></a></svg>"))
	if !p.doctype || len(p.h1) != 1 {
		t.Errorf("doctype %v, h1 %v", p.doctype, p.h1)
	}
	if strings.Join(p.headingIDs, " ") != "t a" {
		t.Errorf("heading ids %v", p.headingIDs)
	}
	if len(p.dupIDs) != 1 || p.dupIDs[0].id != "a" || lineOf(p.src, p.dupIDs[0].offset) != 3 {
		t.Errorf("repeated ids %+v", p.dupIDs)
	}
	var urls []string
	for _, l := range p.links {
		urls = append(urls, l.url)
	}
	if strings.Join(urls, " ") != "/x/ i.png" {
		t.Errorf("links %v (links inside SVG are not checked)", urls)
	}
}

// The page check skips the attributes of tags without "id" in them; ids
// written in capitals, with spaces or in SVG are still found.
func TestParseHTMLFindsIDsHoweverWritten(t *testing.T) {
	p := parseHTML([]byte("<!DOCTYPE html>\n<h1 ID=Top class=x>x</h1><div hidden data-id=q></div><section Id = 'b'></section>" +
		"<p class=i d=x></p><svg><g id=\"s\"></g></svg><span iD=\"b\"></span>"))
	var ids []string
	for id := range p.ids {
		ids = append(ids, id)
	}
	slices.Sort(ids)
	if got := strings.Join(ids, " "); got != "Top b s" {
		t.Errorf("ids %q, want Top b s", got)
	}
	if strings.Join(p.headingIDs, " ") != "Top" || len(p.dupIDs) != 1 || p.dupIDs[0].id != "b" {
		t.Errorf("heading ids %v, repeated ids %+v", p.headingIDs, p.dupIDs)
	}
}
