package markdown

import (
	"fmt"
	"html/template"
	"strings"
	"testing"

	"github.com/xmca/almanac/internal/diag"
)

// fakeResolver knows the figures and charts of a small Chinese report.
type fakeResolver struct {
	figures map[string]string
	charts  map[string]bool
	err     error // returned by Chart and KeyFigures when set
}

func newFakeResolver() *fakeResolver {
	return &fakeResolver{
		figures: map[string]string{
			"social-organizations":         "5964家",
			"social-associations":          "1622家",
			"service-recipients":           "近430万人次",
			"grid-count":                   "3000多个",
			"price-subsidy":                "<R&D> 2.4亿元",
			"private-non-enterprise-units": "1735家",
		},
		charts: map[string]bool{"social-organizations-by-type": true},
	}
}

func (r *fakeResolver) Inline(key string) (string, bool) {
	v, ok := r.figures[key]
	return v, ok
}

func (r *fakeResolver) Chart(key string) (template.HTML, error) {
	if r.err != nil {
		return "", r.err
	}
	if !r.charts[key] {
		return "", fmt.Errorf("chart %q: %w", key, ErrUnknownKey)
	}
	return template.HTML(`<figure class="chart" data-chart="` + key + `"><svg></svg></figure>`), nil
}

func (r *fakeResolver) KeyFigures(keys []string) (template.HTML, error) {
	if r.err != nil {
		return "", r.err
	}
	return template.HTML(`<div class="key-figures">` + strings.Join(keys, ",") + `</div>`), nil
}

func (r *fakeResolver) Keys() []string {
	keys := make([]string, 0, len(r.figures))
	for k := range r.figures {
		keys = append(keys, k)
	}
	return keys
}

func (r *fakeResolver) ChartKeys() []string {
	keys := make([]string, 0, len(r.charts))
	for k := range r.charts {
		keys = append(keys, k)
	}
	return keys
}

// render converts src with default options and fails the test on any error.
func render(t *testing.T, src string) string {
	t.Helper()
	doc := convert(t, New(Options{}), src)
	return string(doc.HTML(""))
}

func convert(t *testing.T, c *Converter, src string) *Document {
	t.Helper()
	doc, err := c.Convert([]byte(src), "content/2019/01-three-social-linkage.zh.md", 1, newFakeResolver())
	if err != nil {
		t.Fatalf("Convert(%q): %v", src, err)
	}
	return doc
}

// diagnostics converts src expecting errors and returns them.
func diagnostics(t *testing.T, src string, firstLine int) diag.List {
	t.Helper()
	_, err := New(Options{}).Convert([]byte(src), "content/2019/01-three-social-linkage.zh.md", firstLine, newFakeResolver())
	list, ok := err.(diag.List)
	if !ok {
		t.Fatalf("Convert(%q) error = %v (%T), want a diag.List", src, err, err)
	}
	return list
}
