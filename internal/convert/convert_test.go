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

// Each case is converted with s2t, s2tw and s2hk, with and without the
// corrections below; a case gives the three results, or one for all.
func TestConversionCases(t *testing.T) {
	corrections := map[string]string{
		"余明": "余明", // a name: the dictionary would write 餘明
		"发布": "發布", // Taiwan's form; the dictionary gives 發佈
		"台账": "臺帳",
	}
	type want struct{ s2t, s2tw, s2hk string }
	same := func(s string) want { return want{s, s, s} }
	for _, c := range []struct {
		in          string
		corrections bool
		want        want
	}{
		// Characters with more than one Traditional form, told apart by
		// the phrase around them.
		{"头发，发展", false, same("頭髮，發展")},
		{"以后，皇后", false, same("以後，皇后")},
		{"这里，公里", false, want{"這裏，公里", "這裡，公里", "這裏，公里"}},
		{"干部，干净，干涉", false, same("幹部，乾淨，干涉")},
		{"面条，方面", false, want{"麪條，方面", "麵條，方面", "麪條，方面"}},
		{"台风，平台，柜台", false, want{"颱風，平臺，櫃檯", "颱風，平臺，櫃檯", "颱風，平台，櫃枱"}},
		{"关系，系统，联系，系鞋带", false, same("關係，系統，聯繫，繫鞋帶")},
		{"一只，只有", false, same("一隻，只有")},
		{"准备，批准", false, same("準備，批准")},
		{"复杂，恢复，答复", false, same("複雜，恢復，答覆")},
		// The longest key at each place wins, even across a word: 头发 then
		// 发展 cannot both be keys of 头发展; 台湾台 (臺灣台) takes the 台 of
		// 台风, which then is 風 alone.
		{"头发展", false, same("頭髮展")},
		{"台湾台风", false, want{"臺灣台風", "臺灣台風", "台灣台風"}},
		// A key longer than ten characters: 塔什库尔干 is a place (干, not 幹).
		{"塔什库尔干塔吉克自治县", false, same("塔什庫爾干塔吉克自治縣")},
		// The site's corrections win over the dictionary, which would make
		// 出台 one phrase (出臺賬), and protect names; the text around them
		// is converted.
		{"出台账", false, want{"出臺賬", "出臺賬", "出台賬"}},
		{"出台账", true, same("出臺帳")},
		{"发布会", false, same("發佈會")},
		{"发布会", true, same("發布會")},
		{"余明谈其余", false, same("餘明談其餘")},
		{"余明谈其余", true, same("余明談其餘")},
		// Where the configurations differ in the characters themselves.
		{"着想，为了群众", false, want{"着想，爲了羣衆", "著想，為了群眾", "着想，為了羣眾"}},
		{"温度，说话，峰会", false, want{"溫度，說話，峯會", "溫度，說話，峰會", "温度，説話，峯會"}},
		// Anything else stays as written, bytes that are not UTF-8 too.
		{"2019年 Xiamen 5964家 a\xffb", false, same("2019年 Xiamen 5964家 a\xffb")},
	} {
		var phrases map[string]string
		if c.corrections {
			phrases = corrections
		}
		for config, want := range map[string]string{"s2t": c.want.s2t, "s2tw": c.want.s2tw, "s2hk": c.want.s2hk} {
			conv := newConverter(t, Settings{Config: config, Locale: "zh-Hans", Phrases: phrases})
			if got := conv.String(c.in); got != want {
				t.Errorf("%s, corrections %v: %q → %q, want %q", config, c.corrections, c.in, got, want)
			}
		}
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
