package search_test

import (
	"bytes"
	"compress/gzip"
	"encoding/json"
	"path"
	"strings"
	"testing"

	"github.com/xmca/almanac/internal/build"
	"github.com/xmca/almanac/internal/output"
	"github.com/xmca/almanac/internal/publish"
	"github.com/xmca/almanac/internal/search"
	"github.com/xmca/almanac/internal/sitetest"
)

type manifest struct {
	Locale string `json:"locale"`
	Zh     bool   `json:"zh"`
	// Plurals: the table by which words are held in their singular
	// (English), null for none.
	Plurals json.RawMessage `json:"plurals"`
	// Forms: in an edition converted to Traditional characters, the
	// form the index holds of each Simplified character that differs.
	Forms  map[string]string `json:"forms"`
	Count  int               `json:"count"`
	Shards []string          `json:"shards"`
	Chunks []string          `json:"chunks"`
	Starts []int             `json:"starts"`
}

// index is one language's built index, read back.
type index struct {
	dir      string
	manifest manifest
	shards   []map[string][]int
	entries  [][5]string // path, anchor, title, heading, text
	files    output.Files
}

func readIndex(t testing.TB, files output.Files, manifestPath string) *index {
	t.Helper()
	idx := &index{dir: path.Dir(manifestPath) + "/", files: files}
	decode(t, files, manifestPath, &idx.manifest)
	for _, s := range idx.manifest.Shards {
		var m map[string][]int
		decode(t, files, idx.dir+s, &m)
		idx.shards = append(idx.shards, m)
	}
	for i, c := range idx.manifest.Chunks {
		var rows [][5]string
		decode(t, files, idx.dir+c, &rows)
		if len(idx.entries) != idx.manifest.Starts[i] {
			t.Fatalf("%s starts at entry %d, want %d", c, idx.manifest.Starts[i], len(idx.entries))
		}
		idx.entries = append(idx.entries, rows...)
	}
	if len(idx.entries) != idx.manifest.Count {
		t.Fatalf("%s: %d entries in the chunks, count says %d", manifestPath, len(idx.entries), idx.manifest.Count)
	}
	return idx
}

func decode(t testing.TB, files output.Files, name string, v any) {
	t.Helper()
	b, ok := files[name]
	if !ok {
		t.Fatalf("%s is not in the build", name)
	}
	if err := json.Unmarshal(b, v); err != nil {
		t.Fatalf("%s: %v", name, err)
	}
}

// lookup returns the entries holding term, each with whether the term is
// in its title or heading, reading only the term's shard, as the search
// page does: an English word in its singular.
func (idx *index) lookup(term string) map[int]bool {
	if string(idx.manifest.Plurals) != "null" {
		term = search.Singular(term)
	}
	shard := idx.shards[search.ShardOf(term, len(idx.shards))]
	out := map[int]bool{}
	v, last := 0, 0
	for _, d := range shard[term] {
		n := 1
		if d < 0 {
			n = -d
		} else {
			last = d
		}
		for range n {
			v += last
			out[v>>1] = v&1 == 1
		}
	}
	return out
}

// entry finds the entry at a page and anchor.
func (idx *index) entry(pagePath, anchor string) int {
	for i, e := range idx.entries {
		if e[0] == pagePath && e[1] == anchor {
			return i
		}
	}
	return -1
}

func realBuild(t *testing.T, opt build.Options) *build.Result {
	t.Helper()
	res, err := build.Run(sitetest.MapFS(t), opt)
	if err != nil {
		t.Fatal(err)
	}
	return res
}

// TestRealSiteIndex: in every language, every heading of every section is
// an entry, and its words, pairs of characters and figures lead to it.
func TestRealSiteIndex(t *testing.T) {
	res := realBuild(t, build.Options{})
	for _, lang := range res.Config.Langs {
		idx := readIndex(t, res.Files, res.Site.SearchManifest(lang.Key))
		if idx.manifest.Zh != search.IsChinese(lang.Locale) || idx.manifest.Locale != lang.Locale {
			t.Errorf("%s: manifest says locale %q, zh %v", lang.Key, idx.manifest.Locale, idx.manifest.Zh)
		}
		for _, r := range res.Site.Reports {
			for _, p := range r.SectionPages(lang.Key) {
				for _, h := range p.Doc.TOC {
					id := idx.entry(p.Path, h.ID)
					if id < 0 {
						t.Errorf("%s#%s: no entry", p.Path, h.ID)
						continue
					}
					if got := idx.entries[id][3]; got != h.Text {
						t.Errorf("%s#%s: heading %q, want %q", p.Path, h.ID, got, h.Text)
					}
					// Every term of the heading finds the entry, as a heading match.
					for _, term := range headingTerms(h.Text) {
						if inHeading, ok := idx.lookup(term)[id]; !ok || !inHeading {
							t.Errorf("%s#%s: term %q finds the entry %v, in its heading %v", p.Path, h.ID, term, ok, inHeading)
						}
					}
				}
			}
		}
	}
	zh, en := readIndex(t, res.Files, res.Site.SearchManifest("zh")), readIndex(t, res.Files, res.Site.SearchManifest("en"))
	for _, tt := range []struct {
		idx          *index
		term         string
		page, anchor string
	}{
		{zh, "低保", "zh/2019/highlights/", "basic-living-assistance"},
		{zh, "养", "zh/2019/highlights/", "elderly-care-services"},
		{zh, "服务", "zh/2019/highlights/", "elderly-care-services"},
		{zh, "5964", "zh/2019/three-social-linkage/", "social-organizations"},
		{zh, "69.31", "zh/2019/highlights/", "social-work-and-charity"},
		{zh, "万名", "zh/2019/highlights/", "social-work-and-charity"},
		{en, "volunteers", "en/2019/highlights/", "social-work-and-charity"},
		{en, "693100", "en/2019/highlights/", "social-work-and-charity"},
		// The passage says "volunteer services" only; "policy" is in its heading as "Policies".
		{en, "volunteers", "en/2019/three-social-linkage/", "policy-and-institutions"},
		{en, "policy", "en/2019/three-social-linkage/", "policy-and-institutions"},
		{en, "5964", "en/2019/three-social-linkage/", "social-organizations"},
		{en, "xiamen", "en/2019/", ""},
	} {
		id := tt.idx.entry(tt.page, tt.anchor)
		if _, ok := tt.idx.lookup(tt.term)[id]; id < 0 || !ok {
			t.Errorf("%q does not lead to %s#%s (entry %d)", tt.term, tt.page, tt.anchor, id)
		}
	}
	// A chart's drawing is not text; its data table is.
	for _, e := range zh.entries {
		if strings.Contains(e[4], "chart-") || strings.Contains(e[4], "<") {
			t.Errorf("%s#%s: text holds markup: %.80q", e[0], e[1], e[4])
		}
	}
}

// headingTerms are the terms the index holds for a heading: its words, its
// Chinese characters and pairs.
func headingTerms(text string) []string {
	var out []string
	for _, tok := range search.Terms(text) {
		run, han := strings.CutPrefix(tok, "#")
		if !han {
			out = append(out, tok)
			continue
		}
		rs := []rune(run)
		for i := range rs {
			out = append(out, string(rs[i]))
			if i+1 < len(rs) {
				out = append(out, string(rs[i:i+2]))
			}
		}
	}
	return out
}

// TestRealSiteBudgets: the whole index of a language is at most 60 KB
// gzipped, and a query of a four-character Chinese word or two English
// words downloads at most 30 KB: the manifest, its terms' shards and the
// chunks with their entries.
func TestRealSiteBudgets(t *testing.T) {
	res := realBuild(t, build.Options{})
	for _, lang := range res.Config.Langs {
		idx := readIndex(t, res.Files, res.Site.SearchManifest(lang.Key))
		total := idx.gzipTotal(t)
		if total > 60<<10 {
			t.Errorf("%s: the index is %d bytes gzipped, over 60 KB", lang.Key, total)
		}
		t.Logf("%s: whole index %d bytes gzipped, %d shards, %d chunks", lang.Key, total, len(idx.shards), len(idx.manifest.Chunks))
	}
	for lang, queries := range budgetQueries {
		idx := readIndex(t, res.Files, res.Site.SearchManifest(lang))
		for _, q := range queries {
			got := firstQueryBytes(t, idx, q)
			if got > 30<<10 {
				t.Errorf("%s %q: the first query downloads %d bytes gzipped, over 30 KB", lang, q, got)
			}
			t.Logf("%s %q: first query downloads %d bytes gzipped", lang, q, got)
		}
	}
}

// budgetQueries are the queries the download budget is measured on: words
// common in the report, whose entries' text is widest spread.
var budgetQueries = map[string][]string{
	"zh":      {"养老服务", "社会组织", "社区", "5964家"},
	"zh-hant": {"養老服務", "社會組織", "社區", "5964家"},
	"en":      {"social organizations", "community", "volunteers", "5,964"},
}

// gzipTotal is the whole index's size, every file gzipped.
func (idx *index) gzipTotal(t testing.TB) int {
	total := 0
	for name, b := range idx.files {
		if strings.HasPrefix(name, idx.dir) && strings.HasSuffix(name, ".json") {
			total += gzipSize(t, b)
		}
	}
	return total
}

// firstQueryBytes is what a first query downloads, gzipped: the manifest,
// the shards of its terms and the chunks of the entries that hold them all.
func firstQueryBytes(t testing.TB, idx *index, query string) int {
	var terms []string
	for _, tok := range search.Terms(query) {
		run, han := strings.CutPrefix(tok, "#")
		if !han {
			terms = append(terms, tok)
			continue
		}
		rs := []rune(run)
		if len(rs) == 1 {
			terms = append(terms, run)
		}
		for i := 0; i+1 < len(rs); i++ {
			terms = append(terms, string(rs[i:i+2]))
		}
	}
	files := map[string]bool{}
	var hits map[int]bool
	for _, term := range terms {
		files[idx.manifest.Shards[search.ShardOf(term, len(idx.shards))]] = true
		found := idx.lookup(term)
		if hits == nil {
			hits = found
			continue
		}
		for id := range hits {
			if _, ok := found[id]; !ok {
				delete(hits, id)
			}
		}
	}
	for id := range hits {
		c := 0
		for i, s := range idx.manifest.Starts {
			if s <= id {
				c = i
			}
		}
		files[idx.manifest.Chunks[c]] = true
	}
	total := 0
	for name := range idx.files {
		if strings.HasPrefix(name, idx.dir+"index") && strings.HasSuffix(name, ".json") {
			total += gzipSize(t, idx.files[name])
		}
	}
	for f := range files {
		total += gzipSize(t, idx.files[idx.dir+f])
	}
	return total
}

func gzipSize(t testing.TB, b []byte) int {
	var buf bytes.Buffer
	w, _ := gzip.NewWriterLevel(&buf, gzip.BestCompression)
	w.Write(b)
	if err := w.Close(); err != nil {
		t.Fatal(err)
	}
	return buf.Len()
}

// TestHashedNames: with --minify every index file is named by the hash of
// the bytes served (minifying leaves them as they are), so a CDN may keep
// it for a year, and the search page names its manifest.
func TestHashedNames(t *testing.T) {
	res := realBuild(t, build.Options{Minify: true})
	for _, lang := range res.Config.Langs {
		m := res.Site.SearchManifest(lang.Key)
		if !publish.IsFingerprinted(m, res.Files[m]) {
			t.Errorf("%s: manifest %s is not named by its hash", lang.Key, m)
		}
		idx := readIndex(t, res.Files, m)
		for _, f := range append(append([]string{}, idx.manifest.Shards...), idx.manifest.Chunks...) {
			if !publish.IsFingerprinted(idx.dir+f, res.Files[idx.dir+f]) {
				t.Errorf("%s%s is not named by its hash", idx.dir, f)
			}
		}
		pageHTML := string(res.Files[lang.Key+"/search/index.html"])
		if !strings.Contains(pageHTML, `data-index="`+res.Config.BasePath()+m+`"`) {
			t.Errorf("%s/search/: does not name the manifest %s", lang.Key, m)
		}
		for _, sib := range []string{".gz", ".br"} {
			big := idx.dir + idx.manifest.Chunks[0]
			if len(res.Files[big]) > publish.MinCompressSize {
				if _, ok := res.Files[big+sib]; !ok {
					t.Errorf("%s has no %s sibling", big, sib)
				}
			}
		}
	}
}

// TestConvertedForms: the Traditional edition's manifest takes the
// Simplified characters of the report to the forms its index holds, and
// the Simplified edition's takes the Traditional forms back, each only
// where the index holds the character it leads to and not the one typed.
// English has none.
func TestConvertedForms(t *testing.T) {
	res := realBuild(t, build.Options{})
	hant := readIndex(t, res.Files, res.Site.SearchManifest("zh-hant"))
	hans := readIndex(t, res.Files, res.Site.SearchManifest("zh"))
	for _, tt := range []struct {
		idx   *index
		forms map[string]string
	}{
		{hant, map[string]string{"养": "養", "务": "務", "儿": "兒", "社": ""}},
		{hans, map[string]string{"養": "养", "務": "务", "兒": "儿", "社": "", "养": ""}},
	} {
		for from, to := range tt.forms {
			if got := tt.idx.manifest.Forms[from]; got != to {
				t.Errorf("%s: %s: the manifest gives %q, want %q", tt.idx.dir, from, got, to)
			}
		}
		for from, to := range tt.idx.manifest.Forms {
			if len(tt.idx.lookup(to)) == 0 {
				t.Errorf("%s: %s → %s: the index holds no %s", tt.idx.dir, from, to, to)
			}
			if len(tt.idx.lookup(from)) != 0 {
				t.Errorf("%s: %s → %s: the index holds %s as it is, which a query should find", tt.idx.dir, from, to, from)
			}
		}
	}
	if forms := readIndex(t, res.Files, res.Site.SearchManifest("en")).manifest.Forms; forms != nil {
		t.Errorf("en: the manifest has forms %v, want none", forms)
	}
}
