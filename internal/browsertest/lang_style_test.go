package browsertest

import (
	"strings"
	"testing"
)

// TestLatinScriptLanguagesLookLikeEnglish: the stylesheet sets Chinese
// type (CJK fonts, 1.8 leading, wide measure) by default and Latin type
// for English. A language added later (fr, de) must get the Latin type,
// not the Chinese; a Traditional Chinese page the Chinese. The page's lang
// is switched in place, so the same CSS is measured.
func TestLatinScriptLanguagesLookLikeEnglish(t *testing.T) {
	ctx := tab(t, 1280, 900)
	open(t, ctx, "en/2019/three-social-linkage/")
	look := func(lang string) string {
		return eval[string](t, ctx, `(() => {
			document.documentElement.lang = `+"`"+lang+"`"+`;
			const s = (sel) => getComputedStyle(document.querySelector(sel));
			return [s("body").fontFamily, s("body").lineHeight, s("h1").fontSize, s(".prose").maxWidth].join(" | ");
		})()`)
	}
	en, zh := look("en"), look("zh-Hans")
	if en == zh {
		t.Fatalf("English and Chinese look alike (%s): the test measures nothing", en)
	}
	for _, lang := range []string{"fr", "de", "pt-BR"} {
		if got := look(lang); got != en {
			t.Errorf("lang=%s: %s\nwant English's: %s", lang, got, en)
		}
	}
	// Traditional Chinese is Chinese type in the Traditional cuts of the
	// same fonts (site.css, section 17).
	hant := look("zh-Hant")
	family, rest, _ := strings.Cut(hant, " | ")
	_, zhRest, _ := strings.Cut(zh, " | ")
	if rest != zhRest || !strings.HasPrefix(family, `"PingFang TC"`) {
		t.Errorf("lang=zh-Hant: %s\nwant Simplified Chinese's in Traditional fonts: %s", hant, zh)
	}
}
