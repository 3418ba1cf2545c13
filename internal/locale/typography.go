package locale

import "golang.org/x/text/language"

// Typography is the punctuation and word order a locale's generated text
// uses: the sentences a chart's description makes of its data, and where a
// qualifier goes in a figure.
type Typography struct {
	Colon     string // between a label and its value: "：", ": "
	Separator string // between the items of a list: "；", "; "
	End       string // at the end of a sentence: "。", "."
	// Space goes after a sentence's end before the next one: " " in
	// languages that separate words, "" in Chinese.
	Space       string
	Open, Close string // around an aside: "（" "）", " (" ")"
	// QualifierOnNumber: a qualifier goes with the number inside the
	// unit's words (每人每月约800元), not before the whole (about RMB 800
	// per person per month).
	QualifierOnNumber bool
	// FullWidth text takes full-width punctuation (，。（）), which check
	// asks for where an editor typed a half-width mark.
	FullWidth bool
	// Quotes are the quotation marks check suggests for a straight quote.
	Quotes, SingleQuotes string
	// SmartQuotes: straight quotes, --, --- and ... typed in the text are
	// shown as “ ” ‘ ’, –, — and … (package markdown's typographer).
	SmartQuotes bool
}

var typographies = map[string]Typography{
	"zh": {Colon: "：", Separator: "；", End: "。", Open: "（", Close: "）", QualifierOnNumber: true,
		FullWidth: true, Quotes: "“ or ”", SingleQuotes: "‘ or ’"},
	// Traditional Chinese as Taiwan and Hong Kong write it quotes with corner brackets.
	"zh-Hant": {Colon: "：", Separator: "；", End: "。", Open: "（", Close: "）", QualifierOnNumber: true,
		FullWidth: true, Quotes: "「 or 」", SingleQuotes: "『 or 』"},
	"ja": {Colon: "：", Separator: "、", End: "。", Open: "（", Close: "）", QualifierOnNumber: true,
		FullWidth: true, Quotes: "「 or 」", SingleQuotes: "『 or 』"},
	// French sets a no-break space before a colon and a narrow one
	// before a semicolon, and quotes with guillemets.
	"fr": {Colon: "\u00a0: ", Separator: "\u202f; ", End: ".", Space: " ", Open: " (", Close: ")", Quotes: "« or »", SingleQuotes: "“ or ”"},
	"en": {Colon: ": ", Separator: "; ", End: ".", Space: " ", Open: " (", Close: ")", Quotes: "“ or ”", SingleQuotes: "‘ or ’", SmartQuotes: true},
	"":   {Colon: ": ", Separator: "; ", End: ".", Space: " ", Open: " (", Close: ")", Quotes: "“ or ”", SingleQuotes: "‘ or ’"},
}

// TypographyOf returns the typography of tag.
func TypographyOf(tag language.Tag) Typography {
	t, _, _ := Lookup(typographies, tag)
	return t
}
