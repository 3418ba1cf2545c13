package markdown

import (
	"strings"
	"testing"

	opencc "github.com/xmca/almanac/internal/convert"
)

// convertingResolver is a Chinese page of an edition converted to
// Traditional characters.
type convertingResolver struct {
	*fakeResolver
	conv *opencc.Converter
}

func (r convertingResolver) TextConversion() func(string) string { return r.conv.String }

func TestConvertedTextLeavesCodeAddressesKeysAndIDs(t *testing.T) {
	conv, err := opencc.New(opencc.Settings{Config: "s2tw", Locale: "zh-Hant"})
	if err != nil {
		t.Fatal(err)
	}
	src := "## 儿童福利\n\n" +
		"理发后的头\n发，“三社联动”见[社会组织](../社会组织/#儿童福利 \"社会组织名单\")，" +
		"共{{social-organizations}}，代码`发展`，<https://example.com/发>。\n\n" +
		"```\n发展 = 1\n```\n\n" +
		"![养老院](养老.png)\n"
	doc, err := New(Options{}).Convert([]byte(src), "content/2019/a.zh.md", 1, convertingResolver{newFakeResolver(), conv})
	if err != nil {
		t.Fatal(err)
	}
	html := string(doc.HTML(""))
	for _, want := range []string{
		`<h2 id="儿童福利">兒童福利</h2>`, // the id stays the source edition's
		"理髮後的頭髮",                  // one phrase across the line wrap (頭\n发 alone would be 發)
		"「三社聯動」",                  // Taiwan's quotation marks
		`<a href="../%E7%A4%BE%E4%BC%9A%E7%BB%84%E7%BB%87/#%E5%84%BF%E7%AB%A5%E7%A6%8F%E5%88%A9" title="社會組織名單">社會組織</a>`,
		`5964家`,           // the resolver's text, not converted here
		"<code>发展</code>", // code as written
		`<a href="https://example.com/%E5%8F%91">https://example.com/发</a>`,
		"发展 = 1", // code block as written
		`alt="養老院"`,
	} {
		if !strings.Contains(html, want) {
			t.Errorf("missing %q in\n%s", want, html)
		}
	}
	if len(doc.TOC) != 1 || doc.TOC[0].Text != "兒童福利" || doc.TOC[0].ID != "儿童福利" {
		t.Errorf("TOC = %+v", doc.TOC)
	}
	// The source edition, converted by the same Converter, is untouched.
	plain, _ := New(Options{}).Convert([]byte(src), "content/2019/a.zh.md", 1, newFakeResolver())
	if !strings.Contains(string(plain.HTML("")), "理发后的头发") {
		t.Errorf("the Simplified page changed:\n%s", plain.HTML(""))
	}
}
