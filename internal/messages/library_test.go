package messages

import (
	"errors"
	"fmt"
	"html/template"
	"io"
	"net"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"syscall"
	"testing"
	"unicode"

	"github.com/BurntSushi/toml"
)

// libraryMessages makes, for real, each message of a library that the
// library catalog translates: TOML that does not parse, layouts that do
// not parse or run, files that cannot be read or written. When a library
// changes its wording, the new message no longer matches its line in
// library/zh-Hans.toml.
func libraryMessages(t *testing.T) []string {
	t.Helper()
	var out []string
	for _, src := range []string{
		"a = 1 x", "a = b", "a 1", "a =", "a", "= 1", "a = \"x\nb\"", "a = \"x",
		"a = [1,,2]", "a = [1 2]", "a = {b = 1 c = 2}", "[a b]", "[]", "a = 1\na = 2",
		"a = 2019-13-45", "a = 99999999999999999999", "a = 1.5.3", `a = "\q"`,
		"a = \"\xff\"", "a = \"\x01\"", "\x00",
	} {
		var v map[string]any
		_, err := toml.Decode(src, &v)
		var pe toml.ParseError
		if !errors.As(err, &pe) {
			t.Fatalf("TOML %q gives %v, not a syntax error", src, err)
		}
		out = append(out, pe.Message)
	}
	// A layout's error as almanac reports it: without "template: NAME:LINE:COL: ".
	position := regexp.MustCompile(`^template: [^:]+:\d+:(?:\d+:)? ?`)
	for _, src := range []string{
		`{{nosuch}}`, `{{if define "x"}}{{end}}`, `{{end}}`, `{{else}}`, `{{if}}{{end}}`,
		`{{.Name`, `{{"abc}}`, `{{$x}}`, `{{if .}}`, `{{.Lable}}`, `{{.Name "x"}}`,
		`{{.Fail}}`, `{{.Fail "x"}}`, `{{.Next.Next.Name}}`, `{{template "toc"}}`,
		`<p id="a>{{.Name}}</p><p class="b">x</p>`,
	} {
		tmpl, err := template.New("t").Parse(src)
		if err == nil {
			err = tmpl.Execute(io.Discard, layoutData{Next: &layoutData{}})
		}
		var te *template.Error
		switch {
		case errors.As(err, &te):
			out = append(out, te.Description)
		case err != nil:
			out = append(out, position.ReplaceAllString(err.Error(), ""))
		default:
			t.Fatalf("layout %q runs without an error", src)
		}
	}
	dir := t.TempDir()
	file := filepath.Join(dir, "site.toml")
	if err := os.WriteFile(file, nil, 0o644); err != nil {
		t.Fatal(err)
	}
	_, errOpen := os.Open(filepath.Join(dir, "missing.toml"))
	_, errRead := os.ReadFile(dir)
	errMkdir := os.Mkdir(dir, 0o755)
	_, errStat := os.Stat(filepath.Join(file, "x"))
	errWrite := os.WriteFile("/dev/full", []byte("x"), 0o644) // a disk that is always full
	for _, err := range []error{errOpen, errRead, errMkdir, errStat, errWrite} {
		if err == nil {
			t.Fatal("a file operation that must fail did not")
		}
		out = append(out, err.Error())
	}
	if !errors.Is(errWrite, syscall.ENOSPC) { // a system without /dev/full
		out = append(out, syscall.ENOSPC.Error())
	}
	// A port another program listens on (almanac serve's).
	busy, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	defer busy.Close()
	if l, err := net.Listen("tcp", busy.Addr().String()); err == nil {
		l.Close()
		t.Fatal("two programs listen on one port")
	} else {
		out = append(out, err.Error())
	}
	// What only another user, disk or computer gives, in the system's words.
	for _, errno := range []syscall.Errno{syscall.EACCES, syscall.EPERM, syscall.EROFS} {
		out = append(out, errno.Error())
	}
	return out
}

// layoutData is what the layouts in libraryMessages run on.
type layoutData struct {
	Name string
	Next *layoutData
}

func (layoutData) Fail(string) (string, error) { return "", errors.New("unknown figure \"x\"") }

// TestLibraryMessages: every library message the catalog knows comes out
// in Chinese, its English after it for whoever helps to search for;
// every line of the library catalog is still a message its library gives.
func TestLibraryMessages(t *testing.T) {
	lib, err := LibraryCatalog(Simplified)
	if err != nil {
		t.Fatal(err)
	}
	used := map[string]bool{}
	for _, msg := range libraryMessages(t) {
		zh := For(Simplified).Text(msg)
		before, ok := strings.CutSuffix(zh, "（"+msg+"）")
		if !ok || !hasHan(before) || strings.Contains(before, msg) {
			t.Errorf("the library's message %q is not translated (add its shape to library/zh-Hans.toml): %q", msg, zh)
			continue
		}
		if tw := For(Traditional).Text(msg); tw == msg {
			t.Errorf("%q in Traditional Chinese: %q", msg, tw)
		}
		markShapes(lib, msg, used)
	}
	for _, l := range []Lang{Traditional, HongKong} {
		hant, err := LibraryCatalog(l)
		if err != nil {
			t.Fatal(err)
		}
		for format := range lib {
			if _, ok := hant[format]; !ok || len(hant) != len(lib) {
				t.Errorf("library/%s.toml is not converted from the current library/zh-Hans.toml (it lacks %q): run go generate ./internal/messages", l, format)
				break
			}
		}
	}
	for format, zh := range lib {
		args := sampleArgs(format)
		if got := fmt.Sprintf(noWrap(zh), args...); strings.Contains(got, "%!") {
			t.Errorf("%q → %q formats as %q", format, zh, got)
		}
		if !used[format] {
			t.Errorf("library/zh-Hans.toml translates %q, which no library message here has the shape of: has the library changed its wording? (or add a case that makes it to libraryMessages)", format)
		}
	}
}

// markShapes marks the lines of the library catalog that made msg and
// the library messages within it.
func markShapes(lib map[string]string, msg string, used map[string]bool) {
	if _, ok := lib[msg]; ok {
		used[msg] = true
		return
	}
	for _, p := range libraryPatterns() {
		if args, ok := p.match(msg); ok {
			used[p.format] = true
			for _, a := range args {
				if s, ok := a.(string); ok {
					markShapes(lib, s, used)
				}
			}
			return
		}
	}
}

func hasHan(s string) bool {
	return strings.IndexFunc(s, func(r rune) bool { return unicode.Is(unicode.Han, r) }) >= 0
}

// TestLibraryMessagesInContext: a library's message inside almanac's
// keeps almanac's words and the quoted parts, and its English comes once,
// at the end; almanac's own message quoted in a library's (a template
// function's error, with its position) is translated, not repeated in
// English.
func TestLibraryMessagesInContext(t *testing.T) {
	zh := For(Simplified)
	for _, c := range []struct{ en, want string }{
		{"TOML: expected a top-level item to end with a newline, comment, or EOF, but got 'x' instead",
			"TOML：一项设置写完后应换行，这里却多出了 'x'（expected a top-level item to end with a newline, comment, or EOF, but got 'x' instead）"},
		{`template: executing "main" at <.Page.Titel>: can't evaluate field Titel in type *site.Page`,
			`模板：执行模板 "main" 的 <.Page.Titel> 时：*site.Page 中没有字段 Titel（检查点号后面的名称拼写）（executing "main" at <.Page.Titel>: can't evaluate field Titel in type *site.Page）`},
		{`error calling TAll: unknown figure "x"`,
			`调用 TAll 出错：未定义的数字 "x"（error calling TAll: unknown figure "x"）`},
		{`cannot read the file: open site.toml: permission denied`,
			`无法读取文件：打开 site.toml 时：没有权限（open site.toml: permission denied）`},
		{`template: error calling KeyFigures: layouts/partials/key-figures.html:7:45: template: executing "key-figures" at <.Lable>: can't evaluate field Lable in type site.KeyFigure (while rendering zh/2019/index.html)`,
			`模板：调用 KeyFigures 出错：layouts/partials/key-figures.html:7:45: 模板：执行模板 "key-figures" 的 <.Lable> 时：site.KeyFigure 中没有字段 Lable（检查点号后面的名称拼写）（生成 zh/2019/index.html 时）` +
				`（error calling KeyFigures: layouts/partials/key-figures.html:7:45: template: executing "key-figures" at <.Lable>: can't evaluate field Lable in type site.KeyFigure）`},
		{"an English text no catalog knows", "an English text no catalog knows"},
	} {
		if got := zh.Text(c.en); got != c.want {
			t.Errorf("%q\n got %q\nwant %q", c.en, got, c.want)
		}
		if got := For(English).Text(c.en); got != c.en {
			t.Errorf("English changed %q to %q", c.en, got)
		}
	}
	// Text said already is not said again.
	said := zh.Text("TOML: unexpected comma")
	if got := zh.Sprintf("%s\n\nalmanac: %d %s%s\n", Said(said), 1, "error", "."); !strings.HasPrefix(got, said+"\n\n") {
		t.Errorf("a text already translated was changed: %q", got)
	}
	if got := fmt.Sprint(Said("x")); got != "x" {
		t.Errorf("Said prints %q", got)
	}
}
