package site

import (
	"fmt"
	"slices"
	"strings"

	"github.com/xmca/almanac/internal/diag"
	"github.com/xmca/almanac/internal/figures"
)

// archive is every report year of the site with its figures, newest first:
// what {{previous}}, {{change}} and series charts read across the years.
// It never changes once made; a Cache hands the same archive to the next
// Build when every year's figures are the same sets, so that pages whose
// comparisons cannot have changed need no replay (see resolverEnv).
type archive struct {
	years []string
	sets  []*figures.Set // nil where a year's figures.toml did not load
}

func (a *archive) same(years []string, sets []*figures.Set) bool {
	return a != nil && slices.Equal(a.years, years) && slices.Equal(a.sets, sets)
}

// before lists the years before year that have key, newest first, with
// their figure.
func (a *archive) before(year, key string) (years []string, figs []*figures.Figure) {
	for i, y := range a.years {
		if y >= year || a.sets[i] == nil {
			continue
		}
		if f, ok := a.sets[i].Figure(key); ok {
			years, figs = append(years, y), append(figs, f)
		}
	}
	return years, figs
}

// set is year's figures; ok is false when the site has no such year.
func (a *archive) set(year string) (*figures.Set, bool) {
	i := slices.Index(a.years, year)
	if i < 0 {
		return nil, false
	}
	return a.sets[i], true
}

// upTo lists every figure key has in year and the years before, oldest
// first: the points of a series chart.
func (a *archive) upTo(year, key string) []figures.Dated {
	var out []figures.Dated
	for i := len(a.years) - 1; i >= 0; i-- {
		y := a.years[i]
		if y > year || a.sets[i] == nil {
			continue
		}
		if f, ok := a.sets[i].Figure(key); ok {
			out = append(out, figures.Dated{Year: y, Figure: f})
		}
	}
	return out
}

// archiveFor returns the previous Build's archive when years and sets are
// the same, or a new one.
func (c *Cache) archiveFor(years []string, sets []*figures.Set) *archive {
	if c == nil {
		return &archive{years: years, sets: sets}
	}
	c.mu.Lock()
	defer c.mu.Unlock()
	if !c.archive.same(years, sets) {
		c.archive = &archive{years: slices.Clone(years), sets: slices.Clone(sets)}
	}
	return c.archive
}

// Compare answers {{previous key}} and {{change key}} (markdown.Comparer),
// against year, or the latest earlier year with the figure when year is "".
func (r *resolver) Compare(verb, key, year string) (text, from string, err error) {
	if r.report == nil {
		return "", "", diag.Errorf("", 0, 0, "use comparisons in a report's cover or sections (content/<year>/…)",
			"there is nothing to compare with outside a report year")
	}
	this := r.report.Year
	earlier, from, err := r.earlier(verb, key, year)
	if err != nil {
		return "", "", err
	}
	lang := r.lang.Key
	if verb == "previous" {
		return earlier.Format(lang), from, nil
	}
	now, _ := r.set().Figure(key) // the Markdown layer checked it exists
	written := fmt.Sprintf("{{change %s}}", strings.TrimSpace(key+" "+year))
	switch {
	case now.Unit != earlier.Unit:
		return "", "", diag.Errorf("", 0, 0,
			"a change compares like with like: correct the unit in one of the two figures.toml files, or write the comparison in words",
			"%s: %s counts %s in %s but %s in %s", written, key, earlier.Unit, from, now.Unit, this)
	case now.Qualifier != figures.Exact || earlier.Qualifier != figures.Exact:
		return "", "", diag.Errorf("", 0, 0,
			fmt.Sprintf("a rounded value (%s) gives no exact change, so none can be computed; write the comparison in words, and show last year's value with {{previous %s}}", qualified(now, earlier, lang), key),
			"%s: %s", written, qualifierProblem(key, now, earlier, this, from))
	case now.Pending || earlier.Pending:
		return now.Format(lang), from, nil // a draft preview; publishing refuses it
	}
	c, err := figures.CompareValues(earlier.Value, now.Value, now.Percent())
	if err != nil {
		return "", "", diag.Errorf("", 0, 0, "write the comparison in words", "%s: %v", written, err)
	}
	return c.Format(r.site.Writing, lang, r.changeWords()), from, nil
}

// earlier finds the figure a comparison is made with.
func (r *resolver) earlier(verb, key, year string) (*figures.Figure, string, error) {
	this, arch := r.report.Year, r.site.archive
	written := fmt.Sprintf("{{%s %s}}", verb, strings.TrimSpace(key+" "+year))
	if year == "" {
		years, figs := arch.before(this, key)
		if len(figs) == 0 {
			return nil, "", diag.Errorf("", 0, 0,
				fmt.Sprintf("%s compares with the latest earlier report that has [figure.%s] in its figures.toml; check the spelling of the key, or define the figure in an earlier year", verb, key),
				"%s: no report before %s has the figure %q", written, this, key)
		}
		return figs[0], years[0], nil
	}
	if year >= this {
		return nil, "", diag.Errorf("", 0, 0, "name a year before this report's, or leave the year out to compare with the latest earlier report",
			"%s: %s is not before this %s report", written, year, this)
	}
	set, ok := arch.set(year)
	if !ok {
		return nil, "", diag.Errorf("", 0, 0, "the site has reports for "+strings.Join(arch.years, ", ")+"; name one of those years",
			"%s: there is no %s report in this site", written, year)
	}
	f, ok := figureIn(set, key)
	if !ok {
		return nil, "", diag.Errorf("", 0, 0,
			fmt.Sprintf("check the key against content/%s/figures.toml, or compare with another year", year),
			"%s: the %s report has no figure %q", written, year, key)
	}
	return f, year, nil
}

func figureIn(set *figures.Set, key string) (*figures.Figure, bool) {
	if set == nil {
		return nil, false
	}
	return set.Figure(key)
}

func qualified(now, earlier *figures.Figure, lang string) string {
	if now.Qualifier != figures.Exact {
		return now.Format(lang)
	}
	return earlier.Format(lang)
}

func qualifierProblem(key string, now, earlier *figures.Figure, this, from string) string {
	switch {
	case now.Qualifier != figures.Exact && earlier.Qualifier != figures.Exact:
		return fmt.Sprintf("%s is %s in %s and %s in %s, not exact numbers", key, now.Qualifier, this, earlier.Qualifier, from)
	case now.Qualifier != figures.Exact:
		return fmt.Sprintf("%s is %s in %s (qualifier = %q), not an exact number", key, now.Format("en"), this, now.Qualifier)
	}
	return fmt.Sprintf("%s is %s in %s (qualifier = %q), not an exact number", key, earlier.Format("en"), from, earlier.Qualifier)
}

// changeWords are the page language's words for a change, from
// layouts/i18n.
func (r *resolver) changeWords() figures.ChangeWords {
	t := func(key string) string {
		s, _ := r.site.Strings.Get(r.lang.Key, key)
		return s
	}
	return figures.ChangeWords{
		Up: t("change_up"), Down: t("change_down"), Unchanged: t("change_unchanged"),
		PointsUp: t("change_points_up"), PointsDown: t("change_points_down"),
		PointUp: t("change_point_up"), PointDown: t("change_point_down"),
	}
}
