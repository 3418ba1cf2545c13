package scaffold

import (
	"maps"
	"strings"

	"github.com/xmca/almanac/internal/config"
	"github.com/xmca/almanac/internal/figures"
	"github.com/xmca/almanac/internal/tomlfile"
)

// carriedData is what the figures-carried.toml template is given for a
// new year's figures.toml that starts from the year before: the same
// keys, labels, units and rules, so that {{change key}} lines up, with
// every value still to be filled in (figures.PendingValue) and last year's
// beside it as a comment. A build that publishes the year refuses a value
// left so; a draft preview marks it. Texts come ready to write: TOML
// strings and tables.
func carriedData(cfg *config.Config, year, prev string, last *figures.Set, sourceTable string) map[string]any {
	type figure struct{ Key, Last, Unit, Qualifier, Source, Label string }
	type rule struct{ Name, Total, Parts string }
	var figs []figure
	var source map[string]string
	if len(last.Figures()) > 0 {
		source = last.Figures()[0].Sources
	}
	for _, f := range last.Figures() {
		fig := figure{Key: f.Key, Last: lastValue(f), Unit: tomlfile.Quote(string(f.Unit)), Label: langTable(cfg, f.Labels)}
		if f.Qualifier != figures.Exact {
			fig.Qualifier = tomlfile.Quote(string(f.Qualifier))
		}
		if len(f.Sources) > 0 && !maps.Equal(f.Sources, source) {
			fig.Source = langTable(cfg, f.Sources)
		}
		figs = append(figs, fig)
	}
	var rules []rule
	for _, r := range last.Rules() {
		rl := rule{Total: tomlfile.Quote(r.Total), Parts: tomlList(r.Parts)}
		if r.Name != "" {
			rl.Name = tomlfile.Quote(r.Name)
		}
		rules = append(rules, rl)
	}
	return map[string]any{"Year": year, "Prev": prev, "Pending": figures.PendingValue, "PendingText": tomlfile.Quote(figures.PendingValue),
		"SourceTable": sourceTable, "Figures": figs, "Rules": rules}
}

func lastValue(f *figures.Figure) string {
	if f.Pending {
		return figures.PendingValue
	}
	return f.Value.String()
}

// langTable writes texts by language as a TOML inline table, in the site's
// language order. A converted edition's text is left out where it is the
// conversion of its source language's, so the new year converts it again
// rather than keep last year's conversion as if written by hand.
func langTable(cfg *config.Config, texts map[string]string) string {
	var parts []string
	for _, l := range cfg.Langs {
		s, ok := texts[l.Key]
		if conv := l.Converter(); ok && conv != nil && s == conv.String(texts[l.ConvertFrom]) {
			continue
		}
		if ok {
			parts = append(parts, l.Key+" = "+tomlfile.Quote(s))
		}
	}
	return "{ " + strings.Join(parts, ", ") + " }"
}
