package serve

import (
	"fmt"
	"github.com/xmca/almanac/internal/sitetest"
	"io/fs"
	"math/rand/v2"
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/xmca/almanac/internal/sitegen"
)

// TestRandomEditsMatchFullBuild applies random sequences of edits to a
// site through a running server (real files, real watching) and, after
// each, compares what the server serves with a full build of the same
// files, byte for byte. When the files do not build, the server must be
// in the error state instead. Set ALMANAC_SEED to replay a sequence.
func TestRandomEditsMatchFullBuild(t *testing.T) {
	seed := uint64(time.Now().UnixNano())
	if s, err := strconv.ParseUint(os.Getenv("ALMANAC_SEED"), 10, 64); err == nil {
		seed = s
	}
	t.Logf("ALMANAC_SEED=%d", seed)
	steps := 30
	if testing.Short() {
		steps = 10
	}
	sites := []struct {
		name   string
		dir    func(t *testing.T) string
		drafts bool
	}{
		{"report", func(t *testing.T) string { return sitetest.Copy(t) }, false},
		{"generated", func(t *testing.T) string {
			m, err := sitegen.Generate(sitegen.Options{Sections: 12, Years: 3, Base: os.DirFS("../..")})
			if err != nil {
				t.Fatal(err)
			}
			files := map[string][]byte{}
			for name, f := range m {
				files[name] = f.Data
			}
			dir := t.TempDir()
			writeMap(t, dir, files)
			return dir
		}, true},
		// Three years whose pages compare with each other's figures and
		// chart them across the years: an edit to one year reaches others.
		{"archive", archiveDir, false},
	}
	for i, s := range sites {
		t.Run(s.name, func(t *testing.T) {
			t.Parallel()
			ts := start(t, s.dir(t), Options{Drafts: s.drafts})
			ed := newEditor(t, ts, rand.New(rand.NewPCG(seed, uint64(i))))
			compared := 0
			defer func() {
				t.Logf("%d of %d steps built and compared equal; the others did not build, in both", compared, steps)
			}()
			for step := range steps {
				var did []string
				for range 1 + ed.rng.IntN(3) {
					did = append(did, ed.edit())
				}
				sync := fmt.Sprintf("static/.sync-%d", step)
				ts.write(t, sync, "")
				o := ts.waitRebuild(t, sync)
				want, err := fullBuild(ts.dir, ts.URL(), s.drafts)
				if err != nil {
					if o.err == nil {
						t.Fatalf("step %d (%s): a full build fails but the server built:\n%v", step, strings.Join(did, "; "), err)
					}
					continue
				}
				if o.err != nil {
					t.Fatalf("step %d (%s): the server failed but a full build works:\n%v", step, strings.Join(did, "; "), o.err)
				}
				if !sameFiles(t, ts.files(), want) {
					t.Fatalf("step %d (%s): the served site differs from a full build", step, strings.Join(did, "; "))
				}
				compared++
			}
		})
	}
}

// editor makes random edits of the kinds editors make, and undoes them.
type editor struct {
	t      *testing.T
	ts     *testServer
	rng    *rand.Rand
	n      int
	orig   map[string]string // files as they were before the first edit; "\x00none" for files the editor made
	broken map[string]string // files with a mistake in them, as they were before it
}

func newEditor(t *testing.T, ts *testServer, rng *rand.Rand) *editor {
	return &editor{t: t, ts: ts, rng: rng, orig: map[string]string{}, broken: map[string]string{}}
}

func (e *editor) files(dir, suffix string) []string {
	var out []string
	filepath.WalkDir(e.ts.path(dir), func(p string, d fs.DirEntry, err error) error {
		if err == nil && !d.IsDir() && strings.HasSuffix(p, suffix) && !strings.HasPrefix(d.Name(), ".") {
			rel, _ := filepath.Rel(e.ts.dir, p)
			out = append(out, filepath.ToSlash(rel))
		}
		return nil
	})
	slices.Sort(out)
	return out
}

func (e *editor) pick(list []string) string {
	if len(list) == 0 {
		return ""
	}
	return list[e.rng.IntN(len(list))]
}

// save writes a file, in place or by rename, remembering the original.
func (e *editor) save(rel, content string) {
	if _, ok := e.orig[rel]; !ok {
		b, err := os.ReadFile(e.ts.path(rel))
		if err != nil {
			e.orig[rel] = "\x00none"
		} else {
			e.orig[rel] = string(b)
		}
	}
	if _, err := os.Stat(e.ts.path(rel)); err == nil && e.rng.IntN(3) == 0 {
		e.ts.renameSave(e.t, rel, content)
		return
	}
	e.ts.write(e.t, rel, content)
}

func (e *editor) remove(rel string) {
	if _, ok := e.orig[rel]; !ok {
		b, _ := os.ReadFile(e.ts.path(rel))
		e.orig[rel] = string(b)
	}
	os.Remove(e.ts.path(rel))
}

var (
	titleLine  = regexp.MustCompile(`(?m)^title = "(.*)"$`)
	figureHead = regexp.MustCompile(`(?m)^\[figure\.([a-z0-9-]+)\]$`)
	valueLine  = regexp.MustCompile(`(?m)^value = ([0-9]+)$`)
	labelZh    = regexp.MustCompile(`label = \{ zh = "([^"]*)"`)
	defineOpen = regexp.MustCompile(`\{\{define "(main|footer|header)" -?\}\}`)
	i18nValue  = regexp.MustCompile(`(?m)^([a-z_]+) = "(.*)"$`)
)

// sections returns the Markdown files of report sections.
func (e *editor) sections() []string {
	var out []string
	for _, f := range e.files("content", ".md") {
		if strings.Count(f, "/") == 2 && !strings.Contains(f, "/_index.") {
			out = append(out, f)
		}
	}
	return out
}

// figureKeys lists the figures of a year's figures.toml that no rule
// names, so changing their value cannot break a rule.
func (e *editor) figureKeys(figures string) []string {
	b, err := os.ReadFile(e.ts.path(figures))
	if err != nil {
		return nil
	}
	src := string(b)
	var free []string
	for _, m := range figureHead.FindAllStringSubmatch(src, -1) {
		if !inRule(src, m[1]) {
			free = append(free, m[1])
		}
	}
	return free
}

func inRule(src, key string) bool {
	for _, block := range strings.Split(src, "[[rule]]")[1:] {
		block, _, _ = strings.Cut(block, "\n[")
		if strings.Contains(block, `"`+key+`"`) {
			return true
		}
	}
	return false
}

func (e *editor) edit() string {
	e.n++
	n := e.n
	t := e.t
	// Editors fix their mistakes soon, mostly.
	if len(e.broken) > 0 && e.rng.IntN(3) > 0 {
		for f, src := range e.broken {
			delete(e.broken, f)
			if _, err := os.Stat(e.ts.path(f)); err == nil {
				e.save(f, src)
				return "fixed " + f
			}
		}
	}
	switch e.rng.IntN(16) {
	case 0, 1: // text added to a page
		f := e.pick(e.files("content", ".md"))
		if f == "" {
			return "nothing"
		}
		text := fmt.Sprintf("\n\n编辑 %d edit.\n", n)
		if year := strings.Split(f, "/")[1]; year != "" && !strings.HasPrefix(year, "_") {
			if key := e.pick(e.figureKeys("content/" + year + "/figures.toml")); key != "" && e.rng.IntN(2) == 0 {
				// A figure, or how it compares with an earlier year's.
				ref := []string{"%s", "change %s", "previous %s"}[e.rng.IntN(3)]
				text = fmt.Sprintf("\n\n数字 {{"+ref+"}} edit %d.\n", key, n)
			}
		}
		e.save(f, e.ts.read(t, f)+text)
		return "text in " + f
	case 2: // a heading: the contents change
		f := e.pick(e.sections())
		if f == "" {
			return "nothing"
		}
		e.save(f, e.ts.read(t, f)+fmt.Sprintf("\n\n## 标题 Heading %d\n\nText.\n", n))
		return "heading in " + f
	case 3: // a title
		f := e.pick(e.files("content", ".md"))
		if f == "" {
			return "nothing"
		}
		e.save(f, titleLine.ReplaceAllString(e.ts.read(t, f), fmt.Sprintf(`title = "${1} %d"`, n)))
		return "title of " + f
	case 4: // a figure's value
		fig := e.pick(e.files("content", "figures.toml"))
		src := e.ts.read(t, fig)
		key := e.pick(e.figureKeys(fig))
		head := "[figure." + key + "]"
		i := strings.Index(src, head)
		if key == "" || i < 0 {
			return "nothing"
		}
		loc := valueLine.FindStringSubmatchIndex(src[i:])
		if loc == nil {
			return "nothing"
		}
		v, _ := strconv.Atoi(src[i+loc[2] : i+loc[3]])
		e.save(fig, src[:i+loc[2]]+strconv.Itoa(v+1+e.rng.IntN(5000))+src[i+loc[3]:])
		return "value of " + key
	case 5: // a figure's label
		fig := e.pick(e.files("content", "figures.toml"))
		src := e.ts.read(t, fig)
		all := labelZh.FindAllStringSubmatchIndex(src, -1)
		if len(all) == 0 {
			return "nothing"
		}
		m := all[e.rng.IntN(len(all))]
		e.save(fig, src[:m[3]]+fmt.Sprint(n)+src[m[3]:])
		return "label in " + fig
	case 6: // a new section, in one or both languages
		year := e.pick(e.files("content", "figures.toml"))
		if year == "" {
			return "nothing"
		}
		dir := filepath.ToSlash(filepath.Dir(year))
		name := fmt.Sprintf("%s/%02d-extra-%d", dir, 50+e.rng.IntN(40), n)
		e.save(name+".zh.md", fmt.Sprintf("+++\ntitle = \"新增 %d\"\n+++\n\n正文 %d。\n", n, n))
		if e.rng.IntN(3) > 0 {
			e.save(name+".en.md", fmt.Sprintf("+++\ntitle = \"Added %d\"\n+++\n\nText %d.\n", n, n))
		}
		return "new section " + name
	case 7: // a section goes (one the editor made, or an original)
		f := e.pick(e.sections())
		if f == "" {
			return "nothing"
		}
		e.remove(f)
		return "removed " + f
	case 8: // a draft
		f := e.pick(e.sections())
		if f == "" {
			return "nothing"
		}
		src := e.ts.read(t, f)
		if strings.Contains(src, "\ndraft = ") {
			e.save(f, strings.Replace(src, "\ndraft = true", "", 1))
			return "not a draft " + f
		}
		e.save(f, strings.Replace(src, "+++\n", "+++\ndraft = true\n", 1))
		return "draft " + f
	case 9: // a section moves: weight or slug, in both languages
		f := e.pick(e.sections())
		if f == "" {
			return "nothing"
		}
		base := strings.TrimSuffix(strings.TrimSuffix(f, ".md"), filepath.Ext(strings.TrimSuffix(f, ".md")))
		setting := fmt.Sprintf("weight = %d", 1+e.rng.IntN(60))
		if e.rng.IntN(2) == 0 {
			setting = fmt.Sprintf("slug = \"moved-%d\"", n)
		}
		for _, lang := range []string{".zh.md", ".en.md"} {
			if src, err := os.ReadFile(e.ts.path(base + lang)); err == nil && !strings.Contains(string(src), "\nweight =") && !strings.Contains(string(src), "\nslug =") {
				e.save(base+lang, strings.Replace(string(src), "+++\n", "+++\n"+setting+"\n", 1))
			}
		}
		return setting + " for " + base
	case 10: // an interface string
		f := e.pick(e.files("layouts/i18n", ".toml"))
		if f == "" {
			return "nothing"
		}
		src := e.ts.read(t, f)
		all := i18nValue.FindAllStringSubmatchIndex(src, -1)
		m := all[e.rng.IntN(len(all))]
		e.save(f, src[:m[5]]+fmt.Sprint(n)+src[m[5]:])
		return "string in " + f
	case 11: // a layout
		f := e.pick(e.files("layouts", ".html"))
		if f == "" {
			return "nothing"
		}
		src := e.ts.read(t, f)
		loc := defineOpen.FindStringIndex(src)
		if loc == nil {
			return "nothing"
		}
		e.save(f, src[:loc[1]]+fmt.Sprintf(`<i hidden>%d</i>`, n)+src[loc[1]:])
		return "layout " + f
	case 12: // a static file
		if e.rng.IntN(2) == 0 {
			f := "static/css/site.css"
			e.save(f, e.ts.read(t, f)+fmt.Sprintf("\n.edit-%d { color: red }\n", n))
			return "stylesheet"
		}
		f := fmt.Sprintf("static/files/note-%d.txt", e.rng.IntN(3))
		e.save(f, fmt.Sprint(n))
		return "static " + f
	case 13: // a mistake
		f := e.pick(append(e.files("content", ".md"), e.files("content", ".toml")...))
		if f == "" {
			return "nothing"
		}
		src := e.ts.read(t, f)
		if _, ok := e.broken[f]; !ok {
			e.broken[f] = src
		}
		if strings.HasSuffix(f, ".toml") {
			e.save(f, src+"\n[figure.broken\n")
		} else {
			e.save(f, strings.Replace(src, "title =", "title ==", 1))
		}
		return "mistake in " + f
	case 14: // a new year, or one the editor made goes
		if e.rng.IntN(2) == 0 {
			year := fmt.Sprint(2030 + e.rng.IntN(5))
			e.save("content/"+year+"/_index.zh.md", fmt.Sprintf("+++\ntitle = \"%s年\"\n+++\n", year))
			e.save("content/"+year+"/01-first.zh.md", "+++\ntitle = \"第一\"\n+++\n\n文字。\n")
			return "new year " + year
		}
		years, _ := filepath.Glob(e.ts.path("content/203?"))
		if len(years) == 0 {
			return "nothing"
		}
		y := years[e.rng.IntN(len(years))]
		os.RemoveAll(y)
		return "removed year " + y
	default: // undo: a changed file back as it was
		var changed []string
		for f := range e.orig {
			changed = append(changed, f)
		}
		slices.Sort(changed)
		f := e.pick(changed)
		if f == "" {
			return "nothing"
		}
		if f == "" {
			return "nothing"
		}
		if e.orig[f] == "\x00none" {
			os.Remove(e.ts.path(f))
		} else {
			e.ts.write(t, f, e.orig[f])
		}
		delete(e.orig, f)
		delete(e.broken, f)
		return "restored " + f
	}
}
