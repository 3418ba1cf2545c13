package main

import (
	"bytes"
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	"github.com/xmca/almanac/internal/diag"
	"github.com/xmca/almanac/internal/sitetest"
)

// site is a copy of the real site that a catalogue case breaks.
type site struct {
	t   *testing.T
	dir string
}

func (s site) path(rel string) string { return filepath.Join(s.dir, filepath.FromSlash(rel)) }

func (s site) read(rel string) string {
	s.t.Helper()
	b, err := os.ReadFile(s.path(rel))
	if err != nil {
		s.t.Fatal(err)
	}
	return string(b)
}

func (s site) write(rel, text string) {
	s.t.Helper()
	if err := os.MkdirAll(filepath.Dir(s.path(rel)), 0o755); err != nil {
		s.t.Fatal(err)
	}
	if err := os.WriteFile(s.path(rel), []byte(text), 0o644); err != nil {
		s.t.Fatal(err)
	}
}

// replace changes the first old in rel to new and returns the line it is on.
func (s site) replace(rel, old, new string) int {
	s.t.Helper()
	text := s.read(rel)
	i := strings.Index(text, old)
	if i < 0 {
		s.t.Fatalf("%s does not contain %q", rel, old)
	}
	s.write(rel, text[:i]+new+text[i+len(old):])
	return 1 + strings.Count(text[:i], "\n")
}

// add appends text to rel on a new line and returns the line it starts on.
func (s site) add(rel, text string) int {
	s.t.Helper()
	old := s.read(rel)
	if !strings.HasSuffix(old, "\n") {
		old += "\n"
	}
	s.write(rel, old+text)
	return 1 + strings.Count(old, "\n")
}

const (
	zhSection = "content/2019/01-three-social-linkage.zh.md"
	enSection = "content/2019/02-highlights.en.md"
	zhCover   = "content/2019/_index.zh.md"
	figuresF  = "content/2019/figures.toml"
)

// errorCase is one kind of bad input. breakSite changes a copy of the real
// site and returns what the message must contain: the position
// ("file:line" or "file:line:col"), then words of the message.
type errorCase struct {
	name      string
	breakSite func(s site) (pos string, words []string)
	args      []string // extra arguments to build, after -s DIR
	// noHint is set for errors that are not about a file (the output folder),
	// which say what to do in the message itself.
	noHint bool
	// buildOnly is set for errors about writing the output, which check
	// does not do.
	buildOnly bool
}

func at(file string, line int, rest ...int) string {
	pos := fmt.Sprintf("%s:%d", file, line)
	for _, n := range rest {
		pos += fmt.Sprintf(":%d", n)
	}
	return pos
}

var errorCatalogue = []errorCase{
	// site.toml
	{name: "site.toml syntax", breakSite: func(s site) (string, []string) {
		line := s.replace("site.toml", `default_language = "zh"`, `default_language = "zh`)
		return at("site.toml", line), []string{"TOML"}
	}},
	{name: "site.toml unknown setting", breakSite: func(s site) (string, []string) {
		line := s.replace("site.toml", "[build]\n", "[build]\nminfy = true\n")
		return at("site.toml", line+1), []string{`unknown setting "build.minfy"`, "minify"}
	}},
	{name: "site.toml wrong type", breakSite: func(s site) (string, []string) {
		line := s.replace("site.toml", "drafts = false", `drafts = "no"`)
		return at("site.toml", line), []string{"drafts", "true or false"}
	}},
	{name: "site.toml unknown default language", breakSite: func(s site) (string, []string) {
		line := s.replace("site.toml", `default_language = "zh"`, `default_language = "fr"`)
		return at("site.toml", line), []string{`"fr" is not one of the languages`}
	}},
	{name: "site.toml relative base_url", breakSite: func(s site) (string, []string) {
		line := s.replace("site.toml", `base_url = "https://`, `base_url = "`)
		return at("site.toml", line), []string{"not an absolute"}
	}},
	{name: "site.toml invalid UTF-8", breakSite: func(s site) (string, []string) {
		line := s.add("site.toml", "# \xff\xfe\n")
		return at("site.toml", line), []string{"UTF-8"}
	}},
	{name: "site.toml locale that is not a language tag", breakSite: func(s site) (string, []string) {
		line := s.replace("site.toml", `locale = "en"`, `locale = "English"`)
		return at("site.toml", line), []string{`locale "English"`, "BCP 47"}
	}},
	{name: "site.toml unit without a pattern for a language", breakSite: func(s site) (string, []string) {
		line := s.add("site.toml", "\n[units.households]\nzh = \"{0}户\"\n")
		s.add(figuresF, "[figure.zz-households]\nvalue = 2\nunit = \"households\"\nlabel = { zh = \"户\", en = \"Households\" }\n")
		return at("site.toml", line+1), []string{`unit "households" has no pattern for language "en"`, `en = "{0}…"`, "zz-households"}
	}},
	{name: "site.toml unit pattern without {0}", breakSite: func(s site) (string, []string) {
		line := s.add("site.toml", "\n[units.households]\nzh = \"户\"\nen = \"{0} households\"\n")
		return at("site.toml", line+2), []string{"must have {0} once"}
	}},
	{name: "site.toml unit in a language the site does not have", breakSite: func(s site) (string, []string) {
		line := s.add("site.toml", "\n[units.households]\nzh = \"{0}户\"\nfr = \"{0} ménages\"\n")
		return at("site.toml", line+3), []string{`"fr" in [units.households] is not a language of the site`}
	}},
	{name: "site.toml language without interface strings", breakSite: func(s site) (string, []string) {
		s.add("site.toml", "\n[languages.fr]\nlocale = \"fr\"\nname = \"Français\"\ntitle = \"Rapports annuels\"\nweight = 3\n")
		return "layouts/i18n/fr.toml", []string{`interface strings for language "fr" are missing`, "chart_data_table", "site_not_built"}
	}},

	// front matter
	{name: "front matter missing", breakSite: func(s site) (string, []string) {
		s.replace(zhSection, "+++\n", "")
		return at(zhSection, 1, 1), []string{"does not start with front matter"}
	}},
	{name: "front matter not closed", breakSite: func(s site) (string, []string) {
		parts := strings.SplitN(s.read(zhSection), "+++\n", 3)
		s.write(zhSection, "+++\n"+parts[1]+parts[2])
		return at(zhSection, 1, 1), []string{"never closed"}
	}},
	{name: "front matter syntax", breakSite: func(s site) (string, []string) {
		line := s.replace(zhSection, "title =", "title ==")
		return at(zhSection, line), []string{"TOML"}
	}},
	{name: "front matter without title", breakSite: func(s site) (string, []string) {
		s.replace(zhSection, "title =", "titel_text =")
		return at(zhSection, 2), []string{"no title"}
	}},
	{name: "front matter misspelt setting", breakSite: func(s site) (string, []string) {
		line := s.replace(zhSection, "title =", "wieght = 3\ntitle =")
		return at(zhSection, line), []string{`unknown setting "wieght"`, "did you mean weight"}
	}},
	{name: "front matter wrong type", breakSite: func(s site) (string, []string) {
		line := s.replace(zhSection, "title =", "weight = \"3\"\ntitle =")
		return at(zhSection, line), []string{"weight", "a whole number"}
	}},
	{name: "front matter bad slug", breakSite: func(s site) (string, []string) {
		line := s.replace(zhSection, "title =", "slug = \"Three Social\"\ntitle =")
		return at(zhSection, line), []string{"cannot be used in a URL"}
	}},
	{name: "cover key figure unknown", breakSite: func(s site) (string, []string) {
		line := s.replace(zhCover, "key_figures = [", `key_figures = ["no-such-figure", `)
		return at(zhCover, line), []string{`unknown figure "no-such-figure"`}
	}},

	// figures.toml
	{name: "figures.toml syntax", breakSite: func(s site) (string, []string) {
		line := s.replace(figuresF, "[defaults]", "[defaults")
		return at(figuresF, line), []string{"cannot be read"}
	}},
	{name: "figures.toml number with a comma", breakSite: func(s site) (string, []string) {
		line := s.add(figuresF, "[figure.zz-comma]\nvalue = 5,964\n")
		return at(figuresF, line+1), []string{"cannot be read", "without commas"}
	}},
	{name: "figures.toml unknown unit", breakSite: func(s site) (string, []string) {
		line := s.add(figuresF, "[figure.zz-unit]\nvalue = 5\nunit = \"orgs\"\nlabel = { zh = \"甲\", en = \"A\" }\n")
		return at(figuresF, line+2), []string{"orgs"}
	}},
	{name: "figures.toml label missing in a language", breakSite: func(s site) (string, []string) {
		line := s.add(figuresF, "[figure.zz-label]\nvalue = 5\nunit = \"items\"\nlabel = { zh = \"甲\" }\n")
		return at(figuresF, line+3), []string{"en"}
	}},
	{name: "figures.toml rule does not hold", breakSite: func(s site) (string, []string) {
		line := s.add(figuresF, "[figure.zz-total]\nvalue = 10\nunit = \"items\"\nlabel = { zh = \"总\", en = \"Total\" }\n\n"+
			"[figure.zz-part]\nvalue = 3\nunit = \"items\"\nlabel = { zh = \"分\", en = \"Part\" }\n\n"+
			"[[rule]]\ntotal = \"zz-total\"\nparts = [\"zz-part\"]\n")
		return at(figuresF, line+10), []string{"does not hold", "zz-total"}
	}},
	{name: "figures.toml chart of an unknown figure", breakSite: func(s site) (string, []string) {
		line := s.add(figuresF, "[chart.zz-chart]\ntype = \"bar\"\nfigures = [\"volunteers\", \"volunteerz\"]\ntitle = { zh = \"图\", en = \"Chart\" }\n")
		return at(figuresF, line+2), []string{"volunteerz"}
	}},
	{name: "figures.toml invalid UTF-8", breakSite: func(s site) (string, []string) {
		line := s.add(figuresF, "# \xff\n")
		return at(figuresF, line), []string{"UTF-8"}
	}},

	{name: "figures.toml unknown style", breakSite: func(s site) (string, []string) {
		line := s.add(figuresF, "[figure.zz-style]\nvalue = 25288\nunit = \"pairs\"\nstyle = \"full\"\nlabel = { zh = \"对\", en = \"Pairs\" }\n")
		return at(figuresF, line+3), []string{`unknown style "full"`, `style = "plain"`}
	}},

	// Markdown figure references
	{name: "unknown figure", breakSite: func(s site) (string, []string) {
		line := s.add(enSection, "\nThere were {{volunteer}} volunteers.\n")
		return at(enSection, line+1, 12), []string{`unknown figure "volunteer"`, "did you mean {{volunteers}}"}
	}},
	{name: "figure reference not closed", breakSite: func(s site) (string, []string) {
		line := s.add(enSection, "\nThere were {{volunteers volunteers.\n")
		return at(enSection, line+1, 12), []string{"not closed"}
	}},
	{name: "malformed figure reference", breakSite: func(s site) (string, []string) {
		line := s.add(enSection, "\nThere were {{Volunteer Groups}} groups.\n")
		return at(enSection, line+1, 12), []string{"malformed", "{{volunteer-groups}}"}
	}},
	{name: "unknown chart", breakSite: func(s site) (string, []string) {
		line := s.add(enSection, "\n{{chart community-mattres}}\n")
		return at(enSection, line+1, 1), []string{`unknown chart "community-mattres"`, "did you mean {{chart community-matters}}"}
	}},
	{name: "chart inside a paragraph", breakSite: func(s site) (string, []string) {
		line := s.add(enSection, "\nSee {{chart community-matters}} here.\n")
		return at(enSection, line+1, 5), []string{"line of its own"}
	}},
	{name: "unknown key figure in a block", breakSite: func(s site) (string, []string) {
		line := s.add(enSection, "\n{{key-figures volunteers no-such-figure}}\n")
		return at(enSection, line+1, 26), []string{`unknown figure "no-such-figure"`}
	}},

	// what publishing refuses, and what check finds in the built pages
	{name: "raw HTML styled inline", breakSite: func(s site) (string, []string) {
		s.replace("site.toml", "raw_html = false", "raw_html = true")
		s.add(enSection, "\n<p style=\"color:red\">Red.</p>\n")
		return "en/2019/highlights/index.html", []string{"style attribute on <p> is blocked by the Content-Security-Policy"}
	}},
	{name: "link to a page that does not exist", breakSite: func(s site) (string, []string) {
		line := s.add(enSection, "\nSee [nowhere](../no-such-page/).\n")
		return at(enSection, line+1, 5), []string{`the link "../no-such-page/" leads to a page or file that does not exist`}
	}},

	// layouts
	{name: "layout parse error", breakSite: func(s site) (string, []string) {
		s.write("layouts/section.html", "{{define \"main\"}}\n<h1>{{.Page.Title}}</h1>\n{{if .Page.Summary}}\n{{end}}\n{{.Page.Body | safe}}\n{{end}}\n")
		return at("layouts/section.html", 5), []string{`function "safe" not defined`}
	}},
	{name: "layout execution error", breakSite: func(s site) (string, []string) {
		s.write("layouts/section.html", "{{define \"main\"}}\n<h1>{{.Page.Title}}</h1>\n<p>{{.Page.Titel}}</p>\n{{end}}\n")
		return at("layouts/section.html", 3), []string{"Titel"}
	}},
	{name: "layout attribute left open", breakSite: func(s site) (string, []string) {
		// html/template notices it only in the footer, where it does harm.
		s.write("layouts/section.html", "{{define \"main\"}}\n<h1>{{.Page.Title}}</h1>\n<a href=\"{{.Page.Title}}\n{{end}}\n")
		return at("layouts/section.html", 3), []string{"still open at the end of {{define \"main\"}}"}
	}},
	{name: "layout unknown interface string", breakSite: func(s site) (string, []string) {
		s.write("layouts/section.html", "{{define \"main\"}}\n<h1>{{.Page.Title}}</h1>\n\n<p>{{.T \"no_such_key\"}}</p>\n{{end}}\n")
		return at("layouts/section.html", 4), []string{"no_such_key"}
	}},
	{name: "layout missing", breakSite: func(s site) (string, []string) {
		os.Remove(s.path("layouts/cover.html"))
		return "layouts/cover.html", []string{"the layout file is missing"}
	}},
	{name: "site.toml missing", breakSite: func(s site) (string, []string) {
		os.Remove(s.path("site.toml"))
		return "site.toml", []string{"not a site folder", "-s DIR"}
	}},

	// interface strings
	{name: "interface string in one language only", breakSite: func(s site) (string, []string) {
		line := s.add("layouts/i18n/zh.toml", "zz_new_string = \"新\"\n")
		return "layouts/i18n/en.toml", []string{`"zz_new_string" is missing`, at("layouts/i18n/zh.toml", line)}
	}},
	{name: "interface strings syntax", breakSite: func(s site) (string, []string) {
		line := s.add("layouts/i18n/en.toml", "zz_broken = \"unclosed\n")
		return at("layouts/i18n/en.toml", line), []string{"TOML"}
	}},

	// file names and folders
	{name: "duplicate slug", breakSite: func(s site) (string, []string) {
		line := s.replace(enSection, "title =", "slug = \"three-social-linkage\"\ntitle =")
		return at(enSection, line), []string{`slug "three-social-linkage"`, "01-three-social-linkage"}
	}},
	{name: "translations with different slugs", breakSite: func(s site) (string, []string) {
		s.replace(zhSection, "title =", "slug = \"linkage\"\ntitle =")
		line := s.replace("content/2019/01-three-social-linkage.en.md", "title =", "slug = \"three-social\"\ntitle =")
		return at("content/2019/01-three-social-linkage.en.md", line), []string{"differs"}
	}},
	{name: "unknown language suffix", breakSite: func(s site) (string, []string) {
		s.write("content/2019/03-child-welfare.fr.md", "+++\ntitle = \"Protection de l'enfance\"\n+++\n")
		return "content/2019/03-child-welfare.fr.md", []string{`language "fr"`, "zh", "en"}
	}},
	{name: "no language suffix", breakSite: func(s site) (string, []string) {
		s.write("content/2019/03-child-welfare.md", "+++\ntitle = \"x\"\n+++\n")
		return "content/2019/03-child-welfare.md", []string{"does not say its language", "03-child-welfare.zh.md"}
	}},
	{name: "folder that is not a year", breakSite: func(s site) (string, []string) {
		s.write("content/misc/01-a.zh.md", "+++\ntitle = \"x\"\n+++\n")
		return "content/misc", []string{"not a report year"}
	}},
	{name: "invalid UTF-8 in Markdown", breakSite: func(s site) (string, []string) {
		line := s.add(enSection, "\nCaf\xe9 society.\n")
		return at(enSection, line+1, 4), []string{"not valid UTF-8"}
	}},
	{name: "symlink out of the site", breakSite: func(s site) (string, []string) {
		outside := filepath.Join(s.t.TempDir(), "secret.md")
		os.WriteFile(outside, []byte("+++\ntitle = \"secret\"\n+++\nsecret text\n"), 0o644)
		if err := os.Symlink(outside, s.path("content/2019/03-secret.zh.md")); err != nil {
			s.t.Skip("no symlinks here:", err)
		}
		return "content/2019/03-secret.zh.md", []string{"outside the site folder"}
	}},
	{name: "unreadable file", breakSite: func(s site) (string, []string) {
		if os.Geteuid() == 0 {
			// root reads any file whatever its mode; a link to nowhere is
			// the unreadable file root can be given.
			os.Remove(s.path(figuresF))
			if err := os.Symlink("figures-draft.toml", s.path(figuresF)); err != nil {
				s.t.Skip("no symlinks here:", err)
			}
			return figuresF, []string{"does not exist"}
		}
		os.Chmod(s.path(figuresF), 0)
		return figuresF, []string{"you may not read the file"}
	}},
	{name: "output folder not writable", breakSite: func(s site) (string, []string) {
		// A file where a folder must be stops root as well as anyone.
		s.write("blocker", "")
		return "blocker", []string{"cannot"}
	}, args: []string{"-o", "@blocker/public"}, noHint: true, buildOnly: true},

	// editors' slips
	{name: "figure reference in a title", breakSite: func(s site) (string, []string) {
		line := s.replace(zhCover, "title = \"", "title = \"{{social-organizations}}家社会组织 ")
		return at(zhCover, line), []string{"the title holds {{social-organizations}}", "published as written"}
	}},
	{name: "figure reference in a summary", breakSite: func(s site) (string, []string) {
		line := s.replace(zhSection, "summary = \"", "summary = \"共{{social-organizations}}，")
		return at(zhSection, line), []string{"the summary holds {{social-organizations}}", "published as written"}
	}},
	{name: "negative count", breakSite: func(s site) (string, []string) {
		line := s.replace(figuresF, "value = 5964", "value = -5964")
		return at(figuresF, line), []string{"cannot be negative"}
	}},
	{name: "rate points on a count", breakSite: func(s site) (string, []string) {
		line := s.add("site.toml", "[units.households]\nzh = \"{0}户\"\nen = \"{0}\"\npoints = { zh = \"{0}个点\", en = \"{0} points\" }\n")
		return at("site.toml", line+3), []string{"[units.households] compares in points (points), but it counts things", "negative = true"}
	}},
	{name: "rate points missing a language", breakSite: func(s site) (string, []string) {
		line := s.add("site.toml", "[units.per-10000]\nnegative = true\nzh = \"{0}‱\"\nen = \"{0} per 10,000\"\npoints = { zh = \"{0}个万分点\" }\n")
		return at("site.toml", line+4), []string{`the words for a point of [units.per-10000] are missing in "en"`, `add en = "{0} …" to points`}
	}},

	// what a production build refuses, which check must find too
	{name: "inline style from a layout", breakSite: func(s site) (string, []string) {
		s.replace("layouts/base.html", "<body", `<body style="color:red"`)
		return "zh/index.html:", []string{"Content-Security-Policy", "style attribute"}
	}},
	{name: "inline script from raw HTML", breakSite: func(s site) (string, []string) {
		s.replace("site.toml", "raw_html = false", "raw_html = true")
		s.add(zhSection, "\n<script>alert(1)</script>\n")
		return "zh/2019/three-social-linkage/index.html:", []string{"Content-Security-Policy", "script"}
	}},
	{name: "static JS that does not parse", breakSite: func(s site) (string, []string) {
		s.write("static/js/broken.js", "function( {\n")
		return "static/js/broken.js:1", []string{"cannot minify"}
	}},
	{name: "static JS that does not parse, minified", breakSite: func(s site) (string, []string) {
		s.write("static/js/broken.js", "function( {\n")
		return "static/js/broken.js:1", []string{"cannot minify"}
	}, args: []string{"--minify"}},
	{name: "static JSON that does not parse", breakSite: func(s site) (string, []string) {
		s.write("static/data/table.json", "{\"a\": [1, 2,,]}\n")
		return "static/data/table.json", []string{"cannot minify"}
	}},
	{name: "base_url with a query", breakSite: func(s site) (string, []string) {
		line := s.replace("site.toml", `/report/"`, `/report/?from=wechat"`)
		return at("site.toml", line), []string{"has a query"}
	}},
	{name: "base_url with a space", breakSite: func(s site) (string, []string) {
		line := s.replace("site.toml", `/report/"`, `/annual report/"`)
		return at("site.toml", line), []string{"has a space"}
	}},
	{name: "base_url with user info", breakSite: func(s site) (string, []string) {
		line := s.replace("site.toml", `https://`, `https://admin:pw@`)
		return at("site.toml", line), []string{"user name"}
	}},
}

var stackTrace = regexp.MustCompile(`goroutine \d+|panic:|\.go:\d+ \+0x`)

// TestErrorCatalogue breaks the site in every way SPEC.md promises to report
// well: each gives exit status 1, a message naming the file and line with
// what is wrong and how to fix it, no stack trace, and leaves the previous
// public/ exactly as it was.
func TestErrorCatalogue(t *testing.T) {
	if len(errorCatalogue) < 20 {
		t.Fatalf("the catalogue has %d cases; it promises at least 20", len(errorCatalogue))
	}
	for _, c := range errorCatalogue {
		t.Run(c.name, func(t *testing.T) {
			s := site{t, sitetest.Copy(t)}
			if code, _, errs := runCmd("build", "-s", s.dir); code != 0 {
				t.Fatalf("the unbroken site does not build: %s", errs)
			}
			before := treeHash(t, s.path("public"))
			pos, words := c.breakSite(s)
			args := []string{"build", "-s", s.dir}
			for _, a := range c.args {
				args = append(args, strings.ReplaceAll(a, "@", s.dir+string(filepath.Separator)))
			}
			code, out, errs := runCmd(args...)
			t.Logf("stderr:\n%s", errs)
			if code != 1 {
				t.Errorf("exit status %d, want 1", code)
			}
			if out != "" {
				t.Errorf("a failed build printed to stdout: %q", out)
			}
			if !strings.Contains(errs, pos) {
				t.Errorf("the message does not name %s", pos)
			}
			for _, w := range words {
				if !strings.Contains(errs, w) {
					t.Errorf("the message does not say %q", w)
				}
			}
			if !c.noHint && !strings.Contains(errs, "\n\t") {
				t.Error("the message has no hint (a tab-indented line saying how to fix it)")
			}
			if stackTrace.MatchString(errs) {
				t.Error("the message holds a stack trace")
			}
			if after := treeHash(t, s.path("public")); after != before {
				t.Error("public/ changed after a failed build")
			}
			if left, _ := filepath.Glob(s.path(".public.new-*")); len(left) > 0 {
				t.Errorf("temporary output left behind: %v", left)
			}
		})
	}
}

// TestCheckAndBuildAgree runs every bad input of the catalogue through both
// almanac build and almanac check: each fails, and with the same errors.
func TestCheckAndBuildAgree(t *testing.T) {
	for _, c := range errorCatalogue {
		if c.args != nil {
			continue // about writing output, which check does not do
		}
		t.Run(c.name, func(t *testing.T) {
			s := site{t, sitetest.Copy(t)}
			c.breakSite(s)
			code, _, errs := runCmd("build", "-s", s.dir)
			if code != 1 {
				t.Fatalf("build: exit status %d, want 1", code)
			}
			built := map[string]bool{}
			for _, line := range strings.Split(errs, "\n") {
				if line != "" && !strings.HasPrefix(line, "\t") && !strings.HasPrefix(line, "almanac: ") {
					built[line] = true
				}
			}
			code, out, cerrs := runCmd("check", "-s", s.dir, "--format", "json")
			if code != 1 {
				t.Fatalf("check: exit status %d, want 1; stderr %s", code, cerrs)
			}
			var report struct {
				Findings []struct {
					File, Severity, Message string
					Line, Col               int
				}
			}
			if err := json.Unmarshal([]byte(out), &report); err != nil {
				t.Fatalf("check's JSON: %v\n%s", err, out)
			}
			checked := map[string]bool{}
			for _, f := range report.Findings {
				if f.Severity == "error" {
					d := diag.Diagnostic{File: f.File, Line: f.Line, Col: f.Col, Msg: f.Message}
					checked[d.Pos()+": "+d.Msg] = true
				}
			}
			for line := range built {
				if !checked[line] {
					t.Errorf("build says %q; check does not", line)
				}
			}
			for line := range checked {
				if !built[line] {
					t.Errorf("check says %q; build does not", line)
				}
			}
		})
	}
}

// TestErrorCatalogueCheck runs the same bad inputs through almanac check:
// it reports them too, in both formats, with exit status 1.
func TestErrorCatalogueCheck(t *testing.T) {
	for _, c := range errorCatalogue {
		if c.buildOnly {
			continue // about writing output, which check does not do
		}
		t.Run(c.name, func(t *testing.T) {
			s := site{t, sitetest.Copy(t)}
			pos, _ := c.breakSite(s)
			code, out, errs := runCmd("check", "-s", s.dir, "--format", "json")
			if code != 1 {
				t.Errorf("exit status %d, want 1; stderr %s", code, errs)
			}
			file, _, _ := strings.Cut(pos, ":")
			if !bytes.Contains([]byte(out), []byte(`"file": "`+file+`"`)) {
				t.Errorf("the JSON does not name %s:\n%s", file, out)
			}
		})
	}
}
