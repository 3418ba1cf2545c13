package convert

import (
	"strings"
	"testing"
)

func newConverter(t *testing.T, s Settings) *Converter {
	t.Helper()
	c, err := New(s)
	if err != nil {
		t.Fatal(err)
	}
	return c
}

func TestConvertsPhrasesOfTheReport(t *testing.T) {
	c := newConverter(t, Settings{Config: "s2tw", Locale: "zh-Hant"})
	for in, want := range map[string]string{
		"发展社区养老服务":           "發展社區養老服務",
		"社会组织":               "社會組織",
		"特困供养人员":             "特困供養人員",
		"志愿者":                "志願者",
		"以后，皇后":              "以後，皇后",
		"干部，干净":              "幹部，乾淨",
		"一只，只有":              "一隻，只有",
		"准备，批准":              "準備，批准",
		"恢复，复杂":              "恢復，複雜",
		"制度，制造":              "制度，製造",
		"这里":                 "這裡", // s2tw: Taiwan's 裡, not OpenCC's standard 裏
		"2019年 Xiamen 5964家": "2019年 Xiamen 5964家",
	} {
		if got := c.String(in); got != want {
			t.Errorf("String(%q) = %q, want %q", in, got, want)
		}
	}
}

func TestConfigsDifferWhereTheyShould(t *testing.T) {
	s2t := newConverter(t, Settings{Config: "s2t", Locale: "zh-Hant"})
	if got := s2t.String("这里"); got != "這裏" {
		t.Errorf("s2t: %q, want OpenCC's standard 這裏", got)
	}
}

func TestPhrasesComeBeforeTheDictionary(t *testing.T) {
	c := newConverter(t, Settings{Config: "s2tw", Locale: "zh-Hant", Phrases: map[string]string{
		"余明":   "余明", // a name: the dictionary would write 餘明
		"三社联动": "三社連動",
		"台湾":   "台灣",
	}})
	if got, want := c.String("余明主任谈三社联动，台湾来宾，其余"), "余明主任談三社連動，台灣來賓，其餘"; got != want {
		t.Errorf("got %q, want %q", got, want)
	}
	plain := newConverter(t, Settings{Config: "s2tw", Locale: "zh-Hant"})
	if got := plain.String("余明"); got == "余明" {
		t.Errorf("without the correction the dictionary should change 余明 (got %q): the test shows nothing", got)
	}
}

func TestQuotesFollowTheLocale(t *testing.T) {
	tw := newConverter(t, Settings{Config: "s2tw", Locale: "zh-Hant-TW"})
	if got, want := tw.String("“三社联动”和‘五社’"), "「三社聯動」和『五社』"; got != want {
		t.Errorf("zh-Hant-TW: %q, want %q", got, want)
	}
	hans := newConverter(t, Settings{Config: "s2t", Locale: "zh-Hans"})
	if got, want := hans.String("“三社联动”"), "“三社聯動”"; got != want {
		t.Errorf("zh-Hans: %q, want %q", got, want)
	}
}

func TestRejectsS2TWPAndSaysWhy(t *testing.T) {
	_, err := New(Settings{Config: "s2twp", Locale: "zh-Hant"})
	if err == nil || !strings.Contains(err.Error(), "社群") || !strings.Contains(err.Error(), "s2tw") {
		t.Fatalf("s2twp: %v", err)
	}
	if _, err := New(Settings{Config: "t2s"}); err == nil || !strings.Contains(err.Error(), "s2t, s2tw, s2hk") {
		t.Fatalf("t2s: %v", err)
	}
}

func TestCorrectionsKeepTheirLength(t *testing.T) {
	if err := CheckPhrases(map[string]string{"信息": "資訊"}); err != nil {
		t.Errorf("same length: %v", err)
	}
	err := CheckPhrases(map[string]string{"软件": "軟體程式"})
	if err == nil || !strings.Contains(err.Error(), "as many characters") {
		t.Errorf("longer correction: %v", err)
	}
}

func TestKeyChangesWithTheSettings(t *testing.T) {
	a := newConverter(t, Settings{Config: "s2tw", Locale: "zh-Hant"})
	b := newConverter(t, Settings{Config: "s2tw", Locale: "zh-Hant", Phrases: map[string]string{"台湾": "台灣"}})
	c := newConverter(t, Settings{Config: "s2hk", Locale: "zh-Hant"})
	if a.Key() == b.Key() || a.Key() == c.Key() {
		t.Error("converters that convert differently share a key")
	}
}

func TestUnsettled(t *testing.T) {
	c := newConverter(t, Settings{Config: "s2tw", Locale: "zh-Hant", Phrases: map[string]string{"理发": "理髮"}})
	for in, want := range map[string]string{
		"志愿者发展以后":   "",  // every one inside a settled word
		"头发以后，后来再发": "发", // 头发 is no settled word; the last 发 stands alone
		"理发，皇后":     "后", // 理发 is the site's correction
		"一只猫，只有":    "只",
		"出台《关于……》":  "",
	} {
		if got := string(c.Unsettled(in)); got != want {
			t.Errorf("Unsettled(%q) = %q, want %q", in, got, want)
		}
	}
}

// A character whose Traditional form is longer in UTF-8 stays as written;
// the rest of the text is converted.
func TestRareCharactersKeepTheirPlace(t *testing.T) {
	c := newConverter(t, Settings{Config: "s2t", Locale: "zh-Hant"})
	in := "㓆发展"
	got := c.String(in)
	if got != "㓆發展" {
		t.Errorf("got %q", got)
	}
	if fitShape("ab", "abc") != "ab" {
		t.Error("a conversion with another number of characters is used")
	}
}
