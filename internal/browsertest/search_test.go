package browsertest

import (
	"context"
	"net/url"
	"slices"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/chromedp/cdproto/cdp"
	"github.com/chromedp/cdproto/emulation"
	"github.com/chromedp/cdproto/input"
	"github.com/chromedp/cdproto/page"
	"github.com/chromedp/chromedp"
	"github.com/chromedp/chromedp/kb"
)

// searchResult is one result as the search page shows it.
type searchResult struct {
	Href    string   `json:"href"`
	Page    string   `json:"page"`    // the page's title, above a heading
	Heading string   `json:"heading"` // the heading, or the page's title
	Snippet string   `json:"snippet"`
	Marks   []string `json:"marks"` // the text of every <mark>, in order
}

type searchPage struct {
	Status  string         `json:"status"`
	Results []searchResult `json:"results"`
}

// readResults waits for the search page to answer and reads what it shows.
func readResults(t *testing.T, ctx context.Context) searchPage {
	t.Helper()
	loading := eval[string](t, ctx, `document.getElementById("search").dataset.loading`)
	deadline := time.Now().Add(10 * time.Second)
	for {
		st := eval[string](t, ctx, `document.getElementById("search-status").textContent`)
		if st != "" && st != loading {
			break
		}
		if time.Now().After(deadline) {
			t.Fatalf("the search page did not answer in 10s (status %q)", st)
		}
		time.Sleep(50 * time.Millisecond)
	}
	return eval[searchPage](t, ctx, `({
		status: document.getElementById("search-status").textContent,
		results: [...document.querySelectorAll("#search-results > li")].map((li) => ({
			href: li.querySelector("a").href,
			page: (li.querySelector(".search-result-page") || {}).textContent || "",
			heading: li.querySelector(".search-result-heading").textContent,
			snippet: (li.querySelector(".search-result-snippet") || {}).textContent || "",
			marks: [...li.querySelectorAll("mark")].map((m) => m.textContent),
		})),
	})`)
}

// search opens the search page of lang with the query q in its address.
func search(t *testing.T, ctx context.Context, lang, q string) searchPage {
	t.Helper()
	p := lang + "/search/?q=" + url.QueryEscape(q)
	open(t, ctx, p)
	res := readResults(t, ctx)
	noErrors(t, ctx, p)
	return res
}

// TestSearchFinds: words and figures from the report, typed as a reader
// would, find the passage that holds them, with the words marked in the
// snippet and a link to the passage's heading.
func TestSearchFinds(t *testing.T) {
	s := env(t)
	ctx := tab(t, 1280, 900)
	for _, tt := range []struct {
		name, lang, q string
		href          string // the first result's link, relative to the base URL
		mark          string // a <mark> the first result shows
	}{
		{"Chinese two characters", "zh", "低保", "zh/2019/highlights/#basic-living-assistance", "低保"},
		{"Chinese four characters", "zh", "养老服务", "zh/2019/highlights/#elderly-care-services", "养老服务"},
		{"Chinese in a heading", "zh", "儿童福利", "zh/2019/highlights/#child-welfare", "儿童福利"},
		{"Chinese figure as written", "zh", "5964家", "zh/2019/three-social-linkage/#social-organizations", "5964家"},
		{"Chinese figure in 万", "zh", "69.31万名", "zh/2019/highlights/#social-work-and-charity", "69.31万名"},
		{"English word", "en", "volunteers", "en/2019/highlights/#social-work-and-charity", "volunteers"},
		{"English word in capitals", "en", "ELDERLY", "", "elderly"},
		{"English phrase", "en", "social organizations", "", "social organizations"},
		{"English figure with separator", "en", "5,964", "en/2019/three-social-linkage/#social-organizations", "5,964"},
		{"English figure without separator", "en", "693100", "en/2019/highlights/#social-work-and-charity", "693,100"},
		{"full-width figure", "zh", "５９６４家", "zh/2019/three-social-linkage/#social-organizations", "5964家"},
		{"full-width letters", "en", "ＶＯＬＵＮＴＥＥＲＳ", "", "volunteers"},
		{"Traditional", "zh-hant", "養老服務", "zh-hant/2019/highlights/#elderly-care-services", "養老服務"},
		{"Simplified on the Traditional page", "zh-hant", "养老服务", "zh-hant/2019/highlights/#elderly-care-services", "養老服務"},
		{"Simplified and Traditional mixed", "zh-hant", "养老服務", "zh-hant/2019/highlights/#elderly-care-services", "養老服務"},
		{"Simplified heading on the Traditional page", "zh-hant", "儿童福利", "zh-hant/2019/highlights/#child-welfare", "兒童福利"},
		{"Traditional on the Simplified page", "zh", "養老服務", "zh/2019/highlights/#elderly-care-services", "养老服务"},
		{"Traditional heading on the Simplified page", "zh", "兒童福利", "zh/2019/highlights/#child-welfare", "儿童福利"},
	} {
		t.Run(tt.name, func(t *testing.T) {
			got := search(t, ctx, tt.lang, tt.q)
			if len(got.Results) == 0 {
				t.Fatalf("%q in %s: no results (status %q)", tt.q, tt.lang, got.Status)
			}
			first := got.Results[0]
			if tt.href != "" && first.Href != s.URL(tt.href) {
				t.Errorf("%q in %s: first result links to %s, want %s\nresults: %s", tt.q, tt.lang, first.Href, s.URL(tt.href), jsonString(got.Results))
			}
			if !slices.Contains(first.Marks, tt.mark) {
				t.Errorf("%q in %s: first result marks %q, want %q among them", tt.q, tt.lang, first.Marks, tt.mark)
			}
			if !strings.Contains(got.Status, "1") && !strings.ContainsAny(got.Status, "23456789") {
				t.Errorf("%q: status %q does not give the number of results", tt.q, got.Status)
			}
		})
	}
	// Every result leads to a heading that exists on its page.
	t.Run("links lead to headings", func(t *testing.T) {
		got := search(t, ctx, "zh", "社会")
		if len(got.Results) < 5 {
			t.Fatalf("社会: %d results, want many", len(got.Results))
		}
		for _, r := range got.Results {
			u, _ := url.Parse(r.Href)
			if u.Fragment == "" {
				continue
			}
			open(t, ctx, s.Path(r.Href))
			if !eval[bool](t, ctx, `!!document.getElementById(`+jsQuote(u.Fragment)+`)`) {
				t.Errorf("result %s: no element with that id", r.Href)
			}
		}
	})
}

// TestSearchFindsEveryHeading: in every language, searching for a
// section's heading as it reads finds that passage among the first
// results, ahead of passages that only mention the words.
func TestSearchFindsEveryHeading(t *testing.T) {
	s := env(t)
	ctx := tab(t, 1280, 900)
	for _, r := range s.Result.Site.Reports {
		for _, lang := range s.Result.Config.Langs {
			for _, p := range r.SectionPages(lang.Key) {
				for _, h := range p.Doc.TOC {
					got := search(t, ctx, lang.Key, h.Text)
					want := s.URL(p.Path) + "#" + h.ID
					i := slices.IndexFunc(got.Results, func(r searchResult) bool { return r.Href == want })
					if i < 0 || i >= 5 {
						t.Errorf("%s %q: the passage %s is result %d of %d, want it among the first 5", lang.Key, h.Text, want, i+1, len(got.Results))
					}
				}
			}
		}
	}
}

// TestSearchRanks: a heading that matches comes before passages that only
// mention the words, and the whole phrase before its words apart.
func TestSearchRanks(t *testing.T) {
	ctx := tab(t, 1280, 900)
	got := search(t, ctx, "en", "child welfare")
	if len(got.Results) < 2 {
		t.Fatalf("child welfare: %d results, want at least 2", len(got.Results))
	}
	if h := got.Results[0].Heading; !strings.EqualFold(h, "Child welfare") {
		t.Errorf("child welfare: first result is %q, want the heading Child welfare", h)
	}
}

// TestSearchShowsQueryAsText: markup in a query is shown as the reader
// typed it and never becomes part of the page.
func TestSearchShowsQueryAsText(t *testing.T) {
	ctx := tab(t, 1280, 900)
	dialogs := 0
	var mu sync.Mutex
	err := chromedp.Listen(ctx, func(ev any) {
		if _, ok := ev.(*page.EventJavascriptDialogOpening); ok {
			mu.Lock()
			dialogs++
			mu.Unlock()
		}
	})
	if err != nil {
		t.Fatal(err)
	}
	const q = `<img src=x onerror=alert(1)>`
	for _, lang := range []string{"zh", "en"} {
		got := search(t, ctx, lang, q)
		if !strings.Contains(got.Status, q) {
			t.Errorf("%s: status %q does not show the query as typed", lang, got.Status)
		}
		if n := eval[int](t, ctx, `document.querySelectorAll("main img").length`); n != 0 {
			t.Errorf("%s: the query made %d <img> elements", lang, n)
		}
		if v := eval[string](t, ctx, `document.getElementById("search-q").value`); v != q {
			t.Errorf("%s: the search box holds %q, want the query", lang, v)
		}
	}
	time.Sleep(300 * time.Millisecond)
	mu.Lock()
	defer mu.Unlock()
	if dialogs > 0 {
		t.Errorf("the query ran script: %d dialogs", dialogs)
	}
}

// TestSearchNoResults: a query nothing matches says so and suggests a
// shorter one, also when it holds no word at all (only marks or emoji).
func TestSearchNoResults(t *testing.T) {
	ctx := tab(t, 1280, 900)
	for _, tt := range []struct{ lang, q, want string }{
		{"zh", "量子计算机", "更短"},
		{"en", "quantum computing", "shorter"},
		// Nothing in them is a word: still an answer, not silence.
		{"zh", "%", "更短"},
		{"zh", "！？", "更短"},
		{"en", "&", "shorter"},
		{"en", "😀", "shorter"},
	} {
		got := search(t, ctx, tt.lang, tt.q)
		if len(got.Results) != 0 {
			t.Errorf("%q: %d results, want none", tt.q, len(got.Results))
		}
		if !strings.Contains(got.Status, tt.want) || !strings.Contains(got.Status, tt.q) {
			t.Errorf("%q: status %q, want it to name the query and suggest a shorter one (%q)", tt.q, got.Status, tt.want)
		}
	}
}

// TestSearchBrokenAddress: an address whose ?q= was cut inside a
// character's escapes (a link copied from a chat, say) still shows the
// query and answers it.
func TestSearchBrokenAddress(t *testing.T) {
	ctx := tab(t, 1280, 900)
	open(t, ctx, "zh/search/?q=%E4%BD%8E%E4%BF%9D%E6%A0")
	got := readResults(t, ctx)
	if v := eval[string](t, ctx, `document.getElementById("search-q").value`); v != "低保" {
		t.Errorf("the search box holds %q, want the whole characters the address holds, 低保", v)
	}
	if len(got.Results) == 0 {
		t.Errorf("no results (status %q)", got.Status)
	}
}

// TestSearchAsYouType: the page answers while the reader types, without a
// button, and the address keeps the query.
func TestSearchAsYouType(t *testing.T) {
	ctx := tab(t, 1280, 900)
	open(t, ctx, "en/search/")
	do(t, ctx, chromedp.SendKeys("#search-q", "voluntee"))
	// Keys may come slower than the page waits for a pause in typing:
	// wait for the answer to the whole word.
	for deadline := time.Now().Add(10 * time.Second); eval[string](t, ctx, `location.search`) != "?q=voluntee" && time.Now().Before(deadline); {
		time.Sleep(50 * time.Millisecond)
	}
	got := readResults(t, ctx)
	if len(got.Results) == 0 || !slices.ContainsFunc(got.Results[0].Marks, func(m string) bool { return strings.HasPrefix(m, "volunteer") }) {
		t.Errorf("typing \"voluntee\": %s", jsonString(got))
	}
	if u := eval[string](t, ctx, `location.search`); u != "?q=voluntee" {
		t.Errorf("address has %q, want ?q=voluntee", u)
	}
	// The other language searches for the same words.
	if href := eval[string](t, ctx, `document.querySelector(".language-switch a[hreflang^=zh]").getAttribute("href")`); !strings.HasSuffix(href, "/zh/search/?q=voluntee") {
		t.Errorf("the language switch leads to %q, want the Chinese search page with the query", href)
	}
}

// TestSearchKeyboard: from a section page, a reader with only a keyboard
// reaches the header's search box, searches, reaches the first result and
// follows it to the passage.
func TestSearchKeyboard(t *testing.T) {
	s := env(t)
	ctx := tab(t, 1280, 900)
	open(t, ctx, "zh/2019/three-social-linkage/")
	for i := 0; i < 10 && eval[string](t, ctx, `document.activeElement.id`) != "site-search-q"; i++ {
		do(t, ctx, chromedp.KeyEvent(kb.Tab))
	}
	if id := eval[string](t, ctx, `document.activeElement.id`); id != "site-search-q" {
		t.Fatalf("ten presses of Tab did not reach the header's search box (at %q)", id)
	}
	_, err := chromedp.Run(ctx, chromedp.WaitEvent(page.LoadEventFired, nil, chromedp.KeyEvent("养老服务"+kb.Enter)))
	if err != nil {
		t.Fatal(err)
	}
	got := readResults(t, ctx)
	if len(got.Results) == 0 {
		t.Fatalf("searching from the header: no results (status %q)", got.Status)
	}
	// Tab from the search box: the button, then the first result.
	do(t, ctx, chromedp.Focus(chromedp.CSS("#search-q")), chromedp.KeyEvent(kb.Tab), chromedp.KeyEvent(kb.Tab))
	if href := eval[string](t, ctx, `document.activeElement.href || ""`); href != got.Results[0].Href {
		t.Fatalf("two presses of Tab after the search box reach %q, want the first result %s", href, got.Results[0].Href)
	}
	_, err = chromedp.Run(ctx, chromedp.WaitEvent(page.LoadEventFired, nil, chromedp.KeyEvent(kb.Enter)))
	if err != nil {
		t.Fatal(err)
	}
	if href := eval[string](t, ctx, `location.href`); href != got.Results[0].Href || !strings.HasPrefix(href, s.URL("zh/2019/")) {
		t.Errorf("Enter on the first result went to %s, want %s", href, got.Results[0].Href)
	}
}

// TestSearchAxe audits the search page with results, with none, and
// without JavaScript's answer yet.
func TestSearchAxe(t *testing.T) {
	ctx := tab(t, 1280, 900)
	for _, tt := range []struct{ lang, q string }{{"zh", "养老服务"}, {"en", "volunteers"}, {"zh", "量子计算机"}} {
		search(t, ctx, tt.lang, tt.q)
		reportAxe(t, tt.lang+"/search/?q="+tt.q, runAxe(t, ctx))
	}
}

// TestSearchWithoutJavaScript: with scripts off, the search page says
// search needs them and links to the contents.
func TestSearchWithoutJavaScript(t *testing.T) {
	s := env(t)
	ctx := tab(t, 1280, 900)
	do(t, ctx, chromedp.Func(func(ctx context.Context, tgt *chromedp.Target) error {
		_, err := cdp.Call(ctx, tgt, emulation.SetScriptExecutionDisabled, emulation.SetScriptExecutionDisabledParams{Value: true})
		return err
	}))
	if err := chromedp.Do(ctx, chromedp.Navigate(s.URL("zh/search/?q=低保"))); err != nil {
		t.Fatal(err)
	}
	got := eval[map[string]any](t, ctx, `({
		note: getComputedStyle(document.querySelector(".search-nojs")).display,
		form: getComputedStyle(document.querySelector(".search-form")).display,
		contents: [...document.querySelectorAll(".search-nojs a")].map((a) => a.getAttribute("href")),
	})`)
	if got["note"] == "none" || got["form"] != "none" {
		t.Errorf("without JavaScript: note display %v, form display %v; want the note shown and the form hidden", got["note"], got["form"])
	}
	links, _ := got["contents"].([]any)
	if len(links) == 0 || !strings.HasSuffix(links[0].(string), "#contents-title") {
		t.Errorf("without JavaScript: links %v, want the reports' contents", links)
	}
}

// TestSearchFormHiddenInPrint: on paper the header's search form and the
// search page's form are not printed.
func TestSearchFormHiddenInPrint(t *testing.T) {
	ctx := tab(t, 1280, 900)
	open(t, ctx, "zh/2019/highlights/")
	do(t, ctx, emulateMedia("print"))
	if d := eval[string](t, ctx, `getComputedStyle(document.querySelector(".site-search")).display`); d != "none" {
		t.Errorf("printing a section: the header's search form has display %q, want none", d)
	}
	do(t, ctx, emulateMedia(""))
	search(t, ctx, "en", "volunteers")
	do(t, ctx, emulateMedia("print"))
	if d := eval[string](t, ctx, `getComputedStyle(document.querySelector(".search-form")).display`); d != "none" {
		t.Errorf("printing the search page: its form has display %q, want none", d)
	}
	if n := eval[int](t, ctx, `document.querySelectorAll("#search-results > li").length`); n == 0 {
		t.Error("printing the search page: the results are gone")
	}
}

// TestSearchElsewhere: words found in no passage of this language are
// offered in the other languages: a reader on the bilingual entry page
// who types English lands on the Chinese search page, and goes on from
// there to the English results.
func TestSearchElsewhere(t *testing.T) {
	s := env(t)
	ctx := tab(t, 1280, 900)
	open(t, ctx, "")
	_, err := chromedp.Run(ctx, chromedp.WaitEvent(page.LoadEventFired, nil,
		chromedp.SendKeys("#site-search-q", "volunteers"+kb.Enter)))
	if err != nil {
		t.Fatal(err)
	}
	if got := readResults(t, ctx); len(got.Results) != 0 {
		t.Fatalf("English words on the Chinese search page: %d results, want none here", len(got.Results))
	}
	href := eval[string](t, ctx, `(document.querySelector(".search-elsewhere a[hreflang=en]") || {}).href || ""`)
	if want := s.URL("en/search/?q=volunteers"); href != want {
		t.Fatalf("no results: the offer of another language links to %q, want %s", href, want)
	}
	reportAxe(t, "zh/search/?q=volunteers", runAxe(t, ctx))
	_, err = chromedp.Run(ctx, chromedp.WaitEvent(page.LoadEventFired, nil, chromedp.Click(".search-elsewhere a[hreflang=en]")))
	if err != nil {
		t.Fatal(err)
	}
	if got := readResults(t, ctx); len(got.Results) == 0 {
		t.Errorf("following the offer: no results on %s (status %q)", eval[string](t, ctx, `location.href`), got.Status)
	}
	// With results, nothing is offered.
	search(t, ctx, "en", "volunteers")
	if n := eval[int](t, ctx, `document.querySelectorAll(".search-elsewhere").length`); n != 0 {
		t.Errorf("with results, %d offers of another language, want none", n)
	}
}

// TestSearchFormFitsPhones: on a 320 px phone, at every text size, the
// search page's button keeps its word on one line beside the box.
func TestSearchFormFitsPhones(t *testing.T) {
	ctx := tab(t, 320, 700)
	for _, lang := range []string{"zh", "en"} {
		for _, size := range []string{"small", "", "large"} {
			open(t, ctx, lang+"/search/")
			do(t, ctx, chromedp.Evaluate[chromedp.Void](`document.documentElement.setAttribute("data-text-size", `+jsQuote(size)+`)`))
			lines := eval[int](t, ctx, `(() => { const r = document.createRange(); r.selectNodeContents(document.querySelector(".search-form-button")); return r.getClientRects().length; })()`)
			if lines != 1 {
				t.Errorf("%s at text size %q: the search button's word takes %d lines, want 1", lang, size, lines)
			}
		}
	}
}

// TestSearchWaitsForInputMethod: a Chinese reader types pinyin into an
// input method before choosing the characters; the page does not search
// for the pinyin letters meanwhile (announcing "nothing found" at every
// key), and searches once the characters are chosen.
func TestSearchWaitsForInputMethod(t *testing.T) {
	ctx := tab(t, 1280, 900)
	open(t, ctx, "zh/search/")
	do(t, ctx, chromedp.Focus(chromedp.CSS("#search-q")))
	for _, pinyin := range []string{"y", "ya", "yang", "yangl", "yanglao"} {
		do(t, ctx, chromedp.Func(func(ctx context.Context, tgt *chromedp.Target) error {
			n := int64(len(pinyin))
			_, err := cdp.Call(ctx, tgt, input.ImeSetComposition, input.ImeSetCompositionParams{Text: pinyin, SelectionStart: n, SelectionEnd: n})
			return err
		}))
		time.Sleep(60 * time.Millisecond)
	}
	time.Sleep(600 * time.Millisecond)
	if st := eval[string](t, ctx, `document.getElementById("search-status").textContent`); st != "" {
		t.Errorf("while the input method composes %q, the page says %q; want it to wait", "yanglao", st)
	}
	do(t, ctx, chromedp.Func(func(ctx context.Context, tgt *chromedp.Target) error {
		_, err := cdp.Call(ctx, tgt, input.InsertText, input.InsertTextParams{Text: "养老"})
		return err
	}))
	got := readResults(t, ctx)
	if len(got.Results) == 0 || !slices.Contains(got.Results[0].Marks, "养老") {
		t.Errorf("after choosing 养老: %s", jsonString(got))
	}
}

// TestSearchEnglishPlurals: an English word finds the passages that have
// it in the singular or the plural, and the snippet marks the word as the
// passage writes it.
func TestSearchEnglishPlurals(t *testing.T) {
	s := env(t)
	ctx := tab(t, 1280, 900)
	for _, tt := range []struct{ q, href, mark string }{
		{"volunteers", "en/2019/three-social-linkage/#policy-and-institutions", "volunteer"},
		{"volunteer", "en/2019/highlights/#social-work-and-charity", "volunteers"},
		// Irregular plurals, by the table of plurals.
		{"child", "en/2019/highlights/#child-welfare", "Children"},
		{"children", "en/2019/highlights/#child-welfare", "Child"},
		{"people", "en/2019/highlights/#basic-living-assistance", "persons"},
	} {
		got := search(t, ctx, "en", tt.q)
		i := slices.IndexFunc(got.Results, func(r searchResult) bool { return r.Href == s.URL(tt.href) })
		if i < 0 {
			t.Errorf("%q: no result leads to %s\nresults: %s", tt.q, tt.href, jsonString(got.Results))
			continue
		}
		if !slices.Contains(got.Results[i].Marks, tt.mark) {
			t.Errorf("%q: the result %s marks %q, want %q", tt.q, tt.href, got.Results[i].Marks, tt.mark)
		}
	}
	// A word being typed finds plurals held in the singular: "polici" is
	// on its way to "policies", which the index holds as "policy".
	open(t, ctx, "en/search/")
	do(t, ctx, chromedp.SendKeys("#search-q", "polici"))
	for deadline := time.Now().Add(10 * time.Second); eval[string](t, ctx, `location.search`) != "?q=polici" && time.Now().Before(deadline); {
		time.Sleep(50 * time.Millisecond)
	}
	got := readResults(t, ctx)
	href := s.URL("en/2019/three-social-linkage/#policy-and-institutions")
	if i := slices.IndexFunc(got.Results, func(r searchResult) bool { return r.Href == href }); i < 0 || !slices.Contains(got.Results[i].Marks, "Policies") {
		t.Errorf("typing \"polici\": want %s with \"Policies\" marked\nresults: %s", href, jsonString(got.Results))
	}
	// And "childre", on its way to "children", held as "child".
	do(t, ctx, chromedp.SendKeys("#search-q", strings.Repeat(kb.Backspace, len("polici"))+"childre"))
	for deadline := time.Now().Add(10 * time.Second); eval[string](t, ctx, `location.search`) != "?q=childre" && time.Now().Before(deadline); {
		time.Sleep(50 * time.Millisecond)
	}
	got = readResults(t, ctx)
	href = s.URL("en/2019/highlights/#child-welfare")
	if i := slices.IndexFunc(got.Results, func(r searchResult) bool { return r.Href == href }); i < 0 || !slices.Contains(got.Results[i].Marks, "Children") {
		t.Errorf("typing \"childre\": want %s with \"Children\" marked\nresults: %s", href, jsonString(got.Results))
	}
}

// TestSearchAnnouncesOnce: while a reader types, with pauses between the
// keys, the status region (read aloud at every change) says only the
// answer to the query typed, never "searching" on an index that answers
// at once.
func TestSearchAnnouncesOnce(t *testing.T) {
	ctx := tab(t, 1280, 900)
	open(t, ctx, "en/search/")
	eval[bool](t, ctx, `window.said = [];
		new MutationObserver(() => said.push(document.getElementById("search-status").textContent))
			.observe(document.getElementById("search-status"), {childList: true, characterData: true, subtree: true}); true`)
	// Load the index first, as a reader's first query does.
	do(t, ctx, chromedp.SendKeys("#search-q", "el"))
	readResults(t, ctx)
	eval[bool](t, ctx, `said.length = 0; true`)
	for _, key := range []string{"d", "e", "r", "l", "y"} {
		do(t, ctx, chromedp.SendKeys("#search-q", key))
		time.Sleep(250 * time.Millisecond)
	}
	time.Sleep(500 * time.Millisecond)
	loading := eval[string](t, ctx, `document.getElementById("search").dataset.loading`)
	said := eval[[]string](t, ctx, `said`)
	for _, s := range said {
		if s == loading {
			t.Errorf("the status region said %q while the index answered at once: %q", loading, said)
			break
		}
	}
	for i := 1; i < len(said); i++ {
		if said[i] == said[i-1] {
			t.Errorf("the status region said %q twice in a row: %q", said[i], said)
		}
	}
	if st := eval[string](t, ctx, `document.getElementById("search-status").textContent`); !strings.ContainsAny(st, "123456789") {
		t.Errorf("after typing \"elderly\" the status region says %q; want the number of results", st)
	}
}

// TestSearchAnnouncesEveryQuery: a new query whose answer has as many
// results as the last one's is still heard. Screen readers read the
// status region only when its text changes, so the text of the second
// answer must differ from the first's.
func TestSearchAnnouncesEveryQuery(t *testing.T) {
	ctx := tab(t, 1280, 900)
	for _, tt := range []struct{ lang, first, second string }{
		{"en", "elderly", "Elderly"}, // the same results, by the same words
		{"zh", "5964家", "５９６４家"},     // the same figure, in full-width digits
	} {
		open(t, ctx, tt.lang+"/search/")
		eval[bool](t, ctx, `window.said = [];
			new MutationObserver(() => said.push(document.getElementById("search-status").textContent))
				.observe(document.getElementById("search-status"), {childList: true, characterData: true, subtree: true}); true`)
		ask := func(q string) (said []string, results int) {
			eval[bool](t, ctx, `said.length = 0;
				document.getElementById("search-q").value = `+jsonString(q)+`;
				document.getElementById("search-q").dispatchEvent(new Event("input")); true`)
			want := "?q=" + strings.ReplaceAll(url.QueryEscape(q), "+", "%20")
			for deadline := time.Now().Add(10 * time.Second); eval[string](t, ctx, `location.search`) != want && time.Now().Before(deadline); {
				time.Sleep(50 * time.Millisecond)
			}
			got := readResults(t, ctx)
			time.Sleep(300 * time.Millisecond) // for any late change of the region
			return eval[[]string](t, ctx, `said`), len(got.Results)
		}
		firstSaid, firstResults := ask(tt.first)
		secondSaid, secondResults := ask(tt.second)
		if firstResults == 0 || firstResults != secondResults {
			t.Fatalf("%s: %q and %q show %d and %d results, want as many and some", tt.lang, tt.first, tt.second, firstResults, secondResults)
		}
		if len(firstSaid) == 0 || len(secondSaid) == 0 {
			t.Errorf("%s: the status region was not written for both queries: %q, then %q", tt.lang, firstSaid, secondSaid)
			continue
		}
		if a, b := firstSaid[len(firstSaid)-1], secondSaid[len(secondSaid)-1]; a == b || !strings.Contains(b, strings.TrimSpace(tt.second)) {
			t.Errorf("%s: after %q the status region says %q, after %q %q: want the second answer to differ and name its query", tt.lang, tt.first, a, tt.second, b)
		}
	}
}
