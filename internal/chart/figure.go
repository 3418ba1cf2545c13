package chart

import "html/template"

// Figure is a drawn chart with the data around it: what the site's chart
// partial (layouts/partials/chart.html) marks up as a <figure> with a
// caption, the drawing, the data table and the data link. The drawing is
// the package's; everything around it is the partial's, so a designer can
// restyle it without Go.
type Figure struct {
	// ID is the figure's id, Chart.IDPrefix and Chart.ID; every id inside
	// the SVG starts with it.
	ID    string
	Kind  string // KindBar or KindPartOfWhole
	Title string
	// SVG is the drawing, which screen readers announce by its <title> and
	// <desc>.
	SVG template.HTML
	// Rows are the table's rows, one per bar or part (the rest of a total
	// included); Total is the whole, when the Chart gave one.
	Rows  []Row
	Total *Row
	// Shares says the rows have a share of the whole (part-of-whole
	// charts), which the table gives a column.
	Shares bool
	Words  Strings // the chart's words, cleaned like its other texts
	// Colon is the page's locale's colon, which joins the table's caption
	// to the chart's title ("Data table: …", "数据表：…").
	Colon   string
	DataURL string // the figures' CSV file; empty: no link
	// OpenTable shows the data table expanded: a closed <details> does not
	// print.
	OpenTable bool
}

// Row is a row of the data table.
type Row struct {
	Label string
	Text  string // the value as the page's text writes it
	Share string // of the whole, part-of-whole charts only
	// Missing says the row has no value: Text is the words that say so
	// (Strings.NoData, or the Datum's own), which the partial may set
	// apart from the numbers.
	Missing bool
}

// newFigure gathers what the partial shows around svg from the plan.
func newFigure(p *plan, svg string) Figure {
	f := Figure{
		ID: p.id, Kind: p.kind, Title: p.title, SVG: template.HTML(svg),
		Rows:   make([]Row, len(p.rows)),
		Shares: p.kind == KindPartOfWhole, Words: p.words, Colon: p.typo.Colon,
		DataURL: p.dataURL, OpenTable: p.openTable,
	}
	for i, r := range p.rows {
		f.Rows[i] = tableRow(r)
	}
	if p.total != nil {
		total := tableRow(*p.total)
		f.Total = &total
	}
	return f
}

func tableRow(r row) Row {
	return Row{Label: r.label, Text: r.text, Share: r.share, Missing: r.missing}
}

// drawSVG draws the chart's <svg>.
func drawSVG(p *plan) string {
	m := newMarkup(sizeHint(p))
	switch p.kind {
	case KindBar:
		barSVG(m, p)
	case KindPartOfWhole:
		partOfWholeSVG(m, p)
	}
	return m.String()
}

// sizeHint guesses the SVG's length a little high (5% or more for every
// chart of TestGolden's corpus), so that its buffer is allocated once: growing it
// would copy all written so far, and clearing one far too large costs too.
func sizeHint(p *plan) int {
	n, perRow := 500+3*len(p.title)+len(p.desc), 400
	if p.kind == KindPartOfWhole { // a legend row, a numbered part and a pattern each
		n, perRow = 900+3*len(p.title)+len(p.desc), 1000
	}
	for _, r := range p.rows {
		n += perRow + 3*(len(r.label)+len(r.text))
	}
	return n
}
