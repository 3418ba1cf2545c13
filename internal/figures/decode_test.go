package figures

import (
	"os"
	"reflect"
	"testing"

	"github.com/BurntSushi/toml"
)

// pieceCases are documents whose tables overlap across pieces in the ways
// that reading the whole file accepts or refuses.
var pieceCases = []string{
	figA + figB + "[[rule]]\ntotal = \"a\"\nparts = [\"b\"]\n[[rule]]\ntotal = \"b\"\nparts = [\"a\"]\n[chart.c]\ntype = \"bar\"\n",
	"[figure.a]\nx = 1\n[figure.a]\ny = 2\n", // a table defined twice
	"[figure]\nx = 1\n[figure]\ny = 2\n",     // an explicit table defined twice
	"[figure.a]\nx = 1\n[figure]\ny = 2\n",   // an implicit table defined later
	"[figure]\ny = 2\n[figure.a]\nx = 1\n",   // a sub-table of an explicit one
	"[figure]\na = 1\n[figure.a.b]\nx = 1\n", // a value used as a table
	"figure.a.x = 1\n[figure.a]\ny = 2\n",    // a dotted key's table, then a header
	"figure.a.x = 1\n[figure.b]\ny = 2\n",    // a dotted key's parent, shared
	"[figure.a]\nlabel.zh = \"x\"\n[figure.a.label]\nen = \"y\"\n",
	"[figure.a]\nlabel = { zh = \"x\" }\n[figure.a.label]\nen = \"y\"\n",
	"[[rule]]\nx = 1\n[rule.sub]\ny = 1\n[[rule]]\nx = 2\n", // a sub-table of the last [[rule]]
	"[[rule]]\nx = 1\n[rule.sub]\ny = 1\n",
	"[rule.sub]\ny = 1\n[[rule]]\nx = 1\n",
	"rule = [{ x = 1 }]\n[[rule]]\nx = 2\n",
	"[[rule]]\nx = 1\n[[rule.sub]]\ny = 1\n[[rule]]\nx = 2\n[[rule.sub]]\ny = 2\n",
	"[[a.b]]\nx = 1\n[[a.b]]\nx = 2\n[a.c]\ny = 1\n",
	"[[a]]\nx = 1\n[[a.b]]\ny = 1\n",
	"[a]\nx = [\n[1, 2],\n]\n[b]\ny = 1\n", // a line starting with [ inside a list
	"[a]\nx = \"\"\"\n[b]\n\"\"\"\n[c]\ny = 1\n",
	"[a]\nx = '''\n[b]\ny = 1\n",     // an unclosed text
	"[a]\nx = [\n[b]\ny = 1\n",       // an unclosed list
	"[a]\nx = 1 [b]\ny = 1\n",        // a header after a value
	"\uFEFF[a]\nx = 1\n[b]\ny = 1\n", // a byte order mark
	"[a]\r\nx = 1\r\n  [b]\r\ny = 1\r\n",
	"[a]\nx = 1\n[a.\"b\"]\ny = 1\n[\"a\".c]\nz = 1\n",
}

// TestDecodePieces checks that decoding in pieces, cut at every header,
// either gives what decoding the whole file gives, or leaves it to that.
func TestDecodePieces(t *testing.T) {
	defer func(size int) { pieceSize = size }(pieceSize)
	pieceSize = 1
	report, err := os.ReadFile("testdata/figures-2019.toml")
	if err != nil {
		t.Fatal(err)
	}
	docs := append([]string{string(report)}, pieceCases...)
	for _, c := range parseErrorCases {
		docs = append(docs, c.src)
	}
	pieced := 0
	for _, doc := range docs {
		if checkPieces(t, doc) {
			pieced++
		}
	}
	if pieced < 10 {
		t.Errorf("only %d of %d documents were decoded in pieces", pieced, len(docs))
	}
}

// checkPieces reports whether doc was decoded in pieces, failing t if the
// pieces disagree with the whole.
func checkPieces(t *testing.T, doc string) bool {
	t.Helper()
	pieces, ok := decodePieces(doc, indexKeys(doc).cuts)
	if !ok {
		return false
	}
	var whole map[string]any
	if _, err := toml.Decode(doc, &whole); err != nil {
		t.Errorf("pieces of a document that cannot be read were accepted:\n%s\n(%v)", doc, err)
		return true
	}
	if !reflect.DeepEqual(pieces, whole) {
		t.Errorf("pieces of\n%s\nread as\n%#v\nnot as\n%#v", doc, pieces, whole)
	}
	return true
}

func FuzzDecodePieces(f *testing.F) {
	for _, doc := range pieceCases {
		f.Add(doc)
	}
	f.Fuzz(func(t *testing.T, doc string) {
		defer func(size int) { pieceSize = size }(pieceSize)
		pieceSize = 1
		defer func() {
			if r := recover(); r != nil {
				t.Skip("the toml package panics on this document") // Parse reports it
			}
		}()
		checkPieces(t, doc)
	})
}
