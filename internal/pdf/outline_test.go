package pdf

import (
	"bytes"
	"fmt"
	"testing"
)

// makePDF lays out objects as Chromium does, with a classic xref table.
func makePDF(objects ...string) []byte {
	var b bytes.Buffer
	b.WriteString("%PDF-1.4\n%\xe2\xe3\xcf\xd3\n")
	offsets := make([]int, len(objects))
	for i, o := range objects {
		offsets[i] = b.Len()
		fmt.Fprintf(&b, "%d 0 obj\n%s\nendobj\n", i+1, o)
	}
	at := b.Len()
	fmt.Fprintf(&b, "xref\n0 %d\n0000000000 65535 f \n", len(objects)+1)
	for _, off := range offsets {
		fmt.Fprintf(&b, "%010d 00000 n \n", off)
	}
	fmt.Fprintf(&b, "trailer\n<</Size %d\n/Root 2 0 R\n/Info 1 0 R>>\nstartxref\n%d\n%%%%EOF", len(objects)+1, at)
	return b.Bytes()
}

func TestFixOutline(t *testing.T) {
	zh := "扎实推进“三社联动” 创新基层社会治理"
	data := makePDF(
		`<</Title (Report \(draft\))>>`,
		`<</Type /Catalog /Outlines 3 0 R>>`,
		`<</Type /Outlines /First 4 0 R /Last 6 0 R /Count 3>>`,
		`<</Title (Steadily Advancing the "Three-Social Linkage"and Innovating Community-Level SocialGovernance) /Parent 3 0 R /Next 5 0 R>>`,
		`<</Title `+string(encodeTextString(zh+zh))+` /Parent 3 0 R /Prev 4 0 R /Next 6 0 R>>`,
		`<</Title (Not a heading) /Parent 3 0 R /Prev 5 0 R>>`,
		`<</Length 5>>
stream
hello
endstream`,
	)
	if err := checkXref(data); err != nil {
		t.Fatalf("the test PDF is broken: %v", err)
	}
	headings := []string{`Steadily Advancing the "Three-Social Linkage" and Innovating Community-Level Social Governance`, zh, "Report (draft)"}
	fixed := fixOutline(data, headings)
	if err := checkXref(fixed); err != nil {
		t.Fatalf("fixOutline broke the xref table: %v\n%s", err, fixed)
	}
	titles := map[string]bool{}
	for _, m := range outlineTitle.FindAllSubmatch(fixed, -1) {
		s, ok := decodeTextString(m[1])
		if !ok {
			t.Errorf("cannot decode %s", m[1])
		}
		titles[s] = true
	}
	for _, want := range append(headings, "Not a heading") {
		if !titles[want] {
			t.Errorf("no title %q; titles: %v", want, titles)
		}
	}
	if len(titles) != 4 {
		t.Errorf("titles: %v", titles)
	}
	if !bytes.Contains(fixed, []byte("stream\nhello\nendstream")) {
		t.Error("the stream was damaged")
	}

	// Nothing to mend, or a file laid out otherwise: the same bytes.
	if got := fixOutline(data, []string{"Something else"}); !bytes.Equal(got, data) {
		t.Error("fixOutline changed a PDF with nothing to mend")
	}
	noXref := bytes.Replace(data, []byte("startxref"), []byte("startxrex"), 1)
	if got := fixOutline(noXref, headings); !bytes.Equal(got, noXref) {
		t.Error("fixOutline changed a PDF whose xref it cannot read")
	}
}

func TestTextStrings(t *testing.T) {
	for _, s := range []string{"Plain", `Back\slash (and parens)`, "中文标题", "Xiamen’s report"} {
		got, ok := decodeTextString(encodeTextString(s))
		if !ok || got != s {
			t.Errorf("round trip of %q: %q, %v", s, got, ok)
		}
	}
	if got, ok := decodeTextString([]byte(`(A\101\nB\)\\)`)); !ok || got != "AA\nB)\\" {
		t.Errorf("escapes: %q, %v", got, ok)
	}
}
