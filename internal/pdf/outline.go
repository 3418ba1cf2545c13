package pdf

import (
	"bytes"
	"encoding/hex"
	"fmt"
	"regexp"
	"sort"
	"strconv"
	"strings"
	"unicode"
	"unicode/utf16"
)

// headingsScript lists the text of the page's headings, as written and as
// laid out, for fixOutline.
const headingsScript = `[...document.querySelectorAll('h1, h2, h3, h4, h5, h6')]
  .flatMap(h => [h.textContent, h.innerText])
  .map(s => s.replace(/\s+/g, ' ').trim())
  .filter(s => s !== '')`

// outlineTitle matches a title in a dictionary, the bookmarks' and the
// Info dictionary's: a hex UTF-16 string (<FEFF…>), or a literal string
// ((…), with \-escapes), which Chromium writes for ASCII text.
var outlineTitle = regexp.MustCompile(`/Title\s*(<FEFF[0-9A-Fa-f]*>|\((?:[^\\()]|\\[\s\S])*\))`)

// fixOutline mends the bookmark titles Chromium writes. It builds them
// from the laid-out lines of a heading, so a heading that wraps loses the
// space at the break ("andInnovating") and one that is laid out again at
// a page break is there twice ("HighlightsHighlights"). A title that is a
// heading's text with spaces lost, or twice, becomes the heading's text.
//
// The new titles have other lengths, so the cross-reference table is
// rewritten; when the file is not laid out as expected (no single classic
// xref table), or the result does not check out, data is returned as it
// was.
func fixOutline(data []byte, headings []string) []byte {
	want := map[string]string{}
	for _, h := range headings {
		k := squashSpace(h)
		if _, ok := want[k]; !ok {
			want[k] = h
		}
		if _, ok := want[k+k]; !ok {
			want[k+k] = h
		}
	}
	type edit struct {
		start, end int
		text       []byte
	}
	var edits []edit
	for _, m := range outlineTitle.FindAllSubmatchIndex(data, -1) {
		title, ok := decodeTextString(data[m[2]:m[3]])
		if !ok {
			continue
		}
		h, ok := want[squashSpace(title)]
		if !ok || h == title {
			continue
		}
		edits = append(edits, edit{m[2], m[3], encodeTextString(h)})
	}
	if len(edits) == 0 {
		return data
	}
	xref, err := xrefTable(data)
	if err != nil || xref.at < edits[len(edits)-1].end {
		return data
	}
	// shift is how far the byte at offset off moves.
	shift := func(off int) int {
		d := 0
		for _, e := range edits {
			if e.start >= off {
				break
			}
			d += len(e.text) - (e.end - e.start)
		}
		return d
	}
	var out bytes.Buffer
	out.Grow(len(data) + 1024)
	last := 0
	for _, e := range edits {
		out.Write(data[last:e.start])
		out.Write(e.text)
		last = e.end
	}
	out.Write(data[last:xref.at])
	// The table: offsets are ten digits, so every entry keeps its length.
	table := bytes.Clone(data[xref.at:xref.end])
	for _, pos := range xref.entries {
		p := pos - xref.at
		off, _ := strconv.Atoi(string(table[p : p+10]))
		copy(table[p:p+10], fmt.Sprintf("%010d", off+shift(off)))
	}
	out.Write(table)
	tail := data[xref.end:]
	total := shift(xref.at)
	tail = startxref.ReplaceAllLiteral(tail, []byte("startxref\n"+strconv.Itoa(xref.at+total)))
	out.Write(tail)
	fixed := out.Bytes()
	if checkXref(fixed) != nil {
		return data
	}
	return fixed
}

var startxref = regexp.MustCompile(`startxref\s+\d+`)

// xref is a classic cross-reference table: where it starts ("xref") and
// ends (at "trailer"), and the offsets of its in-use entries.
type xref struct {
	at, end int
	entries []int // positions in the file of the 10-digit offsets of "n" entries
	objects []int // the object number of each entry in entries
}

var xrefSubsection = regexp.MustCompile(`^(\d+) (\d+)\s*\r?\n`)

// xrefTable reads the file's only cross-reference table.
func xrefTable(data []byte) (*xref, error) {
	if bytes.Count(data, []byte("startxref")) != 1 {
		return nil, fmt.Errorf("not one startxref")
	}
	m := startxref.FindSubmatchIndex(data)
	at, err := strconv.Atoi(strings.TrimSpace(string(data[m[0]+len("startxref") : m[1]])))
	if err != nil || at < 0 || at >= len(data) || !bytes.HasPrefix(data[at:], []byte("xref")) {
		return nil, fmt.Errorf("startxref does not point at an xref table")
	}
	x := &xref{at: at}
	p := at + len("xref")
	for p < len(data) && (data[p] == '\r' || data[p] == '\n') {
		p++
	}
	for {
		if bytes.HasPrefix(data[p:], []byte("trailer")) {
			x.end = p
			return x, nil
		}
		sm := xrefSubsection.FindSubmatch(data[p:])
		if sm == nil {
			return nil, fmt.Errorf("bad xref subsection at %d", p)
		}
		first, _ := strconv.Atoi(string(sm[1]))
		n, _ := strconv.Atoi(string(sm[2]))
		p += len(sm[0])
		for i := range n {
			if p+20 > len(data) {
				return nil, fmt.Errorf("xref table cut short")
			}
			if data[p+17] == 'n' {
				x.entries = append(x.entries, p)
				x.objects = append(x.objects, first+i)
			}
			p += 20
		}
	}
}

// checkXref checks that every in-use entry of the cross-reference table
// points at its object.
func checkXref(data []byte) error {
	x, err := xrefTable(data)
	if err != nil {
		return err
	}
	for i, pos := range x.entries {
		off, err := strconv.Atoi(string(data[pos : pos+10]))
		if err != nil || off >= len(data) || !bytes.HasPrefix(data[off:], []byte(strconv.Itoa(x.objects[i])+" 0 obj")) {
			return fmt.Errorf("xref entry for object %d does not point at it", x.objects[i])
		}
	}
	if !sort.IntsAreSorted(x.entries) {
		return fmt.Errorf("xref entries out of order")
	}
	return nil
}

func squashSpace(s string) string {
	return strings.Map(func(r rune) rune {
		if unicode.IsSpace(r) {
			return -1
		}
		return r
	}, s)
}

// decodeTextString decodes a PDF text string as written in the file: hex
// UTF-16BE with a byte order mark (<FEFF0041…>), or a literal string of
// ASCII text ((A\(1\))).
func decodeTextString(w []byte) (string, bool) {
	if len(w) < 2 {
		return "", false
	}
	if w[0] == '<' {
		b, err := hex.DecodeString(string(w[1 : len(w)-1]))
		if err != nil || len(b) < 2 || len(b)%2 != 0 || b[0] != 0xFE || b[1] != 0xFF {
			return "", false
		}
		u := make([]uint16, 0, len(b)/2-1)
		for i := 2; i < len(b); i += 2 {
			u = append(u, uint16(b[i])<<8|uint16(b[i+1]))
		}
		return string(utf16.Decode(u)), true
	}
	var out []byte
	w = w[1 : len(w)-1]
	for i := 0; i < len(w); i++ {
		c := w[i]
		if c >= 0x80 {
			return "", false // PDFDocEncoding beyond ASCII: leave it alone
		}
		if c != '\\' {
			out = append(out, c)
			continue
		}
		i++
		if i == len(w) {
			return "", false
		}
		switch c = w[i]; c {
		case 'n':
			out = append(out, '\n')
		case 'r':
			out = append(out, '\r')
		case 't':
			out = append(out, '\t')
		case 'b':
			out = append(out, '\b')
		case 'f':
			out = append(out, '\f')
		case '\r', '\n': // a line continuation
		case '0', '1', '2', '3', '4', '5', '6', '7':
			v, n := 0, 0
			for ; n < 3 && i < len(w) && w[i] >= '0' && w[i] <= '7'; n, i = n+1, i+1 {
				v = v*8 + int(w[i]-'0')
			}
			i--
			if v >= 0x80 {
				return "", false
			}
			out = append(out, byte(v))
		default:
			out = append(out, c)
		}
	}
	return string(out), true
}

// encodeTextString writes s as a PDF text string: a literal string when it
// is printable ASCII, else hex UTF-16BE with a byte order mark.
func encodeTextString(s string) []byte {
	ascii := true
	for i := 0; i < len(s); i++ {
		if s[i] < 0x20 || s[i] > 0x7e {
			ascii = false
			break
		}
	}
	if ascii {
		r := strings.NewReplacer(`\`, `\\`, `(`, `\(`, `)`, `\)`)
		return []byte("(" + r.Replace(s) + ")")
	}
	u := utf16.Encode([]rune(s))
	b := make([]byte, 2, 2+2*len(u))
	b[0], b[1] = 0xFE, 0xFF
	for _, c := range u {
		b = append(b, byte(c>>8), byte(c))
	}
	return []byte("<" + strings.ToUpper(hex.EncodeToString(b)) + ">")
}
