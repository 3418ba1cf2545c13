package sitepath

import "testing"

func TestPaths(t *testing.T) {
	for got, want := range map[string]string{
		Home("zh"):                             "zh/",
		Cover("en", "2019"):                    "en/2019/",
		Section("zh", "2019", "child-welfare"): "zh/2019/child-welfare/",
		Print("zh", "2019"):                    "zh/2019/print/",
		NotFound(""):                           "404.html",
		NotFound("en"):                         "en/404.html",
		FiguresCSV("zh", "2019"):               "zh/2019/figures.csv",
		FiguresJSON("en", "2019"):              "en/2019/figures.json",
		ChartCSV("zh", "2019", "by-type"):      "zh/2019/charts/by-type.csv",
		PDF("en", "2019"):                      "en/2019/report-2019-en.pdf",
		Search("en"):                           "en/search/",
		SearchManifest("zh"):                   "zh/search/index.json",
		SearchShard("zh", 3):                   "zh/search/t3.json",
		SearchChunk("en", 0):                   "en/search/d0.json",
	} {
		if got != want {
			t.Errorf("got %q, want %q", got, want)
		}
	}
}

// TestFileAndServed checks that Served undoes File for every kind of path.
func TestFileAndServed(t *testing.T) {
	for _, c := range []struct{ path, file string }{
		{Root, "index.html"},
		{"zh/", "zh/index.html"},
		{"zh/2019/print/", "zh/2019/print/index.html"},
		{"zh/404.html", "zh/404.html"},
		{"css/site.css", "css/site.css"},
	} {
		if got := File(c.path); got != c.file {
			t.Errorf("File(%q) = %q, want %q", c.path, got, c.file)
		}
		if got := Served(c.file); got != c.path {
			t.Errorf("Served(%q) = %q, want %q", c.file, got, c.path)
		}
	}
}
