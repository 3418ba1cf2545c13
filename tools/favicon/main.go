// Command favicon draws the site's icon, static/favicon.ico: a bar chart
// of three rising white bars on the site's accent red, in a rounded
// square, at 16 and 32 pixels. The icon is checked in; run this only to
// change it:
//
//	go run ./tools/favicon
package main

import (
	"bytes"
	"encoding/binary"
	"fmt"
	"image"
	"image/color"
	"image/png"
	"os"
)

// accent is the site's --accent (static/css/site.css).
var accent = color.NRGBA{0x9e, 0x1b, 0x1f, 0xff}

// bar is a white bar of the chart, in units of a 16-unit square.
type bar struct{ x0, x1, top float64 }

var bars = []bar{{3, 5, 9}, {7, 9, 6}, {11, 13, 3}}

const (
	baseline = 13   // where the bars stand
	radius   = 3.5  // of the square's corners
	samples  = 4    // per pixel and axis, for smooth edges
	units    = 16.0 // the drawing's size
)

// cover returns what the drawing shows at (x, y), in units: 0 outside the
// rounded square, 1 on the red, 2 on a bar.
func cover(x, y float64) int {
	cx := min(max(x, radius), units-radius)
	cy := min(max(y, radius), units-radius)
	if (x-cx)*(x-cx)+(y-cy)*(y-cy) > radius*radius {
		return 0
	}
	for _, b := range bars {
		if x >= b.x0 && x < b.x1 && y >= b.top && y < baseline {
			return 2
		}
	}
	return 1
}

// draw renders the icon at size×size pixels.
func draw(size int) *image.NRGBA {
	img := image.NewNRGBA(image.Rect(0, 0, size, size))
	scale := units / float64(size)
	for py := range size {
		for px := range size {
			var red, white int
			for sy := range samples {
				for sx := range samples {
					x := (float64(px) + (float64(sx)+0.5)/samples) * scale
					y := (float64(py) + (float64(sy)+0.5)/samples) * scale
					switch cover(x, y) {
					case 1:
						red++
					case 2:
						white++
					}
				}
			}
			n := red + white
			if n == 0 {
				continue
			}
			mix := func(c uint8) uint8 { return uint8((int(c)*red + 255*white) / n) }
			img.SetNRGBA(px, py, color.NRGBA{mix(accent.R), mix(accent.G), mix(accent.B), uint8(255 * n / (samples * samples))})
		}
	}
	return img
}

// ico packs PNG images into an ICO file (the PNG form of ICONDIRENTRY,
// which every current browser reads).
func ico(sizes ...int) ([]byte, error) {
	var pngs [][]byte
	for _, s := range sizes {
		var b bytes.Buffer
		enc := png.Encoder{CompressionLevel: png.BestCompression}
		if err := enc.Encode(&b, draw(s)); err != nil {
			return nil, err
		}
		pngs = append(pngs, b.Bytes())
	}
	var out bytes.Buffer
	le := func(v any) { _ = binary.Write(&out, binary.LittleEndian, v) }
	le([3]uint16{0, 1, uint16(len(sizes))}) // reserved, type icon, count
	offset := 6 + 16*len(sizes)
	for i, s := range sizes {
		le([4]uint8{uint8(s), uint8(s), 0, 0}) // width, height, no palette
		le([2]uint16{1, 32})                   // planes, bits per pixel
		le([2]uint32{uint32(len(pngs[i])), uint32(offset)})
		offset += len(pngs[i])
	}
	for _, p := range pngs {
		out.Write(p)
	}
	return out.Bytes(), nil
}

func main() {
	b, err := ico(16, 32)
	if err == nil {
		err = os.WriteFile("static/favicon.ico", b, 0o644)
	}
	if err != nil {
		fmt.Fprintln(os.Stderr, "favicon:", err)
		os.Exit(1)
	}
	fmt.Printf("static/favicon.ico: %d bytes\n", len(b))
}
