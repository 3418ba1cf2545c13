package config

import (
	"errors"
	"strings"
	"testing"

	"github.com/xmca/almanac/internal/diag"
)

const good = `base_url = "https://example.gov.cn/report"
default_language = "zh"

[languages.zh]
locale = "zh-Hans"
name = "中文"
title = "年度报告"

[languages.en]
locale = "en"
name = "English"
title = "Annual Report"
weight = 2
`

func TestParseGood(t *testing.T) {
	c, err := Parse([]byte(good))
	if err != nil {
		t.Fatal(err)
	}
	if c.BaseURL != "https://example.gov.cn/report/" {
		t.Errorf("BaseURL = %q, want a trailing slash added", c.BaseURL)
	}
	if c.BasePath() != "/report/" {
		t.Errorf("BasePath = %q", c.BasePath())
	}
	if len(c.Langs) != 2 || c.Langs[0].Key != "zh" || c.Langs[1].Key != "en" {
		t.Errorf("Langs order wrong: %v", c.Langs)
	}
	if c.Build.Output != "public" || c.Deploy.MaxDeletes != 100 {
		t.Errorf("defaults not applied: %+v %+v", c.Build, c.Deploy)
	}
	if got := c.AbsURL("zh/2019/"); got != "https://example.gov.cn/report/zh/2019/" {
		t.Errorf("AbsURL = %q", got)
	}
}

// TestMaxDeletesZeroMeansNone: max_deletes = 0 allows no deletes; it is
// not taken for "unset".
func TestMaxDeletesZeroMeansNone(t *testing.T) {
	c, err := Parse([]byte(good + "\n[deploy]\nmax_deletes = 0\n"))
	if err != nil {
		t.Fatal(err)
	}
	if c.Deploy.MaxDeletes != 0 {
		t.Errorf("max_deletes = 0 read as %d", c.Deploy.MaxDeletes)
	}
}

func TestLanguageKeysAndLocales(t *testing.T) {
	src := good + `
[languages.zh-hant]
locale = "zh-Hant"
name = "繁體中文"
title = "年度報告"
weight = 3

[languages.fr]
locale = "fr"
name = "Français"
title = "Rapport annuel"
weight = 4
`
	c, err := Parse([]byte(src))
	if err != nil {
		t.Fatal(err)
	}
	var got []string
	for _, l := range c.Langs {
		got = append(got, l.Key+"="+l.Tag.String())
	}
	if want := "zh=zh-Hans en=en zh-hant=zh-Hant fr=fr"; strings.Join(got, " ") != want {
		t.Errorf("languages %q, want %q", strings.Join(got, " "), want)
	}
}

func TestParseErrors(t *testing.T) {
	tests := []struct {
		name, src string
		line      int
		want      string
	}{
		{"unknown top-level key", "base_ulr = \"x\"\n" + good, 1, `unknown setting "base_ulr"`},
		{"unknown key in table", strings.Replace(good, `title = "Annual Report"`, "title = \"Annual Report\"\ntitel = \"x\"", 1), 13, `unknown setting "languages.en.titel"`},
		{"unknown build option", good + "\n[build]\nminfy = true\n", 16, `unknown setting "build.minfy"`},
		{"syntax error", good + "\n[build\n", 15, "TOML"}, // the line of the header, not the one after it
		{"wrong type", good + "\n[build]\ndrafts = \"yes\"\n", 16, "build.drafts has the wrong kind of value: it is text but must be true or false"},
		{"bad base url", strings.Replace(good, "https://example.gov.cn/report", "example.gov.cn", 1), 1, "not an absolute"},
		{"default language unknown", strings.Replace(good, `default_language = "zh"`, `default_language = "fr"`, 1), 2, `"fr" is not one of the languages`},
		{"language without locale", strings.Replace(good, `locale = "en"`, ``, 1), 9, `no locale`},
		{"base_url with a query", strings.Replace(good, "report\"", "report/?lang=zh\"", 1), 1, "has a query"},
		{"base_url with a fragment", strings.Replace(good, "report\"", "report/#top\"", 1), 1, "has a fragment"},
		{"base_url with a user", strings.Replace(good, "https://", "https://admin@", 1), 1, "user name"},
		{"base_url with a space", strings.Replace(good, "report\"", "annual report/\"", 1), 1, "space"},
		{"negative max_deletes", good + "\n[deploy]\nmax_deletes = -1\n", 16, "cannot be negative"},
		{"locale not a tag", strings.Replace(good, `locale = "en"`, `locale = "english please"`, 1), 10, `locale "english please" of language "en" is not a language tag`},
		{"upper-case key", strings.Replace(good, `[languages.en]`, `[languages.zh-Hant]`, 1), 9, `language key "zh-Hant" is not a lowercase language code`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := Parse([]byte(tt.src))
			if err == nil {
				t.Fatal("no error")
			}
			var d *diag.Diagnostic
			var list diag.List
			if errors.As(err, &list) {
				d = list[0]
			} else if !errors.As(err, &d) {
				t.Fatalf("error is not a diagnostic: %v", err)
			}
			if d.File != File || d.Line != tt.line || !strings.Contains(d.Msg, tt.want) {
				t.Errorf("got %s:%d %q, want %s:%d containing %q", d.File, d.Line, d.Msg, File, tt.line, tt.want)
			}
			if d.Hint == "" {
				t.Errorf("no hint for %q", d.Msg)
			}
		})
	}
}

// TestLanguageKeyHintGivesTheKey: a key written like a locale (zh-Hant,
// pt_BR) is told the key to write instead.
func TestLanguageKeyHintGivesTheKey(t *testing.T) {
	for key, want := range map[string]string{
		"zh-Hant": `write [languages.zh-hant]`,
		"pt_BR":   `write [languages.pt-br]`,
	} {
		_, err := Parse([]byte(strings.Replace(good, `[languages.en]`, `[languages.`+key+`]`, 1)))
		if err == nil || !strings.Contains(err.Error(), want) {
			t.Errorf("%s: got %v, want a hint with %s", key, err, want)
		}
	}
}

func TestUnknownKeyHintListsAllowed(t *testing.T) {
	_, err := Parse([]byte(good + "\n[build]\nminfy = true\n"))
	if err == nil || !strings.Contains(err.Error(), "minify") || !strings.Contains(err.Error(), "raw_html") {
		t.Errorf("hint should list the allowed [build] settings, got %v", err)
	}
}

const converted = good + `
[languages.zh-hant]
locale = "zh-Hant"
name = "繁體中文"
convert_from = "zh"
convert = "s2tw"
weight = 3

[languages.zh-hant.phrases]
"余明" = "余明"
`

func TestConvertedEdition(t *testing.T) {
	c, err := Parse([]byte(converted))
	if err != nil {
		t.Fatal(err)
	}
	l := c.Language("zh-hant")
	if l == nil || l.Converter() == nil {
		t.Fatal("zh-hant has no converter")
	}
	if l.Title != "年度報告" {
		t.Errorf("title left out should be converted from zh: %q", l.Title)
	}
	if got := l.Converter().String("余明的报告"); got != "余明的報告" {
		t.Errorf("phrases should protect the name: %q", got)
	}
	if c.Language("zh").Converter() != nil {
		t.Error("zh is written by editors, not converted")
	}
	if len(c.Langs) != 3 || c.Langs[2].Key != "zh-hant" {
		t.Errorf("Langs: %v", c.Langs)
	}
}

func TestConvertedEditionErrors(t *testing.T) {
	tests := []struct {
		name, src  string
		line       int
		want, hint string
	}{
		{"s2twp", strings.Replace(converted, `"s2tw"`, `"s2twp"`, 1), 19, `cannot be converted`, "社群"},
		{"unknown source", strings.Replace(converted, `convert_from = "zh"`, `convert_from = "zh-hans"`, 1), 18, `"zh-hans" is not one of the languages`, "zh"},
		{"no convert", strings.Replace(converted, `convert = "s2tw"`, ``, 1), 15, `no convert`, "s2tw"},
		{"convert without convert_from", strings.Replace(converted, `convert_from = "zh"`, ``, 1), 15, `not convert_from`, "convert_from"},
		{"correction of another length", converted + "\"软件\" = \"軟體程式\"\n", 22, `cannot be converted`, "as many characters"},
		{"bad key", strings.Replace(converted, `[languages.zh-hant]`, `[languages.zh_hant]`, 1), 15, `not a lowercase language code`, "zh-hant"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := Parse([]byte(tt.src))
			var list diag.List
			if !errors.As(err, &list) {
				t.Fatalf("error is not a diagnostic list: %v", err)
			}
			d := list[0]
			for _, other := range list {
				if strings.Contains(other.Msg, tt.want) {
					d = other
				}
			}
			if d.Line != tt.line || !strings.Contains(d.Msg, tt.want) || !strings.Contains(d.Hint, tt.hint) {
				t.Errorf("got %d %q (%q), want %d %q (%q)", d.Line, d.Msg, d.Hint, tt.line, tt.want, tt.hint)
			}
		})
	}
}
