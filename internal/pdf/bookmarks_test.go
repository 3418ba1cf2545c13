package pdf_test

import (
	"encoding/xml"
	"strings"
	"testing"
)

// bookmark is one entry of a PDF's outline and the entries under it.
type bookmark struct {
	title string
	under []*bookmark
}

// bookmarks reads the outline of file with poppler's pdftohtml, which
// lists it as <outline><item>title</item><outline>…under it…</outline>….
func bookmarks(t *testing.T, file string) []*bookmark {
	t.Helper()
	dec := xml.NewDecoder(strings.NewReader(tool(t, "pdftohtml", "-xml", "-i", "-stdout", file)))
	dec.Strict = false
	var stack [][]*bookmark // the lists being filled, innermost last
	var top []*bookmark
	for {
		tok, err := dec.Token()
		if err != nil {
			return top
		}
		switch tok := tok.(type) {
		case xml.StartElement:
			switch tok.Name.Local {
			case "outline":
				stack = append(stack, nil)
			case "item":
				var title string
				if err := dec.DecodeElement(&title, &tok); err != nil {
					t.Fatalf("pdftohtml's outline: %v", err)
				}
				stack[len(stack)-1] = append(stack[len(stack)-1], &bookmark{title: squash(title)})
			}
		case xml.EndElement:
			if tok.Name.Local != "outline" {
				continue
			}
			done := stack[len(stack)-1]
			stack = stack[:len(stack)-1]
			if len(stack) == 0 {
				top = append(top, done...)
			} else if parent := stack[len(stack)-1]; len(parent) > 0 {
				parent[len(parent)-1].under = done
			}
		}
	}
}

func findBookmark(list []*bookmark, title string) *bookmark {
	for _, b := range list {
		if b.title == title {
			return b
		}
		if found := findBookmark(b.under, title); found != nil {
			return found
		}
	}
	return nil
}

// TestReportPDFBookmarksNest: the PDF's bookmarks follow the print
// edition's headings, so each section's own headings are under its title,
// not beside it.
func TestReportPDFBookmarksNest(t *testing.T) {
	res := realSite(t)
	r := res.Site.LatestReport()
	for _, lang := range []string{"zh", "en"} {
		file, _ := printed(t, res, lang)
		outline := bookmarks(t, file)
		for _, sec := range r.SectionPages(lang) {
			b := findBookmark(outline, squash(sec.Title))
			if b == nil {
				t.Errorf("%s: no bookmark %q", lang, sec.Title)
				continue
			}
			var want, got []string
			for _, h := range sec.Doc.TOC {
				if h.Level == 2 {
					want = append(want, squash(h.Text))
				}
			}
			for _, u := range b.under {
				got = append(got, u.title)
			}
			if strings.Join(got, " | ") != strings.Join(want, " | ") {
				t.Errorf("%s: under the bookmark %q:\n%q\nwant its ## headings\n%q", lang, sec.Title, got, want)
			}
		}
	}
}
