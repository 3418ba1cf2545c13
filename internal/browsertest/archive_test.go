package browsertest

import (
	"os"
	"path/filepath"
	"testing"

	"github.com/chromedp/chromedp"

	"github.com/xmca/almanac/internal/sitegen"
)

// TestArchiveAxe audits what a site of several years adds, which the real
// one-year site cannot show: the home page's list of years with their key
// figures, the covers' links to the years around them, and series charts
// (opened), in both languages, on a desktop and on a 320 px phone.
func TestArchiveAxe(t *testing.T) {
	srv := serveArchive(t)
	for _, width := range []int64{1280, 320} {
		ctx := tab(t, width, 800)
		for _, p := range archivePages {
			if err := chromedp.Do(ctx, chromedp.Navigate(srv.URL(p))); err != nil {
				t.Fatalf("%s: %v", p, err)
			}
			noErrors(t, ctx, p)
			eval[any](t, ctx, openAllDetails)
			reportAxe(t, p, runAxe(t, ctx))
		}
	}
}

// archivePages are the pages of the archive that the one-year site has
// nothing like.
var archivePages = []string{"zh/", "en/", "zh/2002/", "en/2002/", "zh/2003/overview/", "en/2003/overview/", "zh/2002/print/"}

// serveArchive builds and serves sitegen's archive of several report years
// (made from the real site) until the test ends.
func serveArchive(t *testing.T) *Server {
	t.Helper()
	env(t) // the browser; the archive is served apart from the real site
	dir := t.TempDir()
	fsys, err := sitegen.Archive(os.DirFS(filepath.Join("..", "..")))
	if err != nil {
		t.Fatal(err)
	}
	for name, f := range fsys {
		p := filepath.Join(dir, "site", filepath.FromSlash(name))
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(p, f.Data, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	srv, err := Serve(filepath.Join(dir, "site"), filepath.Join(dir, "public"))
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { srv.Close() })
	return srv
}
