package build

import (
	"bytes"
	"strings"
	"testing"

	"github.com/xmca/almanac/internal/sitetest"
)

// TestPlainBuildCopiesStaticAsItIs: a plain build checks that the minifier
// can read static/'s scripts and stylesheets, and still writes them
// exactly as they are in static/.
func TestPlainBuildCopiesStaticAsItIs(t *testing.T) {
	fsys := sitetest.MapFS(t)
	res, err := Run(fsys, Options{})
	if err != nil {
		t.Fatal(err)
	}
	n := 0
	for name, f := range fsys {
		rel, ok := strings.CutPrefix(name, "static/")
		if !ok || !(strings.HasSuffix(rel, ".js") || strings.HasSuffix(rel, ".css")) {
			continue
		}
		n++
		if got := res.Files[rel]; !bytes.Equal(got, f.Data) {
			t.Errorf("%s is not static/%s as it is (%d bytes, want %d)", rel, rel, len(got), len(f.Data))
		}
	}
	if n == 0 {
		t.Fatal("no scripts or stylesheets in static/")
	}
}
