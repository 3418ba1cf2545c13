package search_test

import (
	"context"
	"encoding/json"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/chromedp"

	"github.com/xmca/almanac/internal/browsertest"
	"github.com/xmca/almanac/internal/search"
	"github.com/xmca/almanac/internal/sitetest"
)

// searchScript evaluates the search page's script as shipped in a blank
// tab, with a stand-in for the page it looks for, and leaves its text
// rules in window.rules: the test asks the script itself, not a copy.
func searchScript(t *testing.T) string {
	t.Helper()
	src, err := os.ReadFile(filepath.Join(sitetest.Root(t), "static", "js", "search.js"))
	if err != nil {
		t.Fatal(err)
	}
	body, ok := strings.CutSuffix(strings.TrimSpace(string(src)), "})();")
	if !ok {
		t.Fatal("search.js no longer ends with its function's })(); : update searchScript")
	}
	const page = `var el = {getAttribute: function (k) { return k === "data-index" ? "/zh/search/index.json" : ""; },
		addEventListener: function () {}, appendChild: function () {}};
	el.form = el;
	var document = {getElementById: function () { return el; }, querySelectorAll: function () { return []; }};
	var location = {search: "", pathname: "/", hash: ""};`
	return "window.rules = (function () {" + page + "var rules = " + body +
		"return {tokenize: tokenize, shardOf: shardOf, singular: singular, pluralPrefix: pluralPrefix}; })(); return rules; })(); true"
}

// TestSearchTextRulesAgree: the search page splits text into the terms
// the index holds, character for character: every letter of every script
// the index reads as words, figures written every way, Chinese runs, and
// the shard each term is looked for in.
func TestSearchTextRulesAgree(t *testing.T) {
	ctx := blankTab(t)
	eval[bool](t, ctx, searchScript(t))

	texts := []string{
		"全市共有社会组织5964家，其中社会团体1622家", "志愿者69.31万名", "５９６４家和ＡＢＣ ｘｙｚ",
		"5,964 and 693,100 and 2.4 and 1.5. End, 3,", "二〇一九年 𠀀𠀁字 㐀", "Xiamen’s “three-social linkage”",
		"İstanbul ǅ ΣΑΣ ẞ ﬁ", "R&D 100% #1 e-mail", "　全角　空格　", "😀低保😀", strings.Repeat("a", 40) + " " + strings.Repeat("b", 41),
	}
	// Every character the index reads as part of a word, one by one.
	var all strings.Builder
	for _, r := range [][2]rune{{0x20, 0x2AF}, {0x370, 0x52F}, {0x1E00, 0x1FFF}, {0x3000, 0x30FF}, {0xAC00, 0xD7AF}, {0xFF00, 0xFF65}} {
		for c := r[0]; c <= r[1]; c++ {
			all.WriteRune(c)
			all.WriteByte(' ')
		}
	}
	texts = append(texts, all.String())
	for _, text := range texts {
		want := search.Terms(text)
		arg, _ := json.Marshal(text)
		got := eval[[]string](t, ctx, `rules.tokenize(`+string(arg)+`).map((t) => (t.han ? "#" : "") + t.t)`)
		if !slices.Equal(got, want) && !(len(got) == 0 && len(want) == 0) {
			for i := range min(len(got), len(want)) {
				if got[i] != want[i] {
					t.Errorf("%.40q: term %d is %q in search.js, %q in the index", text, i, got[i], want[i])
					break
				}
			}
			if len(got) != len(want) {
				t.Errorf("%.40q: search.js reads %d terms, the index %d", text, len(got), len(want))
			}
		}
	}
	// English words in the singular the index holds them in: every word
	// of the texts above and words the rule is careful with.
	// The table is the manifest's, as search.js receives it.
	words := []string{"volunteers", "volunteer", "services", "cities", "policies", "classes", "class", "status",
		"analysis", "news", "series", "species", "its", "ties", "homes", "1990s", "écoles", "ies", "sses", "ss", "s", "xies",
		"children", "grandchildren", "child", "women", "men", "people", "persons", "boxes", "churches", "wishes",
		"families", "analyses", "criteria", "axes", "aches", "ashes", "xes", "ches", "shes", "es", "men's", "xiamen",
		"constructor", "__proto__", "hasOwnProperty"}
	for _, text := range texts {
		words = append(words, search.Terms(text)...)
	}
	table := search.PluralsJSON("en")
	for _, w := range words {
		arg, _ := json.Marshal(w)
		if got, want := eval[string](t, ctx, `rules.singular(`+string(arg)+`, `+table+`)`), search.Singular(w); got != want {
			t.Errorf("%q: search.js looks for %q, the index holds %q", w, got, want)
		}
	}
	if got := eval[string](t, ctx, `rules.singular("children", `+search.PluralsJSON("zh-Hans")+`)`); got != "children" {
		t.Errorf("with no table of plurals (Chinese), search.js reads \"children\" as %q", got)
	}
	// A word being typed is looked for by a beginning that every word it
	// could become, in the singular the index holds it, begins with.
	for typed, want := range map[string]string{"polici": "polic", "policie": "polic", "classe": "class", "boxe": "box",
		"churche": "church", "childre": "child", "wome": "wom", "peop": "peop", "me": "me", "volunt": "volunt",
		"xiame": "xiame", "grandchildr": "grandchild"} {
		arg, _ := json.Marshal(typed)
		if got := eval[string](t, ctx, `rules.pluralPrefix(`+string(arg)+`, `+table+`)`); got != want {
			t.Errorf("typing %q: search.js looks for words beginning %q, want %q", typed, got, want)
		}
	}
	for _, term := range []string{"低", "低保", "𠀀", "𠀀𠀁", "5964", "69.31", "volunteers", "v", "école", "συν"} {
		for _, n := range []int{1, 7, 64, 256} {
			arg, _ := json.Marshal(term)
			if got, want := eval[int](t, ctx, `rules.shardOf(`+string(arg)+`, `+itoa(n)+`)`), search.ShardOf(term, n); got != want {
				t.Errorf("%q among %d shards: search.js looks in shard %d, the index put it in %d", term, n, got, want)
			}
		}
	}
}

func itoa(n int) string { b, _ := json.Marshal(n); return string(b) }

// blankTab starts a Chromium with an empty tab, or skips the test without
// one (fails under CI=true, where a skip would pass untested).
func blankTab(t *testing.T) context.Context {
	t.Helper()
	exe, err := browsertest.FindChromium()
	if err != nil {
		if os.Getenv("CI") == "true" {
			t.Fatal(err)
		}
		t.Skip(err)
	}
	browser, stop, err := browsertest.NewBrowser(exe, t.TempDir())
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(stop)
	ctx, cancel := chromedp.NewContext(browser)
	t.Cleanup(cancel)
	ctx, cancelTimeout := context.WithTimeout(ctx, time.Minute)
	t.Cleanup(cancelTimeout)
	if err := chromedp.Do(ctx, chromedp.Navigate("about:blank")); err != nil {
		t.Fatal(err)
	}
	return ctx
}

func eval[T any](t *testing.T, ctx context.Context, js string) T {
	t.Helper()
	v, err := chromedp.Run(ctx, chromedp.Evaluate[T](js))
	if err != nil {
		t.Fatalf("%.80s: %v", js, err)
	}
	return v
}
