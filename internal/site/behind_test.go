package site

import (
	"testing"

	"github.com/xmca/almanac/internal/config"
	"github.com/xmca/almanac/internal/content"
	"github.com/xmca/almanac/internal/translation"
)

// TestConvertedEditionIsNeverBehind: a page made from another language's
// file (an edition converted from the source, such as zh-hant) is never
// behind, even when that file records a translation; a page made from its
// own file that records an older source is.
func TestConvertedEditionIsNeverBehind(t *testing.T) {
	zh := &content.Source{File: "content/2019/01-a.zh.md", Lang: "zh", Front: content.FrontMatter{Title: "标题"}, Body: []byte("正文。\n"), BodyLine: 5}
	old := &content.Source{File: "content/2019/01-a.zh.md", Lang: "zh", Front: content.FrontMatter{Title: "旧标题"}, Body: []byte("正文。\n"), BodyLine: 5}
	record := map[string]string{}
	for _, s := range Fingerprint(old) {
		record[s.Key] = s.Hash
	}
	en := &content.Source{File: "content/2019/01-a.en.md", Lang: "en", Front: content.FrontMatter{Title: "Title", Translated: record}, Body: []byte("Text.\n"), BodyLine: 5}
	converted := &content.Source{File: zh.File, Lang: "zh", Front: content.FrontMatter{Title: "標題", Translated: record}, Body: []byte("正文。\n"), BodyLine: 5}
	b := &builder{cfg: &config.Config{DefaultLanguage: "zh"}}

	enPage := &Page{Lang: &config.Language{Key: "en"}}
	b.behind(enPage, en, zh)
	if enPage.Behind == nil || len(enPage.Behind.Changes) != 1 || enPage.Behind.Changes[0].Source.Key != translation.TitleKey {
		t.Errorf("the English page: %+v, want behind in its title", enPage.Behind)
	}
	hant := &Page{Lang: &config.Language{Key: "zh-hant"}}
	b.behind(hant, converted, zh)
	if hant.Behind != nil {
		t.Errorf("the converted page is behind: %+v", hant.Behind)
	}
}
