package qr

import (
	"errors"
	"fmt"
	"image"
	"image/color"
	"regexp"
	"strconv"
	"strings"
	"testing"

	goqr "github.com/piglig/go-qr"
	"golang.org/x/net/html"

	"github.com/xmca/almanac/internal/htmltest"
)

const pageURL = "https://mca.xm.gov.cn/zh/2019/three-social-linkage/"

func TestSVGStructure(t *testing.T) {
	out, err := SVG(pageURL, "扫码在手机上打开本页")
	if err != nil {
		t.Fatal(err)
	}
	svg := parseSVG(t, string(out))
	if got := htmltest.Attr(svg, "role"); got != "img" {
		t.Errorf("role = %q, want img", got)
	}
	if got := htmltest.Attr(svg, "shape-rendering"); got != "crispEdges" {
		t.Errorf("shape-rendering = %q, want crispEdges", got)
	}
	if strings.Contains(string(out), "style") {
		t.Errorf("output has a style attribute or element, which the CSP blocks: %s", out)
	}
	if n := len(htmltest.Elements(svg, "path")); n != 1 {
		t.Errorf("got %d <path> elements, want one for all dark modules", n)
	}
	title := htmltest.Elements(svg, "title")
	if len(title) != 1 || svg.FirstChild != title[0] {
		t.Fatalf("want <title> as the first child of <svg>")
	}
	if got := htmltest.Text(title[0]); got != "扫码在手机上打开本页" {
		t.Errorf("title = %q", got)
	}
}

// TestPathMatchesModules rebuilds the module grid from the path's commands
// and compares it with the encoder's matrix, quiet zone included.
func TestPathMatchesModules(t *testing.T) {
	for _, text := range []string{"1", pageURL, strings.Repeat("厦门市民政局", 40)} {
		t.Run(fmt.Sprint(len(text)), func(t *testing.T) {
			code, err := goqr.EncodeText(text, goqr.Medium)
			if err != nil {
				t.Fatal(err)
			}
			out, err := SVG(text, "QR code")
			if err != nil {
				t.Fatal(err)
			}
			svg := parseSVG(t, string(out))
			side := code.Size() + 2*QuietZone
			if got, want := htmltest.Attr(svg, "viewBox"), fmt.Sprintf("0 0 %d %d", side, side); got != want {
				t.Errorf("viewBox = %q, want %q", got, want)
			}
			grid := modulesFromPath(t, htmltest.Attr(htmltest.Elements(svg, "path")[0], "d"), side)
			for y := range side {
				for x := range side {
					want := code.Module(x-QuietZone, y-QuietZone)
					if grid[y][x] != want {
						t.Fatalf("module (%d,%d): path has dark=%v, encoder has %v", x, y, grid[y][x], want)
					}
				}
			}
		})
	}
}

// TestDecodesBack scans a raster of the path with the library's decoder: the
// strongest check that the SVG is a readable code, short of a phone camera.
func TestDecodesBack(t *testing.T) {
	out, err := SVG(pageURL, "QR code")
	if err != nil {
		t.Fatal(err)
	}
	svg := parseSVG(t, string(out))
	side, _ := strconv.Atoi(strings.Fields(htmltest.Attr(svg, "viewBox"))[2])
	grid := modulesFromPath(t, htmltest.Attr(htmltest.Elements(svg, "path")[0], "d"), side)
	res, err := goqr.DecodeDetailed(raster(grid, 6))
	if err != nil {
		t.Fatalf("decode: %v", err)
	}
	if res.Text != pageURL {
		t.Errorf("decoded %q, want %q", res.Text, pageURL)
	}
	if res.Ecc < goqr.Medium {
		t.Errorf("error correction %v, want at least medium", res.Ecc)
	}
}

func TestTitleIsEscaped(t *testing.T) {
	title := `<script>alert("x")</script> & 'more'`
	out, err := SVG(pageURL, title)
	if err != nil {
		t.Fatal(err)
	}
	if strings.Contains(string(out), "<script") {
		t.Fatalf("title not escaped: %s", out)
	}
	svg := parseSVG(t, string(out))
	if got := htmltest.Text(htmltest.Elements(svg, "title")[0]); got != title {
		t.Errorf("title = %q, want %q", got, title)
	}
}

func TestDeterministic(t *testing.T) {
	a, err := SVG(pageURL, "QR")
	if err != nil {
		t.Fatal(err)
	}
	for range 5 {
		b, _ := SVG(pageURL, "QR")
		if a != b {
			t.Fatal("two renderings of the same input differ")
		}
	}
}

func TestBadInput(t *testing.T) {
	tests := []struct {
		name, text, title string
		is                error
	}{
		{"too long", strings.Repeat("x", 5000), "QR", goqr.ErrDataTooLong},
		{"empty text", "", "QR", nil},
		{"empty title", pageURL, " \n", nil},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			out, err := SVG(tt.text, tt.title)
			if err == nil {
				t.Fatalf("want an error, got %d bytes of SVG", len(out))
			}
			if tt.is != nil && !errors.Is(err, tt.is) {
				t.Errorf("error %v does not wrap %v", err, tt.is)
			}
		})
	}
}

// FuzzSVG checks that any input gives well-formed markup whose path paints
// exactly go-qr's modules.
func FuzzSVG(f *testing.F) {
	f.Add(pageURL, "QR")
	f.Add(strings.Repeat("9", 8000), "\x00")
	f.Add("HTTPS://EXAMPLE.ORG/ZH/2019/", "扫码在手机上打开本页")
	f.Add(strings.Repeat("厦门市民政局", 30), "<&>")
	f.Fuzz(func(t *testing.T, text, title string) {
		out, err := SVG(text, title)
		if err != nil {
			return
		}
		code, err := goqr.EncodeText(text, goqr.Medium)
		if err != nil {
			t.Fatalf("SVG encoded a text go-qr refuses: %v", err)
		}
		svg := parseSVG(t, string(out))
		side := code.Size() + 2*QuietZone
		grid := modulesFromPath(t, htmltest.Attr(htmltest.Elements(svg, "path")[0], "d"), side)
		for y := range side {
			for x := range side {
				if grid[y][x] != code.Module(x-QuietZone, y-QuietZone) {
					t.Fatalf("module (%d,%d) differs from go-qr's", x, y)
				}
			}
		}
	})
}

var pathCommand = regexp.MustCompile(`^M(\d+) (\d+)h(\d+)v1h-(\d+)z`)

// modulesFromPath reads back the grid the path paints. It accepts only the
// run-of-modules rectangles SVG writes, so any other drawing fails the test.
func modulesFromPath(t *testing.T, d string, side int) [][]bool {
	t.Helper()
	grid := make([][]bool, side)
	for i := range grid {
		grid[i] = make([]bool, side)
	}
	for d != "" {
		m := pathCommand.FindStringSubmatch(d)
		if m == nil || m[3] != m[4] {
			t.Fatalf("unexpected path data at %.40q", d)
		}
		x, _ := strconv.Atoi(m[1])
		y, _ := strconv.Atoi(m[2])
		w, _ := strconv.Atoi(m[3])
		for i := x; i < x+w; i++ {
			if y >= side || i >= side || grid[y][i] {
				t.Fatalf("module (%d,%d) outside the code or painted twice", i, y)
			}
			grid[y][i] = true
		}
		d = d[len(m[0]):]
	}
	return grid
}

func raster(grid [][]bool, scale int) image.Image {
	img := image.NewGray(image.Rect(0, 0, len(grid)*scale, len(grid)*scale))
	for y := range img.Bounds().Dy() {
		for x := range img.Bounds().Dx() {
			c := color.Gray{Y: 255}
			if grid[y/scale][x/scale] {
				c.Y = 0
			}
			img.SetGray(x, y, c)
		}
	}
	return img
}

func parseSVG(t *testing.T, s string) *html.Node {
	t.Helper()
	doc, err := html.Parse(strings.NewReader(s))
	if err != nil {
		t.Fatal(err)
	}
	svgs := htmltest.Elements(doc, "svg")
	if len(svgs) != 1 {
		t.Fatalf("want one <svg>, got %d in %s", len(svgs), s)
	}
	return svgs[0]
}
