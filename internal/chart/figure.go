package chart

import "strings"

// figure wraps the SVG in its <figure> with the caption first (a
// <figcaption> must be the first or last child, and a title reads best
// above its chart), then the data table and the data link.
func figure(p plan, svg string) string {
	var b strings.Builder
	b.WriteString(`<figure class="chart chart-` + p.kind + `" id="` + p.id + `">`)
	b.WriteString(`<figcaption class="chart-caption">` + esc(p.title) + `</figcaption>`)
	b.WriteString(svg)
	dataTable(&b, p)
	if p.dataURL != "" {
		b.WriteString(`<p class="chart-download"><a href="` + esc(p.dataURL) + `">` + esc(p.words.DownloadCSV) + `</a></p>`)
	}
	b.WriteString(`</figure>`)
	return b.String()
}

// dataTable writes the chart's numbers as a table inside <details>: closed on
// screen, where the chart says it at a glance, open in the print edition,
// where a closed <details> would print as nothing.
func dataTable(b *strings.Builder, p plan) {
	shares := p.kind == KindPartOfWhole
	b.WriteString(`<details class="chart-data"`)
	if p.openTable {
		b.WriteString(` open`)
	}
	b.WriteString(`><summary>` + esc(p.words.DataTable) + `</summary><table>`)
	b.WriteString(`<caption>` + esc(p.words.DataTable+colon(p.lang)+p.title) + `</caption>`)
	b.WriteString(`<thead><tr><th scope="col">` + esc(p.words.Item) + `</th><th scope="col" class="chart-num">` + esc(p.words.Value) + `</th>`)
	if shares {
		b.WriteString(`<th scope="col" class="chart-num">` + esc(p.words.Share) + `</th>`)
	}
	b.WriteString(`</tr></thead><tbody>`)
	for _, r := range p.rows {
		tableRow(b, r, shares)
	}
	b.WriteString(`</tbody>`)
	if p.total != nil {
		b.WriteString(`<tfoot>`)
		tableRow(b, *p.total, shares)
		b.WriteString(`</tfoot>`)
	}
	b.WriteString(`</table></details>`)
}

func tableRow(b *strings.Builder, r row, shares bool) {
	b.WriteString(`<tr><th scope="row">` + esc(r.label) + `</th><td class="chart-num">` + esc(r.text) + `</td>`)
	if shares {
		b.WriteString(`<td class="chart-num">` + esc(r.share) + `</td>`)
	}
	b.WriteString(`</tr>`)
}
