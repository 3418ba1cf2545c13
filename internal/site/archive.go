package site

import (
	"fmt"
	"slices"
	"strings"

	"github.com/xmca/almanac/internal/diag"
	"github.com/xmca/almanac/internal/figures"
	"github.com/xmca/almanac/internal/markdown"
)

// archive is every report year of the site with its figures, newest first:
// what {{previous}}, {{change}} and series charts read across the years.
// It never changes once made; a Cache hands the same archive to the next
// Build when every year's figures are the same sets, so that pages whose
// comparisons cannot have changed need no replay (see resolverEnv).
type archive struct {
	years []string
	sets  []*figures.Set // nil where a year's figures.toml did not load
	// drafts are the years left unpublished (content.DraftYears), which
	// nothing compares with; messages name them.
	drafts []string
}

func (a *archive) same(years []string, sets []*figures.Set, drafts []string) bool {
	return a != nil && slices.Equal(a.years, years) && slices.Equal(a.sets, sets) && slices.Equal(a.drafts, drafts)
}

// draftsBefore lists the unpublished years before year, newest first.
func (a *archive) draftsBefore(year string) []string {
	var out []string
	for _, y := range a.drafts {
		if y < year {
			out = append(out, y)
		}
	}
	return out
}

// DraftsBetween says which reports between the years from and year are
// drafts, left out of this build ("the 2020 report is a draft"), or ""
// when none is.
func (s *Site) DraftsBetween(from, year string) string {
	var between []string
	for _, y := range s.archive.draftsBefore(year) {
		if y > from {
			between = append(between, y)
		}
	}
	if len(between) == 0 {
		return ""
	}
	return unpublished(between)
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

// FigureBefore is what {{previous key}} and {{change key}} in a report of
// year compare with: key's figure in the latest earlier report year that
// has it, and that year. ok is false when no earlier year has key.
func (s *Site) FigureBefore(year, key string) (from string, f *figures.Figure, ok bool) {
	years, figs := s.archive.before(year, key)
	if len(figs) == 0 {
		return "", nil, false
	}
	return years[0], figs[0], true
}

// keysBefore lists every figure key of the years before year, for a
// did-you-mean hint.
func (a *archive) keysBefore(year string) []string {
	var keys []string
	for i, y := range a.years {
		if y < year && a.sets[i] != nil {
			keys = append(keys, figureKeys(a.sets[i])...)
		}
	}
	slices.Sort(keys)
	return slices.Compact(keys)
}

func figureKeys(set *figures.Set) []string {
	var keys []string
	for _, f := range set.Figures() {
		keys = append(keys, f.Key)
	}
	return keys
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
func (c *Cache) archiveFor(years []string, sets []*figures.Set, drafts []string) *archive {
	if c == nil {
		return &archive{years: years, sets: sets, drafts: drafts}
	}
	c.mu.Lock()
	defer c.mu.Unlock()
	if !c.archive.same(years, sets, drafts) {
		c.archive = &archive{years: slices.Clone(years), sets: slices.Clone(sets), drafts: slices.Clone(drafts)}
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
		return r.site.FigureText(earlier, lang), from, nil
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
	case now.Pending:
		return r.site.FigureText(now, lang), from, nil // a draft preview; publishing refuses it
	case earlier.Pending:
		return r.site.FigureText(earlier, lang), from, nil
	}
	c, err := figures.CompareValues(earlier.Value, now.Value, now.ComparesInPoints())
	if err != nil {
		return "", "", diag.Errorf("", 0, 0, "write the comparison in words", "%s: %v", written, err)
	}
	words, err := r.changeWords()
	if err != nil {
		return "", "", err
	}
	text, err = c.Format(r.site.Writing, now.Unit, lang, words)
	if err != nil {
		return "", "", diag.Errorf("", 0, 0, fmt.Sprintf(`add %s = "{0} …" to points under [units.%s] in site.toml`, lang, now.Unit), "%s: %v", written, err)
	}
	return text, from, nil
}

// earlier finds the figure a comparison is made with.
func (r *resolver) earlier(verb, key, year string) (*figures.Figure, string, error) {
	this, arch := r.report.Year, r.site.archive
	written := fmt.Sprintf("{{%s %s}}", verb, strings.TrimSpace(key+" "+year))
	if year == "" {
		from, f, ok := r.site.FigureBefore(this, key)
		if !ok {
			hint := fmt.Sprintf("%s compares with the latest earlier report that has [figure.%s] in its figures.toml; check the spelling of the key, or define the figure in an earlier year", verb, key)
			if near, ok := markdown.ClosestKey(key, arch.keysBefore(this)); ok {
				hint = fmt.Sprintf("did you mean {{%s %s}}? ", verb, near) + hint
			}
			if drafts := arch.draftsBefore(this); len(drafts) > 0 {
				hint = fmt.Sprintf("%s (%s, left out of this build: %s)", hint, unpublished(drafts), draftHint)
			}
			return nil, "", diag.Errorf("", 0, 0, hint, "%s: no report before %s has the figure %q", written, this, key)
		}
		return f, from, nil
	}
	if year >= this {
		return nil, "", diag.Errorf("", 0, 0, "name a year before this report's, or leave the year out to compare with the latest earlier report",
			"%s: %s is not before this %s report", written, year, this)
	}
	set, ok := arch.set(year)
	if !ok && slices.Contains(arch.drafts, year) {
		return nil, "", diag.Errorf("", 0, 0, draftHint,
			"%s: the %s report is a draft, and a published report cannot compare with one that is not", written, year)
	}
	if !ok {
		return nil, "", diag.Errorf("", 0, 0, arch.earlierYearsHint(this),
			"%s: there is no %s report in this site", written, year)
	}
	f, ok := figureIn(set, key)
	if !ok {
		hint := fmt.Sprintf("check the key against content/%s/figures.toml, or compare with another year", year)
		if set != nil {
			if near, ok := markdown.ClosestKey(key, figureKeys(set)); ok {
				hint = fmt.Sprintf("did you mean {{%s %s %s}}? ", verb, near, year) + hint
			}
		}
		return nil, "", diag.Errorf("", 0, 0, hint, "%s: the %s report has no figure %q", written, year, key)
	}
	return f, year, nil
}

// earlierYearsHint names the years a report of year can compare with.
func (a *archive) earlierYearsHint(year string) string {
	var earlier []string
	for _, y := range a.years {
		if y < year {
			earlier = append(earlier, y)
		}
	}
	if len(earlier) == 0 {
		return fmt.Sprintf("the site has no report before %s, so there is nothing to compare with yet", year)
	}
	return fmt.Sprintf("the site's reports before %s are those of %s; name one of those years", year, strings.Join(earlier, ", "))
}

// draftHint says how to compare with a year that is still a draft.
const draftHint = "publish that year by deleting draft = true in its covers (_index.*.md), or preview with drafts (almanac serve, almanac build --drafts)"

// unpublished names the draft years in a hint: "the 2015 report is a
// draft" or "the 2017, 2015 reports are drafts".
func unpublished(years []string) string {
	if len(years) == 1 {
		return fmt.Sprintf("the %s report is a draft", years[0])
	}
	return fmt.Sprintf("the %s reports are drafts", strings.Join(years, ", "))
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
func (r *resolver) changeWords() (figures.ChangeWords, error) {
	var missing error
	t := func(key string) string {
		s, err := r.word(key)
		if missing == nil {
			missing = err
		}
		return s
	}
	w := figures.ChangeWords{
		Up: t("change_up"), Down: t("change_down"), Unchanged: t("change_unchanged"),
		RateUp: t("change_rate_up"), RateDown: t("change_rate_down"),
	}
	return w, missing
}
