package serve

import (
	"encoding/json"
	"path"
	"strings"
	"testing"

	"github.com/xmca/almanac/internal/sitetest"
)

// TestEditUpdatesSearchIndex: a word saved into a section is in the
// served search index at once, and a word taken out is gone.
func TestEditUpdatesSearchIndex(t *testing.T) {
	ts := start(t, sitetest.Copy(t), Options{})
	has := func(word string) bool {
		t.Helper()
		code, body := ts.get(t, "/zh/search/index.json")
		if code != 200 {
			t.Fatalf("GET /zh/search/index.json: %d", code)
		}
		var m struct{ Shards []string }
		if err := json.Unmarshal([]byte(body), &m); err != nil {
			t.Fatal(err)
		}
		for _, s := range m.Shards {
			_, shard := ts.get(t, path.Join("/zh/search", s))
			if strings.Contains(shard, `"`+word+`":`) {
				return true
			}
		}
		return false
	}
	if has("xylophone") {
		t.Fatal("the index has a word the site does not")
	}
	ts.drain()
	ts.replace(t, zhSection, "2019年，福建省厦门市", "2019年，xylophone，福建省厦门市")
	ts.waitRebuild(t, zhSection)
	if !has("xylophone") {
		t.Error("a word saved into a section is not in the search index")
	}
	ts.drain()
	ts.replace(t, zhSection, "xylophone，", "")
	ts.waitRebuild(t, zhSection)
	if has("xylophone") {
		t.Error("a word taken out of a section is still in the search index")
	}
}
