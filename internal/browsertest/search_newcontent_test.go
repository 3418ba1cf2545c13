package browsertest

import (
	"net/url"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/chromedp/chromedp"

	"github.com/xmca/almanac/internal/sitetest"
)

// unseenSection is a section the report never had: a heading without an
// id of its own (the page makes one from its Chinese words), a list, a
// footnote cited in the first passage, and a rare character outside the
// Basic Multilingual Plane (written in JavaScript as two halves) just
// where a snippet may begin.
const unseenSection = `+++
title = "社区书房建设"
summary = "社区书房的建设情况。"
+++

## 社区读书角 {#reading-corners}

社区读书角受到居民欢迎[^survey]。

## 适老化改造清单

- 加装扶手与防滑地砖

## 其他工作 {#other-work}

𠀀甲乙丙丁戊己庚辛壬癸子丑寅卯辰巳午未申酉戌亥金木水火土日月漂流活动持续开展。

[^survey]: 满意度来自年度入户问卷调查。
`

// TestSearchUnseenContent: on a site with a section the project never had,
// each passage is found and its result leads to the right heading, and a
// snippet never begins in the middle of a character.
func TestSearchUnseenContent(t *testing.T) {
	env(t)
	dir := sitetest.Copy(t)
	if err := os.WriteFile(filepath.Join(dir, "content", "2019", "03-study-rooms.zh.md"), []byte(unseenSection), 0o644); err != nil {
		t.Fatal(err)
	}
	srv, err := Serve(dir, filepath.Join(t.TempDir(), "public"))
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { srv.Close() })
	ctx := tab(t, 1280, 900)
	for _, tt := range []struct{ q, anchor string }{
		{"读书角", "reading-corners"},
		{"问卷调查", "reading-corners"},
		{"扶手", "适老化改造清单"},
		{"漂流活动", "other-work"},
	} {
		if err := chromedp.Do(ctx, chromedp.Navigate(srv.URL("zh/search/?q="+url.QueryEscape(tt.q)))); err != nil {
			t.Fatal(err)
		}
		got := readResults(t, ctx)
		if len(got.Results) == 0 {
			t.Errorf("%q: no results (status %q)", tt.q, got.Status)
			continue
		}
		first := got.Results[0]
		u, _ := url.Parse(first.Href)
		if u.Path != "/report/zh/2019/study-rooms/" && !strings.HasSuffix(u.Path, "/zh/2019/study-rooms/") || u.Fragment != tt.anchor {
			t.Errorf("%q: first result leads to %s, want the study rooms' #%s", tt.q, first.Href, tt.anchor)
		}
		if strings.ContainsRune(first.Snippet, '\uFFFD') {
			t.Errorf("%q: the snippet begins or ends inside a character: %q", tt.q, first.Snippet)
		}
		if err := chromedp.Do(ctx, chromedp.Navigate(first.Href)); err != nil {
			t.Fatal(err)
		}
		if !eval[bool](t, ctx, `!!document.getElementById(decodeURIComponent(location.hash.slice(1)))`) {
			t.Errorf("%q: %s has no element with that id", tt.q, first.Href)
		}
	}
}
