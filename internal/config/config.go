// Package config reads site.toml: the site's languages, base URL, and the
// build and deploy settings. It is strict: a misspelt setting is an error
// naming the line, because a silently ignored setting is a published mistake.
package config

import (
	"errors"
	"fmt"
	"io/fs"
	"net/url"
	"regexp"
	"sort"
	"strings"

	"golang.org/x/text/language"

	"github.com/xmca/almanac/internal/convert"
	"github.com/xmca/almanac/internal/diag"
	"github.com/xmca/almanac/internal/tomlfile"
)

// File is the name of the settings file at the root of a site.
const File = "site.toml"

// Config is site.toml, checked and completed with defaults.
type Config struct {
	BaseURL         string               `toml:"base_url"`
	DefaultLanguage string               `toml:"default_language"`
	Languages       map[string]*Language `toml:"languages"`
	Build           Build                `toml:"build"`
	Deploy          Deploy               `toml:"deploy"`
	// TranslationNotice tells readers of a translation whose source
	// changed since it was translated that it may be out of date.
	TranslationNotice bool `toml:"translation_notice"`

	// Units, Qualifiers and AsOf add to or change the units, qualifiers
	// and as-of phrases almanac ships with ([units.NAME], [qualifiers.NAME],
	// [as_of.LANG]); package figures reads and checks them.
	Units      map[string]map[string]any `toml:"units"`
	Qualifiers map[string]map[string]any `toml:"qualifiers"`
	AsOf       map[string]map[string]any `toml:"as_of"`

	// Langs lists the languages in display order: the default language first,
	// then by weight and key. Everything that loops over languages uses it so
	// output order never depends on map iteration.
	Langs []*Language `toml:"-"`

	// keys are where each setting is written, for messages about settings
	// other packages check.
	settings *tomlfile.Keys

	// basePath is BaseURL's path, worked out once: every link on every
	// page starts with it.
	basePath string
}

// Language is one [languages.<key>] table. The key ("zh", "en", "zh-hant") is
// the URL prefix and the suffix of content files; nothing else depends on it.
// Every language-dependent choice is made from Tag, the parsed locale.
type Language struct {
	Key    string       `toml:"-"`
	Tag    language.Tag `toml:"-"`
	Locale string       `toml:"locale"` // BCP 47 tag for lang and hreflang: zh-Hans, zh-Hant, en
	Name   string       `toml:"name"`   // the language's name in itself: 中文, English
	Title  string       `toml:"title"`  // the site title in this language
	Weight int          `toml:"weight"`

	// A converted edition (zh-hant) is written by the build from another
	// language's text (ConvertFrom, zh) with an OpenCC configuration
	// (Convert: s2t, s2tw, s2hk), the Phrases corrections applied first.
	// Its title is converted when left out.
	ConvertFrom string            `toml:"convert_from"`
	Convert     string            `toml:"convert"`
	Phrases     map[string]string `toml:"phrases"`

	converter *convert.Converter
}

// Build holds the [build] settings; command-line flags override them.
type Build struct {
	Output  string `toml:"output"`
	Drafts  bool   `toml:"drafts"`
	RawHTML bool   `toml:"raw_html"`
	Minify  bool   `toml:"minify"`
	PDF     bool   `toml:"pdf"`
}

// baseURLFlaw says what makes an absolute base URL unusable as the site's
// address, or "" when nothing does: every page's links and the sitemap
// are built on it.
func baseURLFlaw(raw string, u *url.URL) string {
	switch {
	case strings.ContainsAny(raw, " \t\u3000"):
		return "has a space in it"
	case u.User != nil:
		return "has a user name in it (the part before @)"
	case u.RawQuery != "" || strings.Contains(raw, "?"):
		return "has a query (the part from ?)"
	case u.Fragment != "" || strings.Contains(raw, "#"):
		return "has a fragment (the part from #)"
	}
	return ""
}

// DefaultMaxDeletes is [deploy] max_deletes when site.toml leaves it out.
const DefaultMaxDeletes = 100

// Deploy holds the [deploy] settings for `almanac deploy`. Credentials are
// never read from here: only from the environment.
type Deploy struct {
	Target     string `toml:"target"`
	MaxDeletes int    `toml:"max_deletes"`
	Prune      bool   `toml:"prune"`
	GzipText   bool   `toml:"gzip_text"`
	// KeepReleases is how many releases the bucket keeps for rollback.
	KeepReleases int `toml:"keep_releases"`
}

// DefaultKeepReleases is [deploy] keep_releases when site.toml leaves it out.
const DefaultKeepReleases = 10

// languageKey is a BCP 47 tag in lower case (zh, en, zh-hant, pt-br): it
// becomes a URL prefix and a file name suffix, where case would only confuse.
var languageKey = regexp.MustCompile(`^[a-z]{2,3}(-[a-z0-9]{2,8})*$`)

// Load reads and checks site.toml from the root of fsys.
func Load(fsys fs.FS) (*Config, error) {
	src, err := fs.ReadFile(fsys, File)
	if err != nil {
		d := diag.ReadError(File, err)
		if errors.Is(err, fs.ErrNotExist) && !diag.IsOutsideLink(err) {
			d.Msg = "there is no site.toml here: this is not a site folder"
			d.Hint = "run almanac in the site folder (the one with site.toml), or name it with -s DIR"
		}
		return nil, d
	}
	return Parse(src)
}

// Parse checks site.toml's text and fills in defaults.
func Parse(src []byte) (*Config, error) {
	// Defaults a key left out keeps; written before decoding, so that a
	// value given as 0 stays 0 (max_deletes = 0 allows no deletes).
	c := &Config{Deploy: Deploy{MaxDeletes: DefaultMaxDeletes, KeepReleases: DefaultKeepReleases}}
	if err := tomlfile.Decode(File, src, 1, c); err != nil {
		return nil, err
	}
	keys := tomlfile.IndexKeys(src)
	line := func(key ...string) int { return keys.Line(key) }
	var list diag.List
	bad := func(l int, hint, format string, args ...any) {
		list = append(list, diag.Errorf(File, l, 0, hint, format, args...))
	}
	if c.BaseURL == "" {
		bad(1, `add base_url = "https://example.gov.cn/report/" at the top: canonical links and the sitemap need it`, "base_url is missing")
	} else if u, err := url.Parse(c.BaseURL); err != nil || (u.Scheme != "http" && u.Scheme != "https") || u.Host == "" {
		bad(line("base_url"), `write the full address the site is published at, e.g. "https://example.gov.cn/report/"`, "base_url %q is not an absolute http(s) address", c.BaseURL)
	} else if why := baseURLFlaw(c.BaseURL, u); why != "" {
		bad(line("base_url"), `write just the address the site is published at, e.g. "https://example.gov.cn/report/"`, "base_url %q %s", c.BaseURL, why)
	} else if !strings.HasSuffix(c.BaseURL, "/") {
		c.BaseURL += "/"
	}
	if len(c.Languages) == 0 {
		bad(1, `add a [languages.zh] and a [languages.en] table with locale, name and title`, "no languages are defined")
	}
	for key, l := range c.Languages {
		l.Key = key
		at := line("languages", key)
		if !languageKey.MatchString(key) {
			hint := "use a lowercase code such as zh, en or zh-hant: it becomes the URL prefix and the content file suffix"
			if fixed := strings.ToLower(strings.ReplaceAll(key, "_", "-")); languageKey.MatchString(fixed) {
				hint = fmt.Sprintf("write [languages.%s]: the key is lowercase, with hyphens, as it becomes the URL prefix and the content file suffix (name.%s.md); the locale keeps its capitals (locale = \"%s\")", fixed, fixed, strings.ReplaceAll(key, "_", "-"))
			}
			bad(at, hint, "language key %q is not a lowercase language code", key)
		}
		if l.Locale == "" {
			bad(at, `add locale = "zh-Hans" (or "zh-Hant", "en"): it is the page's lang attribute and decides how numbers, units and dates are written`, "language %q has no locale", key)
		} else if tag, err := language.Parse(l.Locale); err != nil {
			bad(line("languages", key, "locale"), `write a BCP 47 language tag, like "zh-Hans", "zh-Hant", "en" or "fr"`, "locale %q of language %q is not a language tag", l.Locale, key)
		} else {
			// zh_CN, as computers name locales, is zh-CN in a web page's
			// lang and hreflang, which accept no underscore.
			l.Tag, l.Locale = tag, tag.String()
		}
		if l.Name == "" {
			bad(at, `add name = "中文" (the language's own name, shown in the language switch)`, "language %q has no name", key)
		}
		if l.Title == "" && l.ConvertFrom == "" {
			bad(at, `add title = "…": the site title in this language`, "language %q has no title", key)
		}
	}
	c.checkConversions(line, bad)
	if c.DefaultLanguage == "" {
		bad(1, `add default_language = "zh" at the top`, "default_language is missing")
	} else if _, ok := c.Languages[c.DefaultLanguage]; !ok && len(c.Languages) > 0 {
		bad(line("default_language"), "set it to one of the [languages.…] keys: "+strings.Join(c.keys(), ", "), "default_language %q is not one of the languages", c.DefaultLanguage)
	}
	if c.Build.Output == "" {
		c.Build.Output = "public"
	}
	if c.Deploy.KeepReleases < 1 {
		bad(line("deploy", "keep_releases"), "keep at least 1 release (the default is 10): a rollback needs the releases it can return to", "keep_releases is %d, but must be at least 1", c.Deploy.KeepReleases)
	}
	if c.Deploy.MaxDeletes < 0 {
		bad(line("deploy", "max_deletes"), "write 0 to allow no deletes, or the largest number of objects one deploy may delete", "max_deletes is %d, but cannot be negative", c.Deploy.MaxDeletes)
	}
	if err := list.Err(); err != nil {
		return nil, err
	}
	c.convertTitles()
	c.Langs = c.orderedLanguages()
	c.basePath = basePath(c.BaseURL)
	c.settings = keys
	return c, nil
}

func (c *Config) keys() []string {
	keys := make([]string, 0, len(c.Languages))
	for k := range c.Languages {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	return keys
}

func (c *Config) orderedLanguages() []*Language {
	langs := make([]*Language, 0, len(c.Languages))
	for _, k := range c.keys() {
		langs = append(langs, c.Languages[k])
	}
	sort.SliceStable(langs, func(i, j int) bool {
		a, b := langs[i], langs[j]
		if (a.Key == c.DefaultLanguage) != (b.Key == c.DefaultLanguage) {
			return a.Key == c.DefaultLanguage
		}
		return a.Weight < b.Weight
	})
	return langs
}

// Line is the line of site.toml where key is written ("units",
// "households", "en"), or 0 when it is not.
func (c *Config) Line(key ...string) int {
	if c.settings == nil {
		return 0
	}
	return c.settings.Line(key)
}

// Default returns the default language.
func (c *Config) Default() *Language { return c.Languages[c.DefaultLanguage] }

// Language returns the language with key, or nil.
func (c *Config) Language(key string) *Language { return c.Languages[key] }

// BasePath is the path part of the base URL ("/" or "/report/"): every link
// in the site starts with it, so the site works under a prefix.
func (c *Config) BasePath() string {
	if c.basePath != "" {
		return c.basePath
	}
	return basePath(c.BaseURL)
}

func basePath(baseURL string) string {
	u, err := url.Parse(baseURL)
	if err != nil || u.Path == "" {
		return "/"
	}
	return u.Path
}

// AbsURL turns a site path ("zh/2019/") into an absolute URL.
func (c *Config) AbsURL(path string) string {
	return c.BaseURL + strings.TrimPrefix(path, "/")
}

// WithBaseURL returns a copy of c published at base, as the dev server needs.
func (c *Config) WithBaseURL(base string) *Config {
	cp := *c
	if !strings.HasSuffix(base, "/") {
		base += "/"
	}
	cp.BaseURL = base
	cp.basePath = basePath(base)
	return &cp
}

func (l *Language) String() string { return fmt.Sprintf("%s (%s)", l.Key, l.Locale) }

// checkConversions checks the settings of converted editions and prepares
// their converters.
func (c *Config) checkConversions(line func(...string) int, bad func(int, string, string, ...any)) {
	for _, key := range c.keys() {
		l := c.Languages[key]
		at := line("languages", key)
		if l.ConvertFrom == "" {
			if l.Convert != "" || len(l.Phrases) > 0 {
				bad(at, `add convert_from = "zh" (the language whose text this edition is converted from), or remove convert and phrases`, "language %q sets convert or phrases but not convert_from", key)
			}
			continue
		}
		from := c.Languages[l.ConvertFrom]
		switch {
		case from == nil:
			bad(line("languages", key, "convert_from"), "name one of the languages: "+strings.Join(c.keys(), ", "), "convert_from %q is not one of the languages", l.ConvertFrom)
			continue
		case from == l || from.ConvertFrom != "":
			bad(line("languages", key, "convert_from"), "convert from a language whose text editors write, such as zh", "language %q cannot be converted from %q, which is itself converted", key, l.ConvertFrom)
			continue
		case l.Convert == "":
			bad(at, `add convert = "s2tw" (Taiwan forms), "s2hk" (Hong Kong forms) or "s2t" (OpenCC's standard forms)`, "language %q has convert_from but no convert", key)
			continue
		}
		conv, err := convert.New(convert.Settings{Config: l.Convert, Locale: l.Locale, Phrases: l.Phrases})
		if err != nil {
			at := line("languages", key, "convert")
			if convert.CheckConfig(l.Convert) == nil {
				at = line("languages", key, "phrases")
			}
			bad(at, err.Error(), "language %q cannot be converted as set", key)
			continue
		}
		l.converter = conv
	}
}

// convertTitles gives a converted edition that sets no title its source
// language's, converted.
func (c *Config) convertTitles() {
	for _, l := range c.Languages {
		if l.converter != nil && l.Title == "" {
			l.Title = l.converter.String(c.Languages[l.ConvertFrom].Title)
		}
	}
}

// Converter converts text of the language the edition is converted from
// (ConvertFrom) into its own; nil for an edition editors write.
func (l *Language) Converter() *convert.Converter { return l.converter }

// Written are the languages editors write, in display order: a converted
// edition (zh-hant) gets its text, labels and units from its source
// language, and a file of its own would replace the conversion.
func (c *Config) Written() []*Language {
	var langs []*Language
	for _, l := range c.Langs {
		if l.converter == nil {
			langs = append(langs, l)
		}
	}
	return langs
}
