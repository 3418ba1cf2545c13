package chart

// figure writes the chart's <figure>: the caption first (a <figcaption>
// must be the first or last child, and a title reads best above its chart),
// then the SVG, the data table and the data link.
func figure(p *plan) string {
	m := newMarkup(sizeHint(p))
	m.WriteString(`<figure class="chart chart-`)
	m.WriteString(p.kind)
	m.WriteString(`" id="`)
	m.WriteString(p.id)
	m.WriteString(`"><figcaption class="chart-caption">`)
	m.esc(p.title)
	m.WriteString(`</figcaption>`)
	switch p.kind {
	case KindBar:
		barSVG(m, p)
	case KindPartOfWhole:
		partOfWholeSVG(m, p)
	}
	dataTable(m, p)
	if p.dataURL != "" {
		m.WriteString(`<p class="chart-download"><a href="`)
		m.esc(p.dataURL)
		m.WriteString(`">`)
		m.esc(p.words.DownloadCSV)
		m.WriteString(`</a></p>`)
	}
	m.WriteString(`</figure>`)
	return m.String()
}

// sizeHint guesses the figure's length a little high, from the lengths of
// the charts in the tests, so that its buffer is allocated once: growing it
// would copy all written so far, and clearing one far too large costs too.
func sizeHint(p *plan) int {
	n, perRow := 1000+3*len(p.title)+len(p.desc), 400
	if p.kind == KindPartOfWhole { // a legend row, a numbered part and a pattern each
		n, perRow = 1200+3*len(p.title)+len(p.desc), 1100
	}
	for _, r := range p.rows {
		n += perRow + 3*(len(r.label)+len(r.text))
	}
	return n
}

// dataTable writes the chart's numbers as a table inside <details>: closed on
// screen, where the chart says it at a glance, open in the print edition,
// where a closed <details> would print as nothing.
func dataTable(m *markup, p *plan) {
	shares := p.kind == KindPartOfWhole
	m.WriteString(`<details class="chart-data"`)
	if p.openTable {
		m.WriteString(` open`)
	}
	m.WriteString(`><summary>`)
	m.esc(p.words.DataTable)
	m.WriteString(`</summary><table><caption>`)
	m.esc(p.words.DataTable)
	m.esc(p.typo.Colon)
	m.esc(p.title)
	m.WriteString(`</caption><thead><tr><th scope="col">`)
	m.esc(p.words.Item)
	m.WriteString(`</th><th scope="col" class="chart-num">`)
	m.esc(p.words.Value)
	m.WriteString(`</th>`)
	if shares {
		m.WriteString(`<th scope="col" class="chart-num">`)
		m.esc(p.words.Share)
		m.WriteString(`</th>`)
	}
	m.WriteString(`</tr></thead><tbody>`)
	for _, r := range p.rows {
		tableRow(m, r, shares)
	}
	m.WriteString(`</tbody>`)
	if p.total != nil {
		m.WriteString(`<tfoot>`)
		tableRow(m, *p.total, shares)
		m.WriteString(`</tfoot>`)
	}
	m.WriteString(`</table></details>`)
}

func tableRow(m *markup, r row, shares bool) {
	m.WriteString(`<tr><th scope="row">`)
	m.esc(r.label)
	m.WriteString(`</th><td class="chart-num">`)
	m.esc(r.text)
	m.WriteString(`</td>`)
	if shares {
		m.WriteString(`<td class="chart-num">`)
		m.esc(r.share)
		m.WriteString(`</td>`)
	}
	m.WriteString(`</tr>`)
}
