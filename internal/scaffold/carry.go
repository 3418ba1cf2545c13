package scaffold

import (
	"fmt"
	"maps"
	"strings"

	"github.com/xmca/almanac/internal/config"
	"github.com/xmca/almanac/internal/figures"
)

// carriedFiguresText is a new year's figures.toml that starts from the
// year before: the same keys, labels, units and rules, so that
// {{change key}} lines up, with every value still to be filled in
// (figures.PendingValue) and last year's beside it as a comment. A build
// that publishes the year refuses a value left so; a draft preview marks it.
func carriedFiguresText(cfg *config.Config, year, prev string, last *figures.Set, source map[string]string) string {
	var b strings.Builder
	fmt.Fprintf(&b, `# Figures of the %s report, started from the %s report's: the same keys,
# labels and units, so that {{change key}} and {{previous key}} compare like
# with like. Replace each value = %q with this year's number; the comment
# after it is last year's. Delete a figure the report no longer states, and
# add new ones. The site cannot be published while a value is %q.
#
# %s年报告的数字，沿用%s年的键、名称和单位。请把每个 value = %q 改为今年的数字
# （行尾注释是上年的数值）；不再统计的数字可以删除，也可以增加新的数字。
# 仍有 %q 时，报告不能发布。
# The format (units, qualifiers, rules, charts) is described in docs/design.md.

[defaults]
as_of = %q
`, year, prev, figures.PendingValue, figures.PendingValue, year, prev, figures.PendingValue, figures.PendingValue, year)
	if len(source) > 0 {
		fmt.Fprintf(&b, "source = %s\n", langTable(cfg, source))
	}
	for _, f := range last.Figures() {
		fmt.Fprintf(&b, "\n[figure.%s]\nvalue = %s # %s: %s\nunit = %s\n", f.Key, quote(figures.PendingValue), prev, lastValue(f), quote(string(f.Unit)))
		if f.Qualifier != figures.Exact {
			fmt.Fprintf(&b, "# qualifier = %s # %s; keep it only if this year's number is rounded too\n", quote(string(f.Qualifier)), prev)
		}
		if len(f.Sources) > 0 && !maps.Equal(f.Sources, source) {
			fmt.Fprintf(&b, "source = %s\n", langTable(cfg, f.Sources))
		}
		fmt.Fprintf(&b, "label = %s\n", langTable(cfg, f.Labels))
	}
	for _, r := range last.Rules() {
		b.WriteString("\n[[rule]]\n")
		if r.Name != "" {
			fmt.Fprintf(&b, "name = %s\n", quote(r.Name))
		}
		parts := make([]string, len(r.Parts))
		for i, p := range r.Parts {
			parts[i] = quote(p)
		}
		fmt.Fprintf(&b, "total = %s\nparts = [%s]\n", quote(r.Total), strings.Join(parts, ", "))
	}
	return b.String()
}

func lastValue(f *figures.Figure) string {
	if f.Pending {
		return figures.PendingValue
	}
	return f.Value.String()
}

// langTable writes texts by language as a TOML inline table, in the site's
// language order.
func langTable(cfg *config.Config, texts map[string]string) string {
	var parts []string
	for _, l := range cfg.Langs {
		if s, ok := texts[l.Key]; ok {
			parts = append(parts, l.Key+" = "+quote(s))
		}
	}
	return "{ " + strings.Join(parts, ", ") + " }"
}
