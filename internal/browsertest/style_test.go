package browsertest

import (
	"context"
	"fmt"
	"math"
	"strconv"
	"strings"
	"testing"

	"github.com/chromedp/cdproto/cdp"
	"github.com/chromedp/cdproto/css"
	"github.com/chromedp/cdproto/dom"
	"github.com/chromedp/cdproto/emulation"
	"github.com/chromedp/chromedp"

	"github.com/xmca/almanac/internal/htmltest"
)

// The helpers here read the styles a page computes in states a script
// cannot produce or read: a link that is :visited (getComputedStyle hides
// a visited link's colours from scripts; the DevTools protocol does not),
// hovered and focused at once, and the page in forced colours.

// nodes returns the DevTools node ids of the elements each selector
// matches in the tab's current document. A later call invalidates them.
func nodes(t *testing.T, ctx context.Context, sels ...string) [][]cdp.NodeID {
	t.Helper()
	ids, err := chromedp.Run(ctx, func(ctx context.Context, tg *chromedp.Target) ([][]cdp.NodeID, error) {
		if _, err := cdp.Call(ctx, tg, dom.Enable, dom.EnableParams{}); err != nil {
			return nil, err
		}
		if _, err := cdp.Call(ctx, tg, css.Enable, cdp.Empty{}); err != nil {
			return nil, err
		}
		doc, err := cdp.Call(ctx, tg, dom.GetDocument, dom.GetDocumentParams{})
		if err != nil {
			return nil, err
		}
		var out [][]cdp.NodeID
		for _, sel := range sels {
			res, err := cdp.Call(ctx, tg, dom.QuerySelectorAll, dom.QuerySelectorAllParams{NodeID: doc.Root.NodeID, Selector: sel})
			if err != nil {
				return nil, fmt.Errorf("%s: %w", sel, err)
			}
			out = append(out, res.NodeIDs)
		}
		return out, nil
	})
	if err != nil {
		t.Fatalf("finding elements: %v", err)
	}
	return ids
}

// forceStates makes the browser compute the element's style as if it
// were in the pseudo-classes states ("visited", "hover", "focus",
// "focus-visible"); none undoes it.
func forceStates(t *testing.T, ctx context.Context, id cdp.NodeID, states ...string) {
	t.Helper()
	if states == nil {
		states = []string{}
	}
	do(t, ctx, chromedp.Func(func(ctx context.Context, tg *chromedp.Target) error {
		_, err := cdp.Call(ctx, tg, css.ForcePseudoState, css.ForcePseudoStateParams{NodeID: id, ForcedPseudoClasses: states})
		return err
	}))
}

// computed is the element's computed style, as DevTools shows it: with
// the colours of :visited where it applies.
func computed(t *testing.T, ctx context.Context, id cdp.NodeID) map[string]string {
	t.Helper()
	res, err := chromedp.Run(ctx, func(ctx context.Context, tg *chromedp.Target) (map[string]string, error) {
		r, err := cdp.Call(ctx, tg, css.GetComputedStyleForNode, css.GetComputedStyleForNodeParams{NodeID: id})
		if err != nil {
			return nil, err
		}
		m := make(map[string]string, len(r.ComputedStyle))
		for _, p := range r.ComputedStyle {
			m[p.Name] = p.Value
		}
		return m, nil
	})
	if err != nil {
		t.Fatalf("computed style: %v", err)
	}
	return res
}

// emulateForcedColors turns forced colours (Windows high contrast) on or off.
func emulateForcedColors(on bool) chromedp.Action[chromedp.Void] {
	v := "none"
	if on {
		v = "active"
	}
	return chromedp.Func(func(ctx context.Context, t *chromedp.Target) error {
		_, err := cdp.Call(ctx, t, emulation.SetEmulatedMedia, emulation.SetEmulatedMediaParams{
			Features: []*emulation.MediaFeature{{Name: "forced-colors", Value: v}}})
		return err
	})
}

// rgba is a computed colour: "rgb(r, g, b)" or "rgba(r, g, b, a)".
type rgba struct{ r, g, b, a float64 }

func parseColor(s string) (rgba, error) {
	s = strings.TrimSpace(s)
	open, end := strings.IndexByte(s, '('), strings.LastIndexByte(s, ')')
	if open < 0 || end < open || (!strings.HasPrefix(s, "rgb(") && !strings.HasPrefix(s, "rgba(")) {
		return rgba{}, fmt.Errorf("not an rgb() colour: %q", s)
	}
	parts := strings.FieldsFunc(s[open+1:end], func(r rune) bool { return r == ',' || r == ' ' || r == '/' })
	if len(parts) != 3 && len(parts) != 4 {
		return rgba{}, fmt.Errorf("not an rgb() colour: %q", s)
	}
	var v [4]float64
	v[3] = 1
	for i, p := range parts {
		f, err := strconv.ParseFloat(p, 64)
		if err != nil {
			return rgba{}, fmt.Errorf("not an rgb() colour: %q", s)
		}
		v[i] = f
	}
	return rgba{v[0], v[1], v[2], v[3]}, nil
}

// contrastOf is the contrast of two computed colours; 0 if either cannot
// be read or is not opaque.
func contrastOf(fg, bg string) float64 {
	a, err1 := parseColor(fg)
	b, err2 := parseColor(bg)
	if err1 != nil || err2 != nil || a.a < 1 || b.a < 1 {
		return 0
	}
	return htmltest.Contrast(htmltest.RGB{R: a.r, G: a.g, B: a.b}, htmltest.RGB{R: b.r, G: b.g, B: b.b})
}

func TestContrast(t *testing.T) {
	for _, tt := range []struct {
		fg, bg string
		want   float64
	}{
		{"rgb(255, 255, 255)", "rgb(255, 221, 0)", 1.35},
		{"rgb(11, 12, 12)", "rgb(255, 221, 0)", 14.55},
		{"rgb(0, 0, 0)", "rgb(255, 255, 255)", 21},
		{"rgba(0, 0, 0, 0)", "rgb(255, 255, 255)", 0},
	} {
		if got := contrastOf(tt.fg, tt.bg); math.Abs(got-tt.want) > 0.05 {
			t.Errorf("contrast of %s on %s = %.2f, want %.2f", tt.fg, tt.bg, got, tt.want)
		}
	}
}
