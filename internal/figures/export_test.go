package figures

import (
	"bytes"
	"encoding/csv"
	"encoding/json"
	"slices"
	"strings"
	"testing"
)

func TestCSV(t *testing.T) {
	set := parseReport(t)
	data := set.CSV()
	if !bytes.HasPrefix(data, []byte("\xEF\xBB\xBF")) {
		t.Error("CSV does not start with a UTF-8 byte order mark; Excel would garble the Chinese")
	}
	if n, crlf := bytes.Count(data, []byte("\n")), bytes.Count(data, []byte("\r\n")); n != crlf || n != 17 {
		t.Errorf("%d lines, %d ending in CRLF; want 17, all CRLF", n, crlf)
	}
	records, err := csv.NewReader(bytes.NewReader(data[3:])).ReadAll()
	if err != nil {
		t.Fatal(err)
	}
	wantHeader := []string{"key", "label_zh", "label_en", "value", "unit", "qualifier", "as_of", "source_zh", "source_en", "text_zh", "text_en"}
	if !slices.Equal(records[0], wantHeader) {
		t.Errorf("header = %v", records[0])
	}
	wantRows := map[int][]string{
		1:  {"social-organizations", "全市社会组织", "Social organizations in the city", "5964", "organizations", "", "2019-11", "厦门市民政局", "Xiamen Civil Affairs Bureau", "5964家", "5,964"},
		8:  {"service-recipients", "购买服务惠及人次", "Beneficiaries of purchased services", "4300000", "person-times", "nearly", "2019-12-31", "厦门市民政局", "Xiamen Civil Affairs Bureau", "近430万人次", "nearly 4.3 million person-times"},
		11: {"holiday-payments", "节日慰问金", "Holiday condolence payments", "7647100", "yuan", "", "2019-12-31", "厦门市民政局", "Xiamen Civil Affairs Bureau", "764.71万元", "RMB 7,647,100"},
	}
	for i, want := range wantRows {
		if !slices.Equal(records[i], want) {
			t.Errorf("row %d = %q\nwant %q", i, records[i], want)
		}
	}
	if !bytes.Equal(data, set.CSV()) {
		t.Error("CSV is not the same bytes twice")
	}
}

// TestCSVCellsAreNotFormulas: a label or source an editor starts with
// = + - or @ must not run as a formula when the CSV is opened in a
// spreadsheet; the numbers stay numbers.
func TestCSVCellsAreNotFormulas(t *testing.T) {
	src := lines("[figure.a]", "value = -5", `unit = "percent"`, `as_of = "2019"`,
		`label = { zh = "=HYPERLINK(\"http://x\")", en = "+1 more" }`,
		`source = { zh = "@来源", en = "-dash" }`)
	set, err := Parse(testFile, []byte(src), siteLangs)
	if err != nil {
		t.Fatal(err)
	}
	records, err := csv.NewReader(bytes.NewReader(set.CSV()[3:])).ReadAll()
	if err != nil {
		t.Fatal(err)
	}
	want := []string{"a", `'=HYPERLINK("http://x")`, "'+1 more", "-5", "percent", "", "2019", "'@来源", "'-dash"}
	if got := records[1][:len(want)]; !slices.Equal(got, want) {
		t.Errorf("row = %q\nwant %q", got, want)
	}
}

func TestJSON(t *testing.T) {
	set := parseReport(t)
	data := set.JSON()
	dec := json.NewDecoder(bytes.NewReader(data))
	dec.UseNumber()
	var rows []map[string]any
	if err := dec.Decode(&rows); err != nil {
		t.Fatalf("%v\n%s", err, data)
	}
	if len(rows) != 16 {
		t.Fatalf("%d objects, want 16", len(rows))
	}
	want := map[string]any{
		"key": "holiday-payments", "label_zh": "节日慰问金", "label_en": "Holiday condolence payments",
		"value": json.Number("7647100"), "unit": "yuan", "qualifier": "", "as_of": "2019-12-31",
		"source_zh": "厦门市民政局", "source_en": "Xiamen Civil Affairs Bureau",
		"text_zh": "764.71万元", "text_en": "RMB 7,647,100",
	}
	got := rows[10]
	if len(got) != len(want) {
		t.Errorf("fields = %v", got)
	}
	for k, v := range want {
		if got[k] != v {
			t.Errorf("%s = %#v, want %#v", k, got[k], v)
		}
	}
	// Fields keep the CSV's column order, so the file reads like the table.
	if i, j := bytes.Index(data, []byte(`"key"`)), bytes.Index(data, []byte(`"label_zh"`)); i < 0 || j < i {
		t.Error("key does not come first")
	}
	if !bytes.Equal(data, set.JSON()) {
		t.Error("JSON is not the same bytes twice")
	}
}

func TestExportEscapesAndDecimals(t *testing.T) {
	src := lines("[figure.rate]", "value = 12.5", `unit = "percent"`, `label = { zh = "比例 \"A\",<b>", en = "Rate, \"A\"\nnew line" }`)
	set, err := Parse(testFile, []byte(src), siteLangs)
	if err != nil {
		t.Fatal(err)
	}
	records, err := csv.NewReader(bytes.NewReader(bytes.TrimPrefix(set.CSV(), []byte("\uFEFF")))).ReadAll()
	if err != nil {
		t.Fatal(err)
	}
	if records[1][1] != `比例 "A",<b>` || records[1][2] != "Rate, \"A\"\r\nnew line" && records[1][2] != "Rate, \"A\"\nnew line" || records[1][3] != "12.5" {
		t.Errorf("row = %q", records[1])
	}
	var rows []map[string]any
	if err := json.Unmarshal(set.JSON(), &rows); err != nil {
		t.Fatal(err)
	}
	if rows[0]["label_zh"] != `比例 "A",<b>` || rows[0]["value"] != 12.5 {
		t.Errorf("object = %v", rows[0])
	}
	if !strings.Contains(string(set.JSON()), "<b>") {
		t.Error("JSON escapes HTML characters it has no need to")
	}
}

func TestExportEmptySet(t *testing.T) {
	set, err := Parse(testFile, nil, siteLangs)
	if err != nil {
		t.Fatal(err)
	}
	if got := string(set.JSON()); got != "[]\n" {
		t.Errorf("JSON() = %q", got)
	}
	if got := string(set.CSV()); got != "\uFEFFkey,label_zh,label_en,value,unit,qualifier,as_of,source_zh,source_en,text_zh,text_en\r\n" {
		t.Errorf("CSV() = %q", got)
	}
}

// TestChartCSVs: a chart's data is its figures in its order, then its
// total; a bar chart has no total.
func TestChartCSVs(t *testing.T) {
	figure := func(key, value string) string {
		return lines("[figure."+key+"]", "value = "+value, `unit = "people"`, `label = { zh = "`+key+`", en = "`+key+`" }`)
	}
	src := figure("a", "1") + figure("b", "2") + figure("c", "3") + figure("other", "9") + lines(
		"[chart.parts]", `type = "part-of-whole"`, `total = "c"`, `figures = ["b", "a"]`, `title = { zh = "构成", en = "Parts" }`,
		"[chart.bars]", `type = "bar"`, `figures = ["c", "a"]`, `title = { zh = "比较", en = "Bars" }`)
	set, err := Parse(testFile, []byte(src), siteLangs)
	if err != nil {
		t.Fatal(err)
	}
	all, charts := set.CSVFiles()
	if !bytes.Equal(all, set.CSV()) {
		t.Error("CSVFiles' file of all figures is not CSV()")
	}
	for chart, want := range map[string]string{"parts": "b a c", "bars": "c a"} {
		records, err := csv.NewReader(bytes.NewReader(bytes.TrimPrefix(charts[chart], []byte("\uFEFF")))).ReadAll()
		if err != nil {
			t.Fatal(err)
		}
		var keys []string
		for _, r := range records[1:] {
			keys = append(keys, r[0])
		}
		if got := strings.Join(keys, " "); got != want || records[0][0] != "key" {
			t.Errorf("chart %s: rows %q under %q, want %q", chart, got, records[0], want)
		}
	}
}
