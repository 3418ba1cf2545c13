package deploy

import (
	"context"
	"github.com/xmca/almanac/internal/sitetest"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/xmca/almanac/internal/build"
	"github.com/xmca/almanac/internal/output"
	"github.com/xmca/almanac/internal/publish"
)

// TestPublishTheRealReport is what communications staff do: build the 2019
// report for production, deploy it, deploy again, change one figure and
// deploy once more. The bucket must hold exactly the site with the right
// headers, the second deploy must move nothing, and the third only the
// pages that show the figure.
func TestPublishTheRealReport(t *testing.T) {
	srv := startServer(t)
	setCreds(t)
	site := sitetest.Copy(t)
	public := filepath.Join(site, "public")
	buildTo := func() output.Files {
		t.Helper()
		root, err := os.OpenRoot(site)
		if err != nil {
			t.Fatal(err)
		}
		defer root.Close()
		res, err := build.Run(root.FS(), build.Options{Minify: true})
		if err != nil {
			t.Fatal(err)
		}
		if err := output.Write(context.Background(), public, site, res.Files); err != nil {
			t.Fatal(err)
		}
		return res.Files
	}
	files := buildTo()
	opt := Options{Source: public, Target: srv.target("report/")}

	first, _, err := run(t, opt)
	if err != nil {
		t.Fatal(err)
	}
	objects := srv.objects(t, "report/")
	for name, content := range files {
		o, uploaded := objects["report/"+name]
		skipped := strings.HasSuffix(name, ".gz") || strings.HasSuffix(name, ".br") || name == "_headers" || name == "_redirects"
		if skipped == uploaded {
			t.Errorf("%s: uploaded %v, want %v", name, uploaded, !skipped)
			continue
		}
		if !uploaded {
			continue
		}
		if o.md5 != md5hex(string(content)) {
			t.Errorf("%s: the bucket holds other bytes", name)
		}
		if want := publish.CacheControl(name, publish.IsFingerprinted(name, content)); o.cache != want {
			t.Errorf("%s: Cache-Control %q, want %q as in _headers", name, o.cache, want)
		}
		if o.ctype != ContentType(name) || o.ctype == "" {
			t.Errorf("%s: Content-Type %q", name, o.ctype)
		}
	}
	if first.Uploaded != len(objects) {
		t.Errorf("first deploy uploaded %d, the bucket holds %d", first.Uploaded, len(objects))
	}

	second, _, err := run(t, opt)
	if err != nil || second.Uploaded != 0 || second.Bytes != 0 {
		t.Fatalf("a second deploy of the same build moved %d objects, %d bytes (%v)", second.Uploaded, second.Bytes, err)
	}

	figures := filepath.Join(site, "content", "2019", "figures.toml")
	src, _ := os.ReadFile(figures)
	os.WriteFile(figures, []byte(strings.Replace(string(src), "value = 693100", "value = 712300", 1)), 0o644)
	buildTo()
	third, _, err := run(t, opt)
	if err != nil {
		t.Fatal(err)
	}
	changed := strings.Join(third.Changed, " ")
	for _, page := range []string{"/zh/2019/highlights/", "/en/2019/highlights/", "/zh/2019/", "/zh/2019/print/", "/zh/2019/figures.csv"} {
		if !strings.Contains(changed+" ", page+" ") {
			t.Errorf("the purge list lacks %s: %s", page, changed)
		}
	}
	for _, page := range []string{"/zh/2019/three-social-linkage/", "/en/2019/three-social-linkage/"} {
		if strings.Contains(changed+" ", page+" ") {
			t.Errorf("%s does not show the figure but was uploaded again", page)
		}
	}
}
