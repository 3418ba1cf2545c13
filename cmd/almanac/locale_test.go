package main

import (
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"

	"github.com/xmca/almanac/internal/sitetest"
)

// TestMain runs the tests in English whatever this computer's locale, with
// a cache folder of their own (build --minify keeps compressed files in
// the user's), and lets TestMessagesFollowTheLocale run almanac itself in
// another locale.
func TestMain(m *testing.M) {
	if args := os.Getenv("ALMANAC_TEST_RUN"); args != "" {
		os.Exit(run(strings.Split(args, "\x1f"), os.Stdout, os.Stderr))
	}
	os.Setenv("LC_ALL", "C")
	cache, err := os.MkdirTemp("", "almanac-test-cache-")
	if err != nil {
		panic(err)
	}
	os.Setenv("XDG_CACHE_HOME", cache)
	code := m.Run()
	os.RemoveAll(cache)
	os.Exit(code)
}

// almanacIn runs almanac with args in a process whose locale is set by env.
func almanacIn(t *testing.T, env []string, args ...string) (string, int) {
	t.Helper()
	cmd := exec.Command(os.Args[0], "-test.run=^$")
	cmd.Env = append(os.Environ(), "LC_ALL=", "LC_MESSAGES=", "LANG=", "ALMANAC_TEST_RUN="+strings.Join(args, "\x1f"))
	cmd.Env = append(cmd.Env, env...)
	out, err := cmd.CombinedOutput()
	code := 0
	if ee, ok := err.(*exec.ExitError); ok {
		code = ee.ExitCode()
	} else if err != nil {
		t.Fatal(err)
	}
	return string(out), code
}

// TestMessagesFollowTheLocale: under a Chinese locale, a mistake, check's
// report and --help are in Chinese (Simplified or Traditional), with the
// file, line and key as they are; otherwise in English.
func TestMessagesFollowTheLocale(t *testing.T) {
	dir := sitetest.Copy(t)
	sitetest.Edit(t, dir, "content/2019/02-highlights.zh.md", "{{volunteers}}", "{{volunteer}}")
	out, code := almanacIn(t, []string{"LANG=zh_CN.UTF-8"}, "build", "-s", dir, "-o", filepath.Join(t.TempDir(), "public"))
	for _, want := range []string{"content/2019/02-highlights.zh.md:", `未定义的数字 "volunteer"`, "{{volunteers}}", "个错误", "没有写入任何文件"} {
		if code != 1 || !strings.Contains(out, want) {
			t.Errorf("build under zh_CN: exit %d, lacks %q:\n%s", code, want, out)
		}
	}
	out, _ = almanacIn(t, []string{"LC_MESSAGES=zh_TW.UTF-8"}, "check", "-s", dir)
	if !strings.Contains(out, "未定義的數字") || !strings.Contains(out, "錯誤") {
		t.Errorf("check under zh_TW is not in Traditional Chinese:\n%s", out)
	}
	out, _ = almanacIn(t, []string{"LANG=en_US.UTF-8"}, "check", "-s", dir)
	if !strings.Contains(out, `unknown figure "volunteer"`) {
		t.Errorf("check under en_US is not in English:\n%s", out)
	}
	out, code = almanacIn(t, []string{"LANG=zh_CN.UTF-8"}, "--help")
	if code != 0 || !strings.Contains(out, "用法：") || !strings.Contains(out, "发布前检查错误") {
		t.Errorf("--help under zh_CN: exit %d\n%s", code, out)
	}
	out, _ = almanacIn(t, []string{"LANG=zh_CN.UTF-8"}, "check", "-h")
	if !strings.Contains(out, "有警告（例如译文落后于原文）也算不通过") {
		t.Errorf("check -h under zh_CN:\n%s", out)
	}
}

// TestMistakesInChinese: slips in site.toml's units, a cover's settings
// and a section's text are explained wholly in Chinese under a Chinese
// locale.
func TestMistakesInChinese(t *testing.T) {
	for _, tt := range []struct {
		file, old, new string
		want           []string
	}{
		{"content/2019/_index.zh.md", `key_figures = ["social-organizations", "volunteers", "licensed-social-workers", "purchase-funding", "service-person-times", "new-elderly-care-beds"]`, `key_figures = "volunteers"`,
			[]string{"content/2019/_index.zh.md:4:", "key_figures 的值类型不对：现在是 文字，应该是 [ ] 中的列表"}},
		{"content/2019/01-three-social-linkage.zh.md", "2019年，福建省厦门市", "2019年，[见下文](../highlights/#no-such-anchor)福建省厦门市",
			[]string{"那个页面上的标题锚点有：#"}},
		{"content/2019/01-three-social-linkage.zh.md", "2019年，福建省厦门市", "2019年[^9]，福建省厦门市",
			[]string{"脚注 [^9] 没有注释内容", "请在文件中任意位置单独一行写出注释：[^9]: 注释的内容"}},
		{"site.toml", "[languages.zh]", "[units.households]\nzh = \"{0}户\"\nen = { one = \"{0} household\", others = \"{0} households\" }\n\n[languages.zh]",
			[]string{`"others" 不是 [units.households] en 的复数形式`, `例如 en = "{0}…"；有复数形式的语言可写成 en = { one = "{0} household", other = "{0} households" }`}},
	} {
		dir := sitetest.Copy(t)
		file := filepath.Join(dir, filepath.FromSlash(tt.file))
		data, err := os.ReadFile(file)
		if err != nil {
			t.Fatal(err)
		}
		if !strings.Contains(string(data), tt.old) {
			t.Fatalf("%s has no %q", tt.file, tt.old)
		}
		if err := os.WriteFile(file, []byte(strings.Replace(string(data), tt.old, tt.new, 1)), 0o644); err != nil {
			t.Fatal(err)
		}
		out, code := almanacIn(t, []string{"LANG=zh_CN.UTF-8"}, "build", "-s", dir, "-o", filepath.Join(t.TempDir(), "public"))
		for _, want := range tt.want {
			if code != 1 || !strings.Contains(out, want) {
				t.Errorf("%s with %q: exit %d, lacks %q:\n%s", tt.file, tt.new, code, want, out)
			}
		}
		for _, english := range []string{"plural forms", "is not one of", "has no note", "slice", "the anchors"} {
			if strings.Contains(out, english) {
				t.Errorf("%s with %q: the message is partly English:\n%s", tt.file, tt.new, out)
			}
		}
	}
}

// TestFigureHintsInChinese: a hint made of several sentences (a guess at
// the intended key, then the rule) is in Chinese under a Chinese locale,
// every sentence of it.
func TestFigureHintsInChinese(t *testing.T) {
	for _, tt := range []struct {
		old, new string
		want     []string
	}{
		{"value = 5964\nunit = \"organizations\"", "value = 5964\nunit = \"organisations\"",
			[]string{`是不是想写 "organizations"？请用以下单位之一：`, "新的单位要在 site.toml 中声明为 [units.organisations]"}},
		{`qualifier = "nearly"`, `qualifier = "neraly"`,
			[]string{`是不是想写 "nearly"？请用 approximately`, "新的限定词要在 site.toml 中声明为 [qualifiers.neraly]"}},
		{"value = 5964\n", "valeu = 5964\n",
			[]string{`未知的设置项 "valeu" 在 [figure.social-organizations] 中`, `是不是想写 "value"？在 [figure.social-organizations] 中可以写的设置：value`}},
		{`figures = ["social-associations", "private`, `figures = ["social-asociations", "private`,
			[]string{`图表 social-organizations-by-type 中的数字 "social-asociations" 不在这个文件里`, `是不是想写 "social-associations"？请对照本文件中的 [figure.…] 检查拼写`}},
	} {
		dir := sitetest.Copy(t)
		file := filepath.Join(dir, "content", "2019", "figures.toml")
		data, err := os.ReadFile(file)
		if err != nil {
			t.Fatal(err)
		}
		if !strings.Contains(string(data), tt.old) {
			t.Fatalf("figures.toml has no %q", tt.old)
		}
		if err := os.WriteFile(file, []byte(strings.Replace(string(data), tt.old, tt.new, 1)), 0o644); err != nil {
			t.Fatal(err)
		}
		out, code := almanacIn(t, []string{"LANG=zh_CN.UTF-8"}, "build", "-s", dir, "-o", filepath.Join(t.TempDir(), "public"))
		for _, want := range tt.want {
			if code != 1 || !strings.Contains(out, want) {
				t.Errorf("%q: exit %d, lacks %q:\n%s", tt.new, code, want, out)
			}
		}
		for _, english := range []string{"Did you mean", "Use one of", "A new ", "Allowed", "Check the spelling", " in [", "chart "} {
			if strings.Contains(out, english) {
				t.Errorf("%q: %q is left in English:\n%s", tt.new, english, out)
			}
		}
	}
}

// TestLibraryMessagesFollowTheLocale: what the TOML reader and the
// templates say about a mistake reaches a Chinese-speaking editor in
// Chinese, with the library's English after it; in English it is as the
// library says it.
func TestLibraryMessagesFollowTheLocale(t *testing.T) {
	dir := sitetest.Copy(t)
	sitetest.Edit(t, dir, "site.toml", `title = "厦门市民政工作年度报告"`, `title = "厦门市民政工作年度报告" x`)
	out, code := almanacIn(t, []string{"LANG=zh_CN.UTF-8"}, "build", "-s", dir, "-o", filepath.Join(t.TempDir(), "public"))
	want := ": TOML：一项设置写完后应换行，这里却多出了 'x'" +
		"（expected a top-level item to end with a newline, comment, or EOF, but got 'x' instead）\n" +
		"\t请检查这一行"
	if code != 1 || !strings.Contains(out, want) {
		t.Errorf("a TOML mistake under zh_CN: exit %d, lacks %q:\n%s", code, want, out)
	}
	out, _ = almanacIn(t, []string{"LANG=C"}, "build", "-s", dir, "-o", filepath.Join(t.TempDir(), "public"))
	want = ": TOML: expected a top-level item to end with a newline, comment, or EOF, but got 'x' instead\n\tcheck the line:"
	if !strings.Contains(out, want) || strings.ContainsFunc(out, func(r rune) bool { return r >= 0x2E80 }) {
		t.Errorf("a TOML mistake under LANG=C is not the library's English %q:\n%s", want, out)
	}

	dir = sitetest.Copy(t)
	sitetest.Edit(t, dir, "layouts/section.html", "{{.Page.Title}}", "{{.Page.Titel}}")
	out, _ = almanacIn(t, []string{"LANG=zh_CN.UTF-8"}, "check", "-s", dir)
	for _, want := range []string{
		`模板：执行模板 "main" 的 <.Page.Titel> 时：*site.Page 中没有字段 Titel（检查点号后面的名称拼写）（生成 en/2019/highlights/index.html`,
		` 时）（executing "main" at <.Page.Titel>: can't evaluate field Titel in type *site.Page）`,
	} {
		if !strings.Contains(out, want) {
			t.Errorf("a layout's mistake under zh_CN lacks %q:\n%s", want, out)
		}
	}
	out, _ = almanacIn(t, []string{"LC_ALL=zh_TW.UTF-8"}, "check", "-s", dir)
	if !strings.Contains(out, "中沒有字段 Titel") && !strings.Contains(out, "中沒有欄位 Titel") {
		t.Errorf("a layout's mistake under zh_TW is not in Traditional Chinese:\n%s", out)
	}
	out, _ = almanacIn(t, []string{"LANG=en_US.UTF-8"}, "check", "-s", dir)
	if want := `template: executing "main" at <.Page.Titel>: can't evaluate field Titel in type *site.Page`; !strings.Contains(out, want) || strings.Contains(out, "（") {
		t.Errorf("a layout's mistake under en_US lacks %q:\n%s", want, out)
	}
}

// TestDeployHostHintInChinese: a deploy target whose bucket host name
// cannot be found (a server on an IP address, without path-style=true)
// is explained in Chinese under zh_CN, the hint about path-style too.
func TestDeployHostHintInChinese(t *testing.T) {
	dir := sitetest.Copy(t)
	if code, _, errs := runCmd("build", "-s", dir); code != 0 {
		t.Fatalf("build: exit %d: %s", code, errs)
	}
	out, code := almanacIn(t, []string{"LANG=zh_CN.UTF-8", "AWS_ACCESS_KEY_ID=test", "AWS_SECRET_ACCESS_KEY=test-secret"},
		"deploy", "-s", dir, "--dry-run", "--target", "s3://bucket/report?endpoint=http://127.0.0.1:1&region=us-east-1")
	for _, want := range []string{"bucket.127.0.0.1", "请检查发布目标中的 endpoint=", "path-style=true"} {
		if code == 0 || !strings.Contains(out, want) {
			t.Errorf("deploy under zh_CN: exit %d, lacks %q:\n%s", code, want, out)
		}
	}
	if strings.Contains(out, "servers that do not") {
		t.Errorf("deploy under zh_CN: the hint is in English:\n%s", out)
	}
}
