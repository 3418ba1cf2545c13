package publish

import (
	"fmt"
	"testing"

	"github.com/xmca/almanac/internal/output"
)

// TestMinifyFilesSharingAnArray: files may be slices of one array, each
// ending where the next begins (search shards cut from one buffer).
// Minifying them on all cores must neither see another file's bytes nor
// change the array.
func TestMinifyFilesSharingAnArray(t *testing.T) {
	var buf []byte
	var ends []int
	for i := range 5000 {
		buf = fmt.Appendf(buf, `{"n": %d}`, i)
		ends = append(ends, len(buf))
	}
	before := string(buf)
	files := output.Files{}
	start := 0
	for i, end := range ends {
		files[fmt.Sprintf("%d.json", i)] = buf[start:end]
		start = end
	}
	if err := Minify(files); err != nil {
		t.Fatal(err)
	}
	for i := range ends {
		if got, want := string(files[fmt.Sprintf("%d.json", i)]), fmt.Sprintf(`{"n":%d}`, i); got != want {
			t.Errorf("%d.json = %q, want %q", i, got, want)
		}
	}
	if string(buf) != before {
		t.Error("minifying changed the files' shared array")
	}
}
