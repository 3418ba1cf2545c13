package search_test

import (
	"slices"
	"testing"

	"github.com/xmca/almanac/internal/search"
)

// TestTokens: text splits into Chinese runs and lower-cased words, and
// figures stay one token as the pages write them.
func TestTokens(t *testing.T) {
	for _, tt := range []struct {
		text string
		want []string
	}{
		{"全市共有社会组织5964家，其中", []string{"#全市共有社会组织", "5964", "#家", "#其中"}},
		{"志愿者69.31万名", []string{"#志愿者", "69.31", "#万名"}},
		{"5,964 Social Organizations", []string{"5964", "social", "organizations"}},
		{"693,100 volunteers; RMB 2.4 million", []string{"693100", "volunteers", "rmb", "2.4", "million"}},
		{"in 2019, 5,964 of them", []string{"in", "2019", "5964", "of", "them"}},
		{"Xiamen’s “three-social linkage”", []string{"xiamen", "s", "three", "social", "linkage"}},
		{"全角５９６４家和ＡＢＣ", []string{"#全角", "5964", "#家和", "abc"}},
		{"École ÉTÉ Συν", []string{"école", "été", "συν"}},
		{"二〇一九年", []string{"#二〇一九年"}},
		{"𠀀𠀁字", []string{"#𠀀𠀁字"}},
		{"1.5. End.", []string{"1.5", "end"}},
		{"  ", nil},
	} {
		if got := search.Terms(tt.text); !slices.Equal(got, tt.want) {
			t.Errorf("%q: tokens %q, want %q", tt.text, got, tt.want)
		}
	}
}

// TestIsChinese goes by the locale's language, never by a language key.
func TestIsChinese(t *testing.T) {
	for locale, want := range map[string]bool{
		"zh-Hans": true, "zh-Hant": true, "zh-TW": true, "zh-Hant-HK": true, "zh": true,
		"en": false, "en-GB": false, "ja": false, "": false,
	} {
		if got := search.IsChinese(locale); got != want {
			t.Errorf("IsChinese(%q) = %v, want %v", locale, got, want)
		}
	}
}

// TestSingular: English plurals are indexed as their singular, and words
// that only look like plurals keep their form.
func TestSingular(t *testing.T) {
	for word, want := range map[string]string{
		"volunteers": "volunteer", "volunteer": "volunteer", "services": "service", "cities": "city",
		"policies": "policy", "classes": "class", "class": "class", "status": "status", "analysis": "analysis",
		"news": "news", "series": "series", "its": "its", "homes": "home", "ties": "tie",
		"1990s": "1990s", "écoles": "écoles", "organizations": "organization",
		"children": "child", "grandchildren": "grandchild", "women": "woman", "men": "man",
		"people": "person", "persons": "person", "boxes": "box", "taxes": "tax", "churches": "church",
		"wishes": "wish", "families": "family", "analyses": "analysis", "criteria": "criterion",
		"axes": "axe", "aches": "ache", "ashes": "ash", "gas": "gas", "child": "child", "xiamen": "xiamen",
	} {
		if got := search.Singular(word); got != want {
			t.Errorf("Singular(%q) = %q, want %q", word, got, want)
		}
	}
	for locale, want := range map[string]bool{"en": true, "en-GB": true, "zh-Hans": false, "fr": false, "": false} {
		if got := search.FoldsPlurals(locale); got != want {
			t.Errorf("FoldsPlurals(%q) = %v, want %v", locale, got, want)
		}
	}
}
