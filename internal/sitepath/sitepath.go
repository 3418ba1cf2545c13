// Package sitepath holds every rule for where the built site's files are
// and at which URL path each is served: pages, print editions, open data,
// chart data, PDFs, 404 pages and the search index. The site model, rendering, checking,
// building, serving, publishing and deploying all follow these rules, so
// that an address is decided in this one place.
//
// Paths are slash-separated and relative to the site's base URL (and to
// the output folder): "zh/2019/three-social-linkage/". A page's path ends
// in "/" and its file is that folder's index.html.
package sitepath

import (
	"strconv"
	"strings"
)

// Index is the file a folder's URL serves.
const Index = "index.html"

// NotFoundFile is the name of a 404 page, at the root and in each
// language's folder.
const NotFoundFile = "404.html"

// PrintSlug is the folder of a report's print edition, a name no section
// may take.
const PrintSlug = "print"

// Root is the path of the bilingual entry page.
const Root = ""

// Home is the path of a language's home page: "zh/".
func Home(lang string) string { return lang + "/" }

// Search is the path of a language's search page: "zh/search/".
func Search(lang string) string { return Home(lang) + "search/" }

// SearchManifest is a language's search index, beside its search page:
// "zh/search/index.json". It names the index's other files.
func SearchManifest(lang string) string { return Search(lang) + "index.json" }

// SearchShard and SearchChunk are the index's i-th shard of terms and
// chunk of entries: "zh/search/t0.json", "zh/search/d0.json".
func SearchShard(lang string, i int) string { return Search(lang) + "t" + strconv.Itoa(i) + ".json" }
func SearchChunk(lang string, i int) string { return Search(lang) + "d" + strconv.Itoa(i) + ".json" }

// Cover is the path of a report's cover in a language: "zh/2019/".
func Cover(lang, year string) string { return Home(lang) + year + "/" }

// Section is the path of a section: "zh/2019/three-social-linkage/".
func Section(lang, year, slug string) string { return Cover(lang, year) + slug + "/" }

// Print is the path of a report's print edition: "zh/2019/print/".
func Print(lang, year string) string { return Section(lang, year, PrintSlug) }

// NotFound is the 404 page of a language's folder, or of the site root
// for lang "": "zh/404.html", "404.html".
func NotFound(lang string) string {
	if lang == "" {
		return NotFoundFile
	}
	return Home(lang) + NotFoundFile
}

// FiguresCSV and FiguresJSON are a report's open data in a language's
// folder: "zh/2019/figures.csv".
func FiguresCSV(lang, year string) string  { return Cover(lang, year) + "figures.csv" }
func FiguresJSON(lang, year string) string { return Cover(lang, year) + "figures.json" }

// ArchiveCSV and ArchiveJSON are every year's figures together, in a
// language's folder: "zh/figures.csv".
func ArchiveCSV(lang string) string  { return Home(lang) + "figures.csv" }
func ArchiveJSON(lang string) string { return Home(lang) + "figures.json" }

// ChartCSV is the data one chart draws, which the chart links to:
// "zh/2019/charts/social-organizations-by-type.csv".
func ChartCSV(lang, year, chart string) string { return Cover(lang, year) + "charts/" + chart + ".csv" }

// PDF is a report's print edition printed to PDF, beside its cover:
// "zh/2019/report-2019-zh.pdf".
func PDF(lang, year string) string { return Cover(lang, year) + "report-" + year + "-" + lang + ".pdf" }

// File is the output file of path p: a folder's index.html, or p itself.
// "zh/2019/" → "zh/2019/index.html", "" → "index.html", "zh/404.html" →
// "zh/404.html".
func File(p string) string {
	if p == "" || strings.HasSuffix(p, "/") {
		return p + Index
	}
	return p
}

// Served is the path the output file f is served at, File's inverse:
// "zh/2019/index.html" → "zh/2019/", "index.html" → "", others unchanged.
func Served(f string) string {
	if f == Index {
		return ""
	}
	if strings.HasSuffix(f, "/"+Index) {
		return strings.TrimSuffix(f, Index)
	}
	return f
}
