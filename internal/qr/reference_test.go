package qr

import (
	"html"
	"strconv"
	"strings"
	"testing"

	goqr "github.com/piglig/go-qr"
)

// referenceSVG is what SVG returns, written the plain way: go-qr's own
// encoder and the renderer SVG had before it was tuned for speed, kept
// here verbatim but for names. SVG builds the same bytes with its own
// encoder on words and reused buffers; this is the yardstick, so that no
// speed-up can change a page of a built site (FuzzSVG and TestGolden hold
// SVG to it). It returns "" where SVG returns an error.
func referenceSVG(text, title string) string {
	title = strings.TrimSpace(cleanText(title))
	if text == "" || title == "" {
		return ""
	}
	code, err := goqr.EncodeText(text, goqr.Medium)
	if err != nil {
		return ""
	}
	side := strconv.Itoa(code.Size() + 2*QuietZone)
	var b strings.Builder
	b.WriteString(`<svg xmlns="http://www.w3.org/2000/svg" class="qr" role="img" viewBox="0 0 ` + side + " " + side + `" shape-rendering="crispEdges">`)
	b.WriteString("<title>" + html.EscapeString(title) + "</title>")
	b.WriteString(`<rect width="` + side + `" height="` + side + `" fill="#fff"/>`)
	b.WriteString(`<path fill="#000" d="`)
	b.Write(referencePath(code))
	b.WriteString(`"/>`)
	b.WriteString("</svg>")
	return b.String()
}

func referencePath(code *goqr.QrCode) []byte {
	size := code.Size()
	b := make([]byte, 0, 4*size*size)
	for y := range size {
		for x := 0; x < size; {
			if !code.Module(x, y) {
				x++
				continue
			}
			run := 1
			for code.Module(x+run, y) {
				run++
			}
			b = append(b, 'M')
			b = strconv.AppendInt(b, int64(x+QuietZone), 10)
			b = append(b, ' ')
			b = strconv.AppendInt(b, int64(y+QuietZone), 10)
			b = append(b, 'h')
			b = strconv.AppendInt(b, int64(run), 10)
			b = append(b, "v1h-"...)
			b = strconv.AppendInt(b, int64(run), 10)
			b = append(b, 'z')
			x += run
		}
	}
	return b
}

// TestGoldenMatchesReference checks the golden corpus against the
// reference too, which says where the bytes differ when TestGolden fails.
func TestGoldenMatchesReference(t *testing.T) {
	for i, c := range goldenCorpus() {
		checkAgainstReference(t, c.text, c.title)
		if t.Failed() {
			t.Fatalf("golden case %d", i)
		}
	}
}

func checkAgainstReference(t *testing.T, text, title string) {
	t.Helper()
	got, err := SVG(text, title)
	want := referenceSVG(text, title)
	switch {
	case (err != nil) != (want == ""):
		t.Errorf("text %.60q, title %q: SVG error %v, reference %d bytes", text, title, err, len(want))
	case string(got) != want:
		at := 0
		for at < min(len(got), len(want)) && got[at] == want[at] {
			at++
		}
		t.Errorf("text %.60q, title %q: SVG differs from the reference at byte %d:\n got %.80q\nwant %.80q",
			text, title, at, got[max(0, at-20):], want[max(0, at-20):])
	}
}
