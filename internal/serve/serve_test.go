package serve

import (
	"encoding/json"
	"fmt"
	"github.com/xmca/almanac/internal/sitetest"
	"net/http"
	"os"
	"path/filepath"
	"reflect"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/xmca/almanac/internal/site"
)

const (
	zhSection = "content/2019/01-three-social-linkage.zh.md"
	enSection = "content/2019/01-three-social-linkage.en.md"
	zhPage    = "/zh/2019/three-social-linkage/"
	enPage    = "/en/2019/three-social-linkage/"
)

// TestEditReloadsPage follows an editor's saves through the real server:
// files written in place and by rename, a stylesheet, new and deleted
// sections and year folders, and editors' temporary files.
func TestEditReloadsPage(t *testing.T) {
	ts := start(t, sitetest.Copy(t), Options{Drafts: true})
	events := ts.events(t, ts.token())
	waitEvent(t, events, "build-ok", nil)

	code, body := ts.get(t, zhPage)
	if code != 200 || !strings.Contains(body, `<script src="/_almanac/reload.js" data-path="`+zhPage+`"`) || !strings.Contains(body, "<title>") {
		t.Fatalf("GET %s: %d, want the page with the live-reload script", zhPage, code)
	}
	if code, js := ts.get(t, "/_almanac/reload.js"); code != 200 || !strings.Contains(js, "EventSource") {
		t.Fatalf("reload.js: %d", code)
	}

	t.Run("in-place save", func(t *testing.T) {
		ts.replace(t, zhSection, "2019年，福建省厦门市", "2019年，福建省厦门市（实时更新）")
		c := waitEvent(t, events, "change", nil).change(t)
		if !slices.Contains(c.Pages, zhPage) || !slices.Contains(c.Pages, "/zh/2019/print/") {
			t.Errorf("change lists %v; want the section and the zh print edition", c.Pages)
		}
		for _, p := range c.Pages {
			if strings.HasPrefix(p, "/en/") {
				t.Errorf("a Chinese body edit reloads %s", p)
			}
		}
		if c.CSSOnly {
			t.Error("cssOnly set for a page change")
		}
		if _, body := ts.get(t, zhPage); !strings.Contains(body, "（实时更新）") {
			t.Error("the page does not show the edit")
		}
	})

	t.Run("rename save", func(t *testing.T) {
		src := ts.read(t, enSection)
		ts.renameSave(t, enSection, strings.Replace(src, "In 2019, Xiamen, Fujian Province", "In 2019 (live), Xiamen, Fujian Province", 1))
		c := waitEvent(t, events, "change", nil).change(t)
		if !slices.Contains(c.Pages, enPage) || slices.Contains(c.Pages, zhPage) {
			t.Errorf("change lists %v; want %s and not %s", c.Pages, enPage, zhPage)
		}
		if _, body := ts.get(t, enPage); !strings.Contains(body, "In 2019 (live)") {
			t.Error("the page does not show the edit")
		}
	})

	t.Run("title change reaches the translation", func(t *testing.T) {
		ts.replace(t, enSection, `title = "Steadily Advancing`, `title = "Firmly Advancing`)
		c := waitEvent(t, events, "change", nil).change(t)
		for _, p := range []string{enPage, "/en/2019/", "/en/2019/print/"} {
			if !slices.Contains(c.Pages, p) {
				t.Errorf("a title change does not reload %s: %v", p, c.Pages)
			}
		}
	})

	t.Run("stylesheet", func(t *testing.T) {
		css := ts.read(t, "static/css/site.css")
		ts.write(t, "static/css/site.css", css+"\n.live-test { color: red }\n")
		c := waitEvent(t, events, "change", nil).change(t)
		if !c.CSSOnly || len(c.Pages) != 0 || !slices.Equal(c.CSS, []string{"/css/site.css"}) {
			t.Errorf("change = %+v; want only /css/site.css, cssOnly", c)
		}
		if _, body := ts.get(t, "/css/site.css"); !strings.Contains(body, ".live-test") {
			t.Error("the stylesheet is not updated")
		}
	})

	t.Run("editor temporary files", func(t *testing.T) {
		ts.drain()
		for _, name := range []string{".01-three-social-linkage.zh.md.swp", "4913", "01-three-social-linkage.zh.md~", ".#01-three-social-linkage.zh.md"} {
			ts.write(t, "content/2019/"+name, "temporary")
		}
		ts.replace(t, zhSection, "（实时更新）", "（再次更新）")
		o := ts.waitRebuild(t, zhSection)
		if o.err != nil || len(o.paths) != 1 {
			t.Errorf("rebuild for %v (error %v); want just the section", o.paths, o.err)
		}
		waitEvent(t, events, "change", nil)
		select {
		case o := <-ts.rebuilds:
			t.Errorf("another rebuild, for %v", o.paths)
		default:
		}
	})

	t.Run("new and deleted section", func(t *testing.T) {
		front := "+++\ntitle = %q\n+++\n\n%s\n"
		ts.write(t, "content/2019/03-new-topic.zh.md", fmt.Sprintf(front, "新专题", "新专题正文。"))
		ts.write(t, "content/2019/03-new-topic.en.md", fmt.Sprintf(front, "New topic", "New topic text."))
		waitEvent(t, events, "change", func(e sseEvent) bool {
			c := e.change(t)
			return slices.Contains(c.Pages, "/zh/2019/new-topic/") && slices.Contains(c.Pages, "/en/2019/new-topic/")
		})
		if code, body := ts.get(t, "/en/2019/new-topic/"); code != 200 || !strings.Contains(body, "New topic text.") {
			t.Fatalf("new section: %d", code)
		}
		os.Remove(ts.path("content/2019/03-new-topic.zh.md"))
		os.Remove(ts.path("content/2019/03-new-topic.en.md"))
		waitEvent(t, events, "change", func(e sseEvent) bool {
			return slices.Contains(e.change(t).Pages, "/en/2019/new-topic/")
		})
		if code, _ := ts.get(t, "/en/2019/new-topic/"); code != 404 {
			t.Errorf("deleted section: %d, want 404", code)
		}
	})

	t.Run("new and deleted year folder", func(t *testing.T) {
		// Files written right after the folder is made, before the server
		// can have begun watching it.
		os.MkdirAll(ts.path("content/2020"), 0o755)
		ts.write(t, "content/2020/_index.zh.md", "+++\ntitle = \"2020年报告\"\n+++\n")
		ts.write(t, "content/2020/01-plans.zh.md", "+++\ntitle = \"计划\"\n+++\n\n二〇二〇年计划。\n")
		waitEvent(t, events, "change", func(e sseEvent) bool { return slices.Contains(e.change(t).Pages, "/zh/2020/plans/") })
		if code, body := ts.get(t, "/zh/2020/plans/"); code != 200 || !strings.Contains(body, "二〇二〇年计划") {
			t.Fatalf("page in a new folder: %d", code)
		}
		// A file added later in the new folder is seen too: the folder is watched.
		ts.write(t, "content/2020/02-more.zh.md", "+++\ntitle = \"更多\"\n+++\n\n更多内容。\n")
		waitEvent(t, events, "change", func(e sseEvent) bool { return slices.Contains(e.change(t).Pages, "/zh/2020/more/") })
		if err := os.RemoveAll(ts.path("content/2020")); err != nil {
			t.Fatal(err)
		}
		waitEvent(t, events, "change", func(e sseEvent) bool { return slices.Contains(e.change(t).Pages, "/zh/2020/plans/") })
		if code, _ := ts.get(t, "/zh/2020/plans/"); code != 404 {
			t.Errorf("page of a deleted folder: %d, want 404", code)
		}
	})

	want, err := fullBuild(ts.dir, ts.URL(), true)
	if err != nil {
		t.Fatal(err)
	}
	sameFiles(t, ts.files(), want)
}

// TestErrorOverlayAndRecovery breaks the site in each way an editor can,
// and checks the browser is told (file, line, message), the last good
// pages stay served, a newly opened page learns of the error, and fixing
// it clears the error by itself.
func TestErrorOverlayAndRecovery(t *testing.T) {
	ts := start(t, sitetest.Copy(t), Options{Drafts: true})
	events := ts.events(t, ts.token())
	waitEvent(t, events, "build-ok", nil)
	_, good := ts.get(t, zhPage)

	breaks := []struct {
		name, file, old, new string
		line                 bool // the error names a line
	}{
		{"bad TOML", "content/2019/figures.toml", "[defaults]", "[defaults", true},
		{"unknown figure", zhSection, "{{community-policy-documents}}", "{{community-policy-document}}", true},
		{"broken front matter", zhSection, "title =", "title ==", true},
		{"template error", "layouts/section.html", "{{.Page.Title}}", "{{.Page.Title", true},
		{"template execution", "layouts/section.html", "{{.Page.Title}}", "{{.Page.Titel}}", true},
		{"missing string", "layouts/i18n/en.toml", "skip_to_content =", "skip_to_the_content =", false},
	}
	for _, b := range breaks {
		t.Run(b.name, func(t *testing.T) {
			src := ts.read(t, b.file)
			ts.replace(t, b.file, b.old, b.new)
			e := waitEvent(t, events, "build-error", nil)
			var f struct{ Errors []problem }
			json.Unmarshal([]byte(e.data), &f)
			var hit *problem
			for i, p := range f.Errors {
				if p.File == b.file {
					hit = &f.Errors[i]
				}
			}
			if hit == nil || hit.Msg == "" || (b.line && hit.Line == 0) {
				t.Fatalf("build-error %s; want %s with a line and a message", e.data, b.file)
			}
			if code, body := ts.get(t, zhPage); code != 200 || body != good {
				t.Errorf("while broken, %s is %d and changed; want the last good page", zhPage, code)
			}
			// A page opened now shows the error too.
			late := ts.events(t, ts.token())
			waitEvent(t, late, "build-error", nil)
			if !strings.Contains(ts.log.String(), b.file) {
				t.Errorf("the terminal does not name %s", b.file)
			}
			ts.write(t, b.file, src)
			waitEvent(t, events, "build-ok", nil)
			waitEvent(t, late, "build-ok", nil)
		})
	}
	// Everything was put back: the site is exactly as before.
	want, err := fullBuild(ts.dir, ts.URL(), true)
	if err != nil {
		t.Fatal(err)
	}
	sameFiles(t, ts.files(), want)
	if _, body := ts.get(t, zhPage); body != good {
		t.Error("after the fixes the page differs from before")
	}
}

// TestStartsBroken starts on a site that does not build: the server runs,
// shows the error, and serves the site once it is fixed.
func TestStartsBroken(t *testing.T) {
	dir := sitetest.Copy(t)
	fig := filepath.Join(dir, "content/2019/figures.toml")
	src, _ := os.ReadFile(fig)
	os.WriteFile(fig, []byte(strings.Replace(string(src), "[defaults]", "[defaults", 1)), 0o644)
	ts := start(t, dir, Options{Drafts: true})
	code, body := ts.get(t, zhPage)
	if code != http.StatusServiceUnavailable || !strings.Contains(body, "reload.js") {
		t.Fatalf("broken site: %d; want 503 with the live-reload script", code)
	}
	if !strings.Contains(body, `<p lang="en">The site has not built yet`) || !strings.Contains(body, "<p>网站尚未生成") {
		t.Errorf("the placeholder should say it in both languages:\n%s", body)
	}
	events := ts.events(t, ts.token())
	e := waitEvent(t, events, "build-error", nil)
	if !strings.Contains(e.data, "content/2019/figures.toml") {
		t.Errorf("build-error %s does not name figures.toml", e.data)
	}
	ts.write(t, "content/2019/figures.toml", string(src))
	waitEvent(t, events, "build-ok", nil)
	if c := waitEvent(t, events, "change", nil).change(t); !c.All {
		t.Errorf("first build's change = %+v; want all", c)
	}
	if code, _ := ts.get(t, zhPage); code != 200 {
		t.Errorf("fixed site: %d", code)
	}
}

// TestMissedChangesOnConnect: a browser that connects after changes it has
// not seen is told about them (its page may be stale).
func TestMissedChangesOnConnect(t *testing.T) {
	ts := start(t, sitetest.Copy(t), Options{Drafts: true})
	before := ts.token()
	ts.drain()
	ts.replace(t, zhSection, "2019年，福建省厦门市", "2019年，厦门市")
	ts.waitRebuild(t, zhSection)
	ts.replace(t, "static/css/site.css", "", "/* edited */\n")
	ts.waitRebuild(t, "static/css/site.css")
	c := waitEvent(t, ts.events(t, before), "change", nil).change(t)
	if !slices.Contains(c.Pages, zhPage) || !slices.Contains(c.CSS, "/css/site.css") || c.CSSOnly {
		t.Errorf("missed changes = %+v; want the page and the stylesheet", c)
	}
	if c := waitEvent(t, ts.events(t, "0123abcd-1"), "change", nil).change(t); !c.All {
		t.Errorf("a page from another server run: %+v; want all", c)
	}
	ch := ts.events(t, ts.token())
	waitEvent(t, ch, "build-ok", nil)
	noEvent(t, ch, "change")
}

// TestPoll finds changes by scanning, without OS events.
func TestPoll(t *testing.T) {
	ts := start(t, sitetest.Copy(t), Options{Drafts: true, Poll: 20 * time.Millisecond})
	events := ts.events(t, ts.token())
	ts.renameSave(t, zhSection, strings.Replace(ts.read(t, zhSection), "2019年，福建省厦门市", "2019年，厦门市（轮询）", 1))
	waitEvent(t, events, "change", func(e sseEvent) bool { return slices.Contains(e.change(t).Pages, zhPage) })
	if _, body := ts.get(t, zhPage); !strings.Contains(body, "（轮询）") {
		t.Error("the page does not show the edit")
	}
}

// TestNoDrafts leaves drafts out, and a section turned into a draft goes.
func TestNoDrafts(t *testing.T) {
	ts := start(t, sitetest.Copy(t), Options{Drafts: false})
	events := ts.events(t, ts.token())
	ts.replace(t, enSection, "+++\ntitle", "+++\ndraft = true\ntitle")
	waitEvent(t, events, "change", func(e sseEvent) bool { return slices.Contains(e.change(t).Pages, enPage) })
	if code, _ := ts.get(t, enPage); code != 404 {
		t.Errorf("draft page: %d, want 404", code)
	}
	want, err := fullBuild(ts.dir, ts.URL(), false)
	if err != nil {
		t.Fatal(err)
	}
	sameFiles(t, ts.files(), want)
}

// TestOutlineCoversPage keeps sameOutline in step with site.Page: a new
// field must be compared there (or listed here as not part of a page's
// outline) before this test passes.
func TestOutlineCoversPage(t *testing.T) {
	compared := []string{"Kind", "Lang", "Path", "OutFile", "Title", "Summary", "Params", "Source",
		"Converted", "KeyFigures", "Report", "Section", "Parent", "Translations", "Prev", "Next", "Behind"}
	other := []string{"Doc", "Inputs"} // the body, and what rendering records
	var fields []string
	typ := reflect.TypeFor[site.Page]()
	for i := range typ.NumField() {
		fields = append(fields, typ.Field(i).Name)
	}
	known := append(slices.Clone(compared), other...)
	for _, f := range fields {
		if !slices.Contains(known, f) {
			t.Errorf("site.Page.%s is new: compare it in sameOutline (plan.go) and list it here", f)
		}
	}
}

func TestEditorTemp(t *testing.T) {
	for name, want := range map[string]bool{
		".x.md.swp": true, "x.md~": true, "4913": true, ".#x.md": true, "#x.md#": true,
		"x.md___jb_tmp___": true, "x.md___jb_old___": true,
		"x.md": false, "figures.toml": false, "site.css": false, "#": false,
	} {
		if editorTemp(name) != want {
			t.Errorf("editorTemp(%q) = %v", name, !want)
		}
	}
}

// TestServesFavicon: the address browsers ask every site for answers with
// the site's icon, not a 404.
func TestServesFavicon(t *testing.T) {
	ts := start(t, sitetest.Copy(t), Options{})
	code, body := ts.get(t, "/favicon.ico")
	if code != http.StatusOK || !strings.HasPrefix(body, "\x00\x00\x01\x00") {
		t.Errorf("GET /favicon.ico: %d, %d bytes starting %q", code, len(body), body[:min(4, len(body))])
	}
}
