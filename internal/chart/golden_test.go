package chart

import (
	"crypto/sha256"
	"encoding/hex"
	"flag"
	"fmt"
	"math"
	"os"
	"strconv"
	"strings"
	"testing"
)

// Rendering is tuned for speed, and every tuning must keep the bytes: a chart
// whose bytes change changes its page's fingerprint and cache entries on a
// site nobody edited. TestGolden pins the output of a broad corpus, one hash
// a chart, so that a change in any byte names the chart it broke. The hashes
// were recorded from the straightforward implementation before it was tuned,
// and again, for the SVG and the table's data, when the markup around the
// drawing moved to the chart partial, whose figures were then the bytes of
// the earlier ones but where html/template escapes more: a "+" in text as
// "&#43;", a quote in the data link as "%22"; and again when a Figure
// gained its words and rows for a missing value, its drawing unchanged.
//
// After a deliberate change to the drawing, rewrite them with
//
//	go test ./internal/chart -run Golden -update
var update = flag.Bool("update", false, "rewrite testdata/golden.sha256 from the current output")

const goldenFile = "testdata/golden.sha256"

func TestGolden(t *testing.T) {
	var got strings.Builder
	for _, nc := range goldenCorpus() {
		fmt.Fprintf(&got, "%s %s\n", nc.name, renderHash(nc.chart))
	}
	if *update {
		if err := os.WriteFile(goldenFile, []byte(got.String()), 0o644); err != nil {
			t.Fatal(err)
		}
		return
	}
	want, err := os.ReadFile(goldenFile)
	if err != nil {
		t.Fatal(err)
	}
	gotLines, wantLines := strings.Split(got.String(), "\n"), strings.Split(string(want), "\n")
	if len(gotLines) != len(wantLines) {
		t.Fatalf("%d charts, %s has %d; the corpus changed: run with -update", len(gotLines), goldenFile, len(wantLines))
	}
	for i := range gotLines {
		if gotLines[i] != wantLines[i] {
			t.Errorf("output changed: got %q, want %q", gotLines[i], wantLines[i])
		}
	}
}

// renderHash hashes what Draw gives c, the SVG and the table's data, error
// included: a chart that stops failing, or fails differently, changes as
// much as one drawn differently.
func renderHash(c Chart) string {
	f, err := Draw(withWords(c))
	s := figureText(f)
	if err != nil {
		s = "error: " + err.Error()
	}
	sum := sha256.Sum256([]byte(s))
	return hex.EncodeToString(sum[:])
}

type namedChart struct {
	name  string
	chart Chart
}

func goldenCorpus() []namedChart {
	var corpus []namedChart
	add := func(group string, charts []Chart) {
		for i, c := range charts {
			corpus = append(corpus, namedChart{group + "/" + strconv.Itoa(i) + "/" + c.ID, c})
		}
	}
	for _, lang := range []string{"zh", "en"} {
		add("examples-"+lang, examples(lang))
		add("stress-"+lang, stressCharts(lang))
		add("bench-"+lang, benchCharts(lang))
	}
	add("edge", edgeCases())
	add("report-2019", report2019())
	add("missing", []Chart{fiveYears("zh"), fiveYears("en")})
	r := &corpusRand{state: 2019}
	for i := range 400 {
		c := r.chart()
		corpus = append(corpus, namedChart{"generated/" + strconv.Itoa(i), c})
	}
	return corpus
}

// report2019 holds the real report's charts as the site gives them to
// Draw (content/2019/figures.toml, when the output was pinned), copied
// here so that editing the report does not break this test.
func report2019() []Chart {
	zh, en := DefaultStrings("zh"), DefaultStrings("en")
	charts := []Chart{
		{ID: "chart-social-organizations-by-type", Kind: "part-of-whole", Lang: "zh", Title: "全市社会组织构成（截至2019年11月）", Description: "备案社区社会组织数量最多，其次为民办非企业单位和社会团体，基金会最少。", Data: []Datum{
			{Label: "社会团体", Value: 1622, Text: "1622家"},
			{Label: "民办非企业单位", Value: 1735, Text: "1735家"},
			{Label: "基金会", Value: 35, Text: "35家"},
			{Label: "备案社区社会组织", Value: 2572, Text: "2572家"},
		}, Total: &Datum{Label: "全市社会组织", Value: 5964, Text: "5964家"}},
		{ID: "chart-work-subsidies-by-grade", Kind: "bar", Lang: "zh", Title: "新聘社会工作者一次性工作补贴标准（按职业等级）", Description: "一次性工作补贴随职业等级提高，社会工作师是助理社会工作师的两倍，高级社会工作师是社会工作师的两倍。", Data: []Datum{
			{Label: "一次性工作补贴：助理社会工作师", Value: 5000, Text: "5000元"},
			{Label: "一次性工作补贴：社会工作师", Value: 10000, Text: "1万元"},
			{Label: "一次性工作补贴：高级社会工作师", Value: 20000, Text: "2万元"},
		}},
		{ID: "chart-assistance-standards", Kind: "bar", Lang: "zh", Title: "困难群众救助标准", Description: "特困供养人员基本生活标准高于低保标准，两者均按每人每月计算。", Data: []Datum{
			{Label: "低保标准", Value: 800, Text: "每人每月800元"},
			{Label: "特困供养人员基本生活标准", Value: 1200, Text: "每人每月1200元"},
		}},
		{ID: "chart-child-protection-sites-by-level", Kind: "bar", Lang: "zh", Title: "儿童关爱保护示范点（按层级）", Description: "儿童关爱保护示范点以乡村基础示范点为主，辅以区级特色示范点和市级样板示范点。", Data: []Datum{
			{Label: "市级样板示范点", Value: 1, Text: "1个"},
			{Label: "区级特色示范点", Value: 5, Text: "5个"},
			{Label: "乡村基础示范点", Value: 24, Text: "24个"},
		}},
		{ID: "chart-community-matters", Kind: "bar", Lang: "zh", Title: "社区减负前后社区总事项", Description: "通过社区减负，社区承担的总事项减少。", Data: []Datum{
			{Label: "减负前社区总事项", Value: 163, Text: "163项"},
			{Label: "减负后社区总事项", Value: 115, Text: "115项"},
		}},
		{ID: "chart-social-organizations-by-type", Kind: "part-of-whole", Lang: "en", Title: "Social Organizations by Type (as of November 2019)", Description: "Community-based social organizations on record form the largest group, followed by private non-enterprise units and social associations; foundations are the smallest group.", Data: []Datum{
			{Label: "Social associations", Value: 1622, Text: "1,622"},
			{Label: "Private non-enterprise units", Value: 1735, Text: "1,735"},
			{Label: "Foundations", Value: 35, Text: "35"},
			{Label: "Community-based social organizations on record", Value: 2572, Text: "2,572"},
		}, Total: &Datum{Label: "Social organizations in the city", Value: 5964, Text: "5,964"}},
		{ID: "chart-work-subsidies-by-grade", Kind: "bar", Lang: "en", Title: "One-Off Work Subsidies for Newly Hired Social Workers by Professional Grade", Description: "The one-off work subsidy rises with professional grade: a social worker receives twice as much as an assistant social worker, and a senior social worker twice as much as a social worker.", Data: []Datum{
			{Label: "One-off work subsidy: assistant social worker", Value: 5000, Text: "RMB 5,000"},
			{Label: "One-off work subsidy: social worker", Value: 10000, Text: "RMB 10,000"},
			{Label: "One-off work subsidy: senior social worker", Value: 20000, Text: "RMB 20,000"},
		}},
		{ID: "chart-assistance-standards", Kind: "bar", Lang: "en", Title: "Assistance Standards for People in Difficulty", Description: "The basic living standard for persons in extreme poverty receiving state support is higher than the subsistence allowance standard; both are set per person per month.", Data: []Datum{
			{Label: "Subsistence allowance standard", Value: 800, Text: "RMB 800 per person per month"},
			{Label: "Basic living standard for persons in extreme poverty receiving state support", Value: 1200, Text: "RMB 1,200 per person per month"},
		}},
		{ID: "chart-child-protection-sites-by-level", Kind: "bar", Lang: "en", Title: "Child Care and Protection Demonstration Sites by Level", Description: "Most child care and protection demonstration sites are basic sites in villages and townships, complemented by district-level featured sites and a municipal-level model site.", Data: []Datum{
			{Label: "Municipal-level model sites", Value: 1, Text: "1"},
			{Label: "District-level featured sites", Value: 5, Text: "5"},
			{Label: "Basic sites in villages and townships", Value: 24, Text: "24"},
		}},
		{ID: "chart-community-matters", Kind: "bar", Lang: "en", Title: "Community Matters Before and After Burden Reduction", Description: "Reducing the burden on communities cut the total number of matters handled by communities.", Data: []Datum{
			{Label: "Community matters before burden reduction", Value: 163, Text: "163"},
			{Label: "Community matters after burden reduction", Value: 115, Text: "115"},
		}},
	}
	for i := range charts {
		c := &charts[i]
		// As the site sets them: the Markdown id marker and the i18n words.
		c.IDPrefix, c.Strings = "\x00", en
		if c.Lang == "zh" {
			c.Strings = zh
		}
		c.DataURL = "/" + c.Lang + "/2019/figures.csv"
	}
	return charts
}

// corpusRand makes charts from a fixed seed with its own generator
// (splitmix64), whose sequence, unlike math/rand's helpers, cannot change
// with the Go release and reshuffle the corpus.
type corpusRand struct{ state uint64 }

func (r *corpusRand) next() uint64 {
	r.state += 0x9e3779b97f4a7c15
	z := r.state
	z = (z ^ z>>30) * 0xbf58476d1ce4e5b9
	z = (z ^ z>>27) * 0x94d049bb133111eb
	return z ^ z>>31
}

func (r *corpusRand) intn(n int) int { return int(r.next() % uint64(n)) }

func pick[T any](r *corpusRand, from []T) T { return from[r.intn(len(from))] }

// Pieces of text that exercise the width estimates, line breaking, cleaning
// and escaping: wide and narrow characters, break rules, white space,
// control characters, invalid UTF-8 and markup.
var textPieces = []string{
	"社会团体", "基金会", "备案社区社会组织", "（含护理院）", "，", "。", "、", "《", "》", "“", "”",
	"2019年", "1622家", "430万人次", "2.4亿元", "Social", "associations", "private", "non-enterprise",
	"Supercalifragilistic", "RMB", "1,622", "4.3 million", "person-times", "ijl.,:;'|!", "frt()[]-",
	"cksvxyzJ", "mwMW%@", "ABCDEFG", "0123456789", "ｆｕｌｌ", "ﾊﾝｶｸ", "—", "…", "％", "Ω", "é", "😀",
	" ", "  ", "\t", "\n", "\u3000", "\u00a0", "<b>", "&amp;", "&", `"`, "'", ">", "\x00", "\x7f",
	"\xff", "\uFFFE", "\u200b", "x", "100.0%", "<0.1%",
}

var corpusValues = []float64{
	0, 1, 2, 3, 7, 35, 262, 1622, 1735, 2572, 5964, 4300000, 0.1, 0.2, 0.3, 1.5, 12.5, -3.2, -1,
	1e-9, 5e-324, 1e12, 1e100, math.MaxFloat64, -math.MaxFloat64, 0.005, 0.0049, 99.95, 33.333333,
}

func (r *corpusRand) text(maxPieces int) string {
	var b strings.Builder
	for range r.intn(maxPieces + 1) {
		b.WriteString(pick(r, textPieces))
	}
	return b.String()
}

// label is mostly a plausible label, sometimes a long run of pieces; it
// starts with a word so that it is never empty once cleaned.
func (r *corpusRand) label() string {
	word := pick(r, textPieces[:20])
	if r.intn(8) == 0 {
		return word + r.text(40)
	}
	return word + r.text(5)
}

func (r *corpusRand) value() float64 {
	switch r.intn(3) {
	case 0:
		return pick(r, corpusValues)
	case 1:
		return float64(r.intn(100000))
	}
	return float64(r.intn(1000000)) / float64(1+r.intn(1000))
}

func (r *corpusRand) datum() Datum {
	d := Datum{Label: r.label(), Value: r.value()}
	if r.intn(4) > 0 {
		d.Text = r.text(4)
	}
	return d
}

func (r *corpusRand) chart() Chart {
	c := Chart{
		ID:       pick(r, []string{"c", "chart-x", "a_b-9"}),
		IDPrefix: pick(r, []string{"", "\x00", "p-"}),
		Kind:     pick(r, []string{KindBar, KindPartOfWhole}),
		Lang:     pick(r, []string{"zh", "en", "zh-Hant", "fr", ""}),
		Title:    r.label(),
	}
	if r.intn(3) == 0 {
		c.Description = r.text(8)
	}
	n := 1 + r.intn(8)
	if r.intn(10) == 0 {
		n = 20 + r.intn(30)
	}
	for range n {
		c.Data = append(c.Data, r.datum())
	}
	if c.Kind == KindPartOfWhole {
		r.makeParts(&c)
	}
	r.options(&c)
	if r.intn(10) == 0 {
		r.spoil(&c)
	}
	return c
}

// spoil makes one of the mistakes Draw must refuse.
func (r *corpusRand) spoil(c *Chart) {
	switch r.intn(6) {
	case 0:
		c.DataURL = "javascript:x"
	case 1:
		c.ID = pick(r, []string{"", "9bad", "a b", `a"b`})
	case 2:
		c.Kind = "pie"
	case 3:
		c.Title = " \x00 "
	case 4:
		c.Data[r.intn(len(c.Data))].Label = ""
	default:
		c.Data[r.intn(len(c.Data))].Value = math.NaN()
	}
}

// makeParts mostly makes the data a valid whole, as the report's rules
// would, so that most generated part-of-whole charts draw rather than fail.
func (r *corpusRand) makeParts(c *Chart) {
	sum := 0.0
	for i := range c.Data {
		if r.intn(40) > 0 {
			c.Data[i].Value = math.Abs(c.Data[i].Value)
			if c.Data[i].Value > 1e15 {
				c.Data[i].Value = float64(r.intn(5000))
			}
		}
		sum += c.Data[i].Value
	}
	switch r.intn(4) {
	case 0: // no total: the whole is the sum
	case 1:
		c.Total = &Datum{Label: r.label(), Value: sum, Text: r.text(3)}
	case 2:
		c.Total = &Datum{Label: r.label(), Value: sum + float64(1+r.intn(5000))}
	default:
		c.Total = &Datum{Value: r.value()}
	}
}

func (r *corpusRand) options(c *Chart) {
	if r.intn(3) == 0 {
		c.Strings = Strings{
			DataTable: r.text(2), Item: r.text(2), Value: r.text(2), Share: r.text(2),
			Total: r.text(2), Other: r.text(2), DownloadCSV: r.text(2),
		}
	}
	switch r.intn(4) {
	case 0:
		c.Format = func(v float64) string { return plainNumber(v) + "家" }
	case 1:
		c.Format = func(float64) string { return " \x00 " } // cleans to nothing
	}
	c.DataURL = pick(r, []string{"", "", "/zh/2019/figures.csv", `figures.csv?a=1&b="2"`})
	c.OpenTable = r.intn(2) == 0
}
