package browsertest

import (
	"context"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"unicode/utf8"

	"github.com/chromedp/cdproto/cdp"
	"github.com/chromedp/cdproto/page"
	"github.com/chromedp/chromedp"
	"github.com/chromedp/chromedp/kb"

	"github.com/xmca/almanac/internal/sitetest"
)

// The voices of a phone with Chinese and English: an Android-style
// "en_US", and a network voice that a voice on the device is chosen over.
var someVoices = []SpeechVoice{
	{"Tingting", "zh-CN", true},
	{"Google US English", "en-US", false},
	{"Samantha", "en_US", true},
}

// speechTab is a tab whose pages get the speech stub configured by cfg.
func speechTab(t *testing.T, width int64, cfg SpeechConfig) context.Context {
	t.Helper()
	ctx := tab(t, width, 800)
	do(t, ctx, chromedp.Func(func(ctx context.Context, tg *chromedp.Target) error {
		_, err := cdp.Call(ctx, tg, page.AddScriptToEvaluateOnNewDocument, page.AddScriptToEvaluateOnNewDocumentParams{Source: SpeechStub(cfg)})
		return err
	}))
	return ctx
}

// readAloudShown waits up to half a second for the voices (the stub sends
// them after 150 ms) and says whether the read-aloud controls show.
func readAloudShown(t *testing.T, ctx context.Context) bool {
	t.Helper()
	return eval[bool](t, ctx, `new Promise((done) => {
		const g = document.querySelector(".read-aloud");
		if (!g) return done(false);
		const t0 = Date.now();
		const check = () => g.checkVisibility() ? done(true) : Date.now() - t0 > 500 ? done(false) : setTimeout(check, 25);
		check();
	})`)
}

type readState struct {
	State  string `json:"state"`
	Label  string `json:"label"`
	Status string `json:"status"`
	Spoken []struct {
		Text  string  `json:"text"`
		Lang  string  `json:"lang"`
		Voice string  `json:"voice"`
		Rate  float64 `json:"rate"`
	} `json:"spoken"`
	Speaking  bool   `json:"speaking"`
	Highlight string `json:"highlight"`
	Marked    string `json:"marked"`
}

const readStateJS = `(() => {
	const g = document.querySelector(".read-aloud");
	const hl = CSS.highlights.get("read-aloud");
	const m = document.querySelector(".read-aloud-current");
	return {
		state: g.dataset.readState, label: g.querySelector("[data-read=play]").textContent.trim(),
		status: g.querySelector("[role=status]").textContent, spoken: window.__speech.spoken,
		speaking: !!window.__speech.current,
		highlight: hl ? [...hl].map((r) => r.toString().replace(/\s+/g, " ").trim()).join("|") : "",
		marked: m ? m.tagName.toLowerCase() : "",
	};
})()`

func readingState(t *testing.T, ctx context.Context) readState {
	t.Helper()
	return eval[readState](t, ctx, readStateJS)
}

// readToEnd lets the stub finish every utterance in turn; after each new
// one it checks that the highlighted text is the text being spoken and
// that it is in view above the control bar. It returns what went wrong.
const readToEnd = `(() => {
	const out = [];
	const bar = document.querySelector(".read-aloud");
	for (let i = 0; i < 1000 && window.__speech.current; i++) {
		const u = window.__speech.current;
		const hl = CSS.highlights.get("read-aloud");
		const m = document.querySelector(".read-aloud-current");
		if (hl) {
			const r = [...hl][0], text = r.toString().replace(/\s+/g, " ").trim(), box = r.getBoundingClientRect();
			if (text !== u.text) out.push("highlighted " + JSON.stringify(text) + " while saying " + JSON.stringify(u.text));
			const room = innerHeight - bar.getBoundingClientRect().height;
			// A piece taller than the room above the bar starts near its top.
			if (box.top < 0 || (box.height < room ? box.bottom > room + 1 : box.top > room / 3)) out.push("not in view (" + Math.round(box.top) + "–" + Math.round(box.bottom) + " px): " + u.text);
		} else if (!m || m.tagName.toLowerCase() !== "svg") {
			out.push("nothing highlighted while saying " + JSON.stringify(u.text));
		}
		window.__speech.finish();
	}
	return out;
})()`

// TestReadAloud reads a Chinese and an English section with the stubbed
// voice: everything in the main text, in order, in pieces of at most 100
// characters, in the page's locale with a voice for it (one on the device
// before one over the network), figures as written; the sentence being
// read highlighted and in view; pause and resume, a new speed, stop,
// Escape, by keyboard; the state announced; axe finds nothing with the
// control bar and the highlight showing; and reading stops when the reader
// leaves the page.
func TestReadAloud(t *testing.T) {
	ctx := speechTab(t, 1280, SpeechConfig{Voices: someVoices, VoicesLater: true})
	for i, tt := range []struct {
		path, locale, voice, figure string
		labels, statuses            []string // start, pause, resume; playing, paused, stopped, done
	}{
		{"zh/2019/three-social-linkage/", "zh-Hans", "Tingting", "近430万人次",
			[]string{"朗读", "暂停", "继续"}, []string{"正在朗读", "已暂停朗读", "已停止朗读", "朗读完毕"}},
		{"en/2019/highlights/", "en", "Samantha", "RMB 5.83 million",
			[]string{"Read aloud", "Pause", "Resume"}, []string{"Reading aloud", "Reading paused", "Reading stopped", "Finished reading"}},
	} {
		open(t, ctx, tt.path)
		if !readAloudShown(t, ctx) {
			t.Fatalf("%s: the read-aloud button does not show although a %s voice arrived", tt.path, tt.locale)
		}
		// Nothing speaks until the reader asks.
		if s := readingState(t, ctx); s.State != "idle" || s.Label != tt.labels[0] || len(s.Spoken) > 0 {
			t.Errorf("%s: before reading, state %q, button %q, %d utterances; want idle, %q, none", tt.path, s.State, s.Label, len(s.Spoken), tt.labels[0])
		}
		// Start by keyboard.
		do(t, ctx, chromedp.Focus(chromedp.CSS(`[data-read=play]`)), chromedp.KeyEvent(kb.Enter))
		s := readingState(t, ctx)
		title := eval[string](t, ctx, `document.querySelector("h1").textContent.trim()`)
		if s.State != "playing" || s.Label != tt.labels[1] || s.Status != tt.statuses[0] || len(s.Spoken) != 1 {
			t.Fatalf("%s: after Enter on the button: state %q, button %q, status %q, %d utterances; want playing, %q, %q, 1", tt.path, s.State, s.Label, s.Status, len(s.Spoken), tt.labels[1], tt.statuses[0])
		}
		// The speed chosen on the first page is kept on the second.
		rate := []float64{1, 1.25}[i]
		if u := s.Spoken[0]; u.Text != title || u.Lang != tt.locale || u.Voice != tt.voice || u.Rate != rate {
			t.Errorf("%s: first utterance %+v; want the title %q in %s by %s at rate %g", tt.path, u, title, tt.locale, tt.voice, rate)
		}
		if s.Highlight != title || s.Marked != "h1" {
			t.Errorf("%s: highlighted %q in <%s>, want the title in <h1>", tt.path, s.Highlight, s.Marked)
		}
		eval[bool](t, ctx, `window.__speech.finish() && window.__speech.finish()`)
		interrupted := readingState(t, ctx).Spoken[2].Text

		// Pause by keyboard: the voice is silenced and nothing more is said.
		do(t, ctx, chromedp.KeyEvent(kb.Enter))
		s = readingState(t, ctx)
		if s.State != "paused" || s.Label != tt.labels[2] || s.Status != tt.statuses[1] || s.Speaking || s.Highlight != interrupted {
			t.Errorf("%s: paused: state %q, button %q, status %q, speaking %v, highlight %q; want paused, %q, %q, silent, still %q", tt.path, s.State, s.Label, s.Status, s.Speaking, s.Highlight, tt.labels[2], tt.statuses[1], interrupted)
		}
		// The page with the bar and the highlight showing.
		reportAxe(t, tt.path+" (reading aloud, paused)", runAxe(t, ctx))
		// A slower speed (SetValue fires input and change, as choosing an
		// option does), then resume: the interrupted sentence again, slower.
		do(t, ctx, chromedp.SetValue(chromedp.CSS(`[data-read=rate]`), "0.75"))
		do(t, ctx, chromedp.Focus(chromedp.CSS(`[data-read=play]`)), chromedp.KeyEvent(" "))
		s = readingState(t, ctx)
		if last := s.Spoken[len(s.Spoken)-1]; s.State != "playing" || len(s.Spoken) != 4 || last.Text != interrupted || last.Rate != 0.75 {
			t.Errorf("%s: resumed: state %q, %d utterances, the last %+v; want playing, the interrupted %q again at 0.75", tt.path, s.State, len(s.Spoken), last, interrupted)
		}

		// A faster speed while reading: the same sentence again, faster.
		do(t, ctx, chromedp.SetValue(chromedp.CSS(`[data-read=rate]`), "1.25"))
		eval[any](t, ctx, `new Promise((done) => setTimeout(done, 150))`)
		s = readingState(t, ctx)
		if last := s.Spoken[len(s.Spoken)-1]; s.State != "playing" || len(s.Spoken) != 5 || last.Text != interrupted || last.Rate != 1.25 || !s.Speaking {
			t.Errorf("%s: a new speed while reading: state %q, %d utterances, the last %+v; want the interrupted %q again at 1.25", tt.path, s.State, len(s.Spoken), last, interrupted)
		}

		// Reading to the end with the focus on the speed, which hides then.
		do(t, ctx, chromedp.Focus(chromedp.CSS(`[data-read=rate]`)))
		for _, msg := range eval[[]string](t, ctx, readToEnd) {
			t.Errorf("%s: %s", tt.path, msg)
		}
		if focus := eval[string](t, ctx, `document.activeElement.dataset.read || document.activeElement.tagName`); focus != "play" {
			t.Errorf("%s: at the end the focus is on %s, want the read-aloud button", tt.path, focus)
		}
		s = readingState(t, ctx)
		if s.State != "idle" || s.Status != tt.statuses[3] || s.Highlight != "" || s.Marked != "" || s.Label != tt.labels[0] {
			t.Errorf("%s: at the end: state %q, status %q, highlight %q, marked %q, button %q; want idle, %q, none", tt.path, s.State, s.Status, s.Highlight, s.Marked, s.Label, tt.statuses[3])
		}
		checkSpoken(t, ctx, tt.path, s, tt.figure)

		// Stop, by keyboard: the focus stays on the controls.
		do(t, ctx, chromedp.Focus(chromedp.CSS(`[data-read=play]`)), chromedp.KeyEvent(kb.Enter))
		eval[bool](t, ctx, `window.__speech.finish()`)
		do(t, ctx, chromedp.Focus(chromedp.CSS(`[data-read=stop]`)), chromedp.KeyEvent(kb.Enter))
		s = readingState(t, ctx)
		focus := eval[string](t, ctx, `document.activeElement.dataset.read || document.activeElement.tagName`)
		if s.State != "idle" || s.Status != tt.statuses[2] || s.Speaking || s.Highlight != "" || focus != "play" {
			t.Errorf("%s: stopped: state %q, status %q, speaking %v, highlight %q, focus on %s; want idle, %q, silent, none, the button", tt.path, s.State, s.Status, s.Speaking, s.Highlight, focus, tt.statuses[2])
		}
		// Escape stops too.
		do(t, ctx, chromedp.KeyEvent(kb.Enter))
		do(t, ctx, chromedp.KeyEvent(kb.Escape))
		if s = readingState(t, ctx); s.State != "idle" || s.Speaking {
			t.Errorf("%s: Escape while reading: state %q, speaking %v; want stopped", tt.path, s.State, s.Speaking)
		}

		noErrors(t, ctx, tt.path) // no script errors or CSP violations while reading

		// Leaving the page while reading silences the voice.
		do(t, ctx, chromedp.KeyEvent(kb.Enter))
		before := eval[int](t, ctx, `Number(sessionStorage.getItem("speech-cancels"))`)
		do(t, ctx, chromedp.Navigate(shared.server.URL("zh/")))
		if after := eval[int](t, ctx, `Number(sessionStorage.getItem("speech-cancels"))`); after != before+1 {
			t.Errorf("%s: leaving the page while reading cancelled speech %d times, want once", tt.path, after-before)
		}
	}
}

// checkSpoken: the utterances are at most 100 characters, the figure is
// said as written, nothing from the navigation is said, every paragraph
// of the text is said, and in the order of the page.
func checkSpoken(t *testing.T, ctx context.Context, p string, s readState, figure string) {
	t.Helper()
	var all strings.Builder
	var texts []string
	// The page once through: the third piece was interrupted and said again
	// (twice).
	for i, u := range s.Spoken {
		if i > 0 && u.Text == s.Spoken[i-1].Text {
			continue
		}
		texts = append(texts, u.Text)
		all.WriteString(u.Text)
		if n := utf8.RuneCountInString(u.Text); n > 100 {
			t.Errorf("%s: an utterance of %d characters, want at most 100: %q", p, n, u.Text)
		}
	}
	said := strings.Join(strings.Fields(all.String()), "")
	if !strings.Contains(all.String(), figure) {
		t.Errorf("%s: %q is not said as written", p, figure)
	}
	got := eval[map[string]any](t, ctx, fmt.Sprintf(`(() => {
		const squash = (s) => s.replace(/\s+/g, "");
		const said = %s, texts = %s;
		const missing = [...document.querySelectorAll("main .prose p:not(.chart-download), main h1, main .lead")].map((e) => squash(e.textContent)).filter((x) => x && !said.includes(x));
		const nav = [...document.querySelectorAll("main nav h2, main nav .prev-next-label, main nav .prev-next-title, .chart-download, .page-tools button")].map((e) => squash(e.textContent)).filter((x) => x.length > 1 && said.includes(x));
		const page = squash(document.querySelector("main").innerText);
		const descs = [...document.querySelectorAll("main svg desc")].map((d) => squash(d.textContent)).join("");
		let at = 0;
		const outOfOrder = [];
		for (const t of texts.map(squash)) {
			if (descs.includes(t)) continue;
			const i = page.indexOf(t, at);
			if (i < 0) outOfOrder.push(t); else at = i + t.length;
		}
		return {missing, nav, outOfOrder};
	})()`, jsQuote(said), jsonString(texts)))
	for _, k := range []string{"missing", "nav", "outOfOrder"} {
		if v := got[k].([]any); len(v) > 0 {
			what := map[string]string{"missing": "text not read", "nav": "navigation read aloud", "outOfOrder": "read out of the page's order"}[k]
			t.Errorf("%s: %s: %q (said: %q)", p, what, v, short(said, 600))
		}
	}
}

// TestReadAloudHidden: the read-aloud button shows only where it can work:
// not without speechSynthesis, not without a voice for the page's language
// (an English voice does not read a Chinese page), and only on the pages
// with a text to read (sections, covers, print editions).
func TestReadAloudHidden(t *testing.T) {
	noSpeech := speechTab(t, 1280, SpeechConfig{Absent: true})
	open(t, noSpeech, "zh/2019/highlights/")
	if readAloudShown(t, noSpeech) {
		t.Error("without speechSynthesis the read-aloud button shows")
	}
	english := speechTab(t, 1280, SpeechConfig{Voices: someVoices[1:], VoicesLater: true})
	for _, tt := range []struct {
		path string
		want bool
	}{
		{"zh/2019/highlights/", false}, {"zh/2019/print/", false},
		{"en/2019/highlights/", true}, {"en/2019/", true}, {"en/2019/print/", true},
		{"en/", false}, {"en/404.html", false}, {"", false},
	} {
		open(t, english, tt.path)
		if got := readAloudShown(t, english); got != tt.want {
			t.Errorf("%s with only English voices: read-aloud shown %v, want %v", tt.path, got, tt.want)
		}
	}
}

// TestReadAloudElderPhone: reading aloud in elder mode on a 320 px touch
// screen: the control bar's targets are 60 px, the page does not overflow,
// the highlighted sentence is in view, and axe (A, AA, AAA) finds nothing,
// also with the bar and the highlight showing.
func TestReadAloudElderPhone(t *testing.T) {
	ctx := speechTab(t, 320, SpeechConfig{Voices: someVoices})
	do(t, ctx, emulateTouch(true))
	open(t, ctx, "")
	eval[any](t, ctx, `localStorage.setItem("almanac-elder-mode", "on")`)
	for _, p := range []string{"zh/2019/three-social-linkage/", "en/2019/print/"} {
		open(t, ctx, p)
		if !readAloudShown(t, ctx) {
			t.Fatalf("%s: no read-aloud button", p)
		}
		do(t, ctx, chromedp.Click(chromedp.CSS(`[data-read=play]`), chromedp.NodeVisible))
		eval[bool](t, ctx, `[1, 2, 3, 4, 5, 6].every(() => window.__speech.finish())`)
		for _, msg := range eval[[]string](t, ctx, elderProblems+"(60)") {
			t.Errorf("%s reading aloud at 320 px, elder mode: %s", p, msg)
		}
		for _, msg := range eval[[]string](t, ctx, readToEnd+"") {
			t.Errorf("%s at 320 px, elder mode: %s", p, msg)
			break
		}
		do(t, ctx, chromedp.Click(chromedp.CSS(`[data-read=play]`), chromedp.NodeVisible))
		eval[bool](t, ctx, `window.__speech.finish()`)
		reportAxe(t, p+" (reading aloud)", runAxe(t, ctx, "wcag2aaa"))
	}
}

// TestReadAloudLongSentences: how a paragraph is cut into utterances,
// on a paragraph made for it: sentence by sentence; a sentence of more
// than 100 characters at its commas, a clause of more than 100 between
// words, a run of Chinese without punctuation at 100 characters; a line
// break in the source is a space; a decimal point ends nothing.
func TestReadAloudLongSentences(t *testing.T) {
	ctx := speechTab(t, 1280, SpeechConfig{Voices: someVoices})
	long := strings.Repeat("社会组织参与社区治理", 15) // 150 characters, no punctuation
	words := strings.Repeat("word ", 30)     // 150 characters, no commas
	for _, tt := range []struct {
		path, text string
		want       []string
	}{
		{"en/2019/highlights/", "Funding reached RMB 2.4 million\nin 2019. " + words + "end.",
			[]string{"Funding reached RMB 2.4 million in 2019.", strings.TrimSpace(strings.Repeat("word ", 20)), strings.TrimSpace(strings.Repeat("word ", 10)) + " end."}},
		{"zh/2019/highlights/", "资金达2.4亿元。" + long + "。" + strings.Repeat("一二三四五六七八九十", 6) + "，" + strings.Repeat("一二三四五六七八九十", 5) + "。",
			[]string{"资金达2.4亿元。", long[:len("社会组织参与社区治理")*10], long[len("社会组织参与社区治理")*10:] + "。",
				strings.Repeat("一二三四五六七八九十", 6) + "，", strings.Repeat("一二三四五六七八九十", 5) + "。"}},
	} {
		open(t, ctx, tt.path)
		readAloudShown(t, ctx)
		eval[any](t, ctx, `(() => { const p = document.createElement("p"); p.id = "made"; p.textContent = `+jsonString(tt.text)+`; document.querySelector("h1").after(p); })()`)
		do(t, ctx, chromedp.Click(chromedp.CSS(`[data-read=play]`), chromedp.NodeVisible))
		got := eval[[]string](t, ctx, `(() => {
			const out = [];
			while (window.__speech.current) {
				if (document.querySelector(".read-aloud-current") === document.getElementById("made")) out.push(window.__speech.current.text);
				window.__speech.finish();
			}
			return out;
		})()`)
		if jsonString(got) != jsonString(tt.want) {
			t.Errorf("%s: the paragraph was said as\n%s\nwant\n%s", tt.path, jsonString(got), jsonString(tt.want))
		}
	}
}

// allowanceSection is a section with a table and a footnote, each of
// which the report did not have.
var allowanceSection = map[string]string{
	"zh": `+++
title = "高龄津贴"
summary = "高龄津贴标准。"
+++

养老服务持续完善[^1]。

| 年龄 | 每月津贴 |
|---|---|
| 80至89周岁 | 100元 |
| 90周岁以上 | 200元 |

[^1]: 数据截至年底。
`,
	"en": `+++
title = "Old-age allowance"
summary = "The old-age allowance."
+++

Elderly care kept improving.[^1]

| Age | Monthly allowance |
|---|---|
| 80 to 89 | 100 yuan |
| 90 and over | 200 yuan |

[^1]: Figures as of the end of the year.
`,
}

// serveWithAllowanceSection serves the real site with allowanceSection
// added to the 2019 report as its third section.
func serveWithAllowanceSection(t *testing.T) *Server {
	t.Helper()
	env(t)
	dir := sitetest.Copy(t)
	for lang, text := range allowanceSection {
		if err := os.WriteFile(filepath.Join(dir, "content", "2019", "03-allowance."+lang+".md"), []byte(text), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	srv, err := Serve(dir, filepath.Join(t.TempDir(), "public"))
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { srv.Close() })
	return srv
}

// TestReadAloudTableAndFootnote: a table in a section is read cell by
// cell, in order; a footnote's number in the text and the arrow back from
// the note are not said.
func TestReadAloudTableAndFootnote(t *testing.T) {
	srv := serveWithAllowanceSection(t)
	ctx := speechTab(t, 1280, SpeechConfig{Voices: someVoices})
	for _, tt := range []struct {
		path string
		want []string
	}{
		{"zh/2019/allowance/", []string{"高龄津贴", "高龄津贴标准。", "养老服务持续完善。", "年龄", "每月津贴", "80至89周岁", "100元", "90周岁以上", "200元", "数据截至年底。"}},
		{"en/2019/allowance/", []string{"Old-age allowance", "The old-age allowance.", "Elderly care kept improving.", "Age", "Monthly allowance", "80 to 89", "100 yuan", "90 and over", "200 yuan", "Figures as of the end of the year."}},
	} {
		do(t, ctx, chromedp.Navigate(srv.URL(tt.path)))
		if !readAloudShown(t, ctx) {
			t.Fatalf("%s: no read-aloud button", tt.path)
		}
		do(t, ctx, chromedp.Click(chromedp.CSS(`[data-read=play]`), chromedp.NodeVisible))
		// The highlight of the sentence with the footnote covers its
		// number, so readToEnd's comparison does not apply.
		eval[bool](t, ctx, `(() => { while (window.__speech.current) window.__speech.finish(); return true; })()`)
		var said []string
		for _, u := range readingState(t, ctx).Spoken {
			said = append(said, u.Text)
		}
		if jsonString(said) != jsonString(tt.want) {
			t.Errorf("%s: said\n%s\nwant\n%s", tt.path, jsonString(said), jsonString(tt.want))
		}
	}
}
