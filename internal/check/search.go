package check

import (
	"encoding/json"
	"path"
	"strings"

	"github.com/xmca/almanac/internal/diag"
)

// searchPages checks that every language's search page names its index
// (the layout must keep data-index="{{.SearchIndex}}") and that the index
// is whole: its manifest, and every shard and chunk the manifest lists.
func (c *checker) searchPages() {
	for _, p := range c.res.Site.Searches {
		manifest := c.res.Site.SearchManifest(p.Lang.Key)
		page := string(c.res.Files[p.OutFile])
		want := `data-index="` + c.res.Config.BasePath() + manifest + `"`
		if manifest == "" || !strings.Contains(page, want) {
			c.layout(diag.Error, c.origin(p, p.OutFile), `keep data-index="{{.SearchIndex}}" on the element with id="search": js/search.js reads the index's address there`,
				"the search page does not name its search index", p.OutFile, 0)
			continue
		}
		var m struct {
			Shards []string `json:"shards"`
			Chunks []string `json:"chunks"`
		}
		if err := json.Unmarshal(c.res.Files[manifest], &m); err != nil {
			c.errorf(manifest, 0, 0, "this is a bug in almanac; please report it", "the search index cannot be read: %v", err)
			continue
		}
		dir := path.Dir(manifest) + "/"
		for _, f := range append(append([]string{}, m.Shards...), m.Chunks...) {
			if _, ok := c.res.Files[dir+f]; !ok {
				c.add(diag.Error, manifest, 0, 0, "this is a bug in almanac; please report it", "the search index lists %s, which was not built", dir+f)
			}
		}
	}
}
