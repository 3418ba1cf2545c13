package markdown

import (
	"reflect"
	"strings"
	"testing"

	"github.com/xmca/almanac/internal/diag"
)

// comparingResolver is fakeResolver with last year's figures: 2763家 for
// social organizations in 2018, and an error for any other key or year.
type comparingResolver struct {
	*fakeResolver
	asked []string
}

func (r *comparingResolver) Compare(verb, key, year string) (string, string, error) {
	r.asked = append(r.asked, verb+" "+key+" "+year)
	if key != "social-organizations" || (year != "" && year != "2015") {
		return "", "", diag.Errorf("", 0, 0, "the hint", "no earlier %s", key)
	}
	from := year
	if from == "" {
		from = "2018"
	}
	if verb == "previous" {
		return "2763家", from, nil
	}
	return "增长115.9%", from, nil
}

func convertComparing(t *testing.T, src string) (*Document, *comparingResolver, error) {
	t.Helper()
	r := &comparingResolver{fakeResolver: newFakeResolver()}
	doc, err := New(Options{}).Convert([]byte(src), "content/2019/01-a.zh.md", 3, r)
	return doc, r, err
}

func TestComparisons(t *testing.T) {
	src := "比上年的{{previous social-organizations}}{{ change  social-organizations }}，\n比2015年{{change social-organizations 2015}}。写作 `{{change x}}`。\n"
	doc, r, err := convertComparing(t, src)
	if err != nil {
		t.Fatal(err)
	}
	want := `<p>比上年的<span class="fig" data-fig="social-organizations">2763家</span><span class="fig" data-fig="social-organizations">增长115.9%</span>，` +
		`比2015年<span class="fig" data-fig="social-organizations">增长115.9%</span>。写作 <code>{{change x}}</code>。</p>` + "\n"
	if got := string(doc.HTML("")); got != want {
		t.Errorf("HTML\n%s\nwant\n%s", got, want)
	}
	wantCmp := []Comparison{
		{Ref{"social-organizations", 3, 5}, "previous", "", "2018"},
		{Ref{"social-organizations", 3, 38}, "change", "", "2018"},
		{Ref{"social-organizations", 4, 7}, "change", "2015", "2015"},
	}
	if !reflect.DeepEqual(doc.Comparisons, wantCmp) {
		t.Errorf("Comparisons %+v\nwant %+v", doc.Comparisons, wantCmp)
	}
	// {{change key}} shows this year's figure too; {{previous key}} does not.
	if len(doc.Figures) != 2 || doc.Figures[0].Line != 3 || doc.Figures[1].Line != 4 {
		t.Errorf("Figures %+v; want the two changes", doc.Figures)
	}
	if len(r.asked) != 3 {
		t.Errorf("asked %v", r.asked)
	}
}

func TestComparisonMistakes(t *testing.T) {
	for _, tt := range []struct {
		src, msg, hint string
		col            int
	}{
		{"增长{{change grid-count}}。\n", "no earlier grid-count", "the hint", 3},
		{"增长{{change no-such-figure}}。\n", `unknown figure "no-such-figure"`, "figures.toml", 3},
		{"增长{{change social-organizations last-year}}。\n", "malformed figure reference", "{{change key 2015}}", 3},
		{"增长{{previous}}。\n", "{{previous}} names no figure", "like {{previous key}}", 3}, // unless a figure is called "previous"
		{"增长{{previous social-organizations 15}}。\n", "malformed figure reference", "write {{previous key}}", 3},
		{"增长{{change Social-Organizations}}。\n", "malformed figure reference", "did you mean {{change social-organizations}}?", 3},
		{"增长{{Change social organizations 2015}}。\n", "malformed figure reference", "did you mean {{change social-organizations 2015}}?", 3},
	} {
		_, _, err := convertComparing(t, tt.src)
		list, ok := err.(diag.List)
		if !ok || len(list) != 1 {
			t.Errorf("%q: got %v, want one diagnostic", tt.src, err)
			continue
		}
		d := list[0]
		if d.Line != 3 || d.Col != tt.col || !strings.Contains(d.Msg, tt.msg) || !strings.Contains(d.Hint, tt.hint) {
			t.Errorf("%q: got %d:%d %s (hint %q), want 3:%d %q with hint %q", tt.src, d.Line, d.Col, d.Msg, d.Hint, tt.col, tt.msg, tt.hint)
		}
	}
	// A resolver that cannot compare (a page outside any report) says so.
	_, err := New(Options{}).Convert([]byte("{{previous social-organizations}}\n"), "content/_index.zh.md", 1, newFakeResolver())
	if err == nil || !strings.Contains(err.Error(), "outside a report year") {
		t.Errorf("got %v", err)
	}
}
