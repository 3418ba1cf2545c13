package markdown

import (
	"github.com/yuin/goldmark"
	"github.com/yuin/goldmark/parser"
	"github.com/yuin/goldmark/renderer"
	"github.com/yuin/goldmark/util"
)

// idMarker stands where Document.HTML puts the id prefix. Content cannot
// produce it: Convert replaces NUL in the input, and goldmark writes a NUL
// from a character reference (&#0;) as U+FFFD, or %00 in a URL.
const idMarker = "\x00"

// LocalID marks an id in HTML a Resolver returns, so that Document.HTML
// prefixes it (and "#"+LocalID(id) links to it) like the document's own ids.
func LocalID(id string) string { return idMarker + id }

// stateKey finds the per-document docState in goldmark's parser context.
// Context keys are allocated once, when the package is initialised.
var stateKey = parser.NewContextKey()

// almanacExtension adds almanac's syntax and rendering to goldmark.
type almanacExtension struct {
	rawHTML bool
}

func (e *almanacExtension) Extend(m goldmark.Markdown) {
	m.Parser().AddOptions(
		parser.WithAttribute(),
		parser.WithAutoHeadingID(),
		parser.WithBlockParsers(
			util.Prioritized(blockRefParser{}, 150),
			util.Prioritized(newHeadingParser(), 599), // before goldmark's (600), which then sees no heading
		),
		parser.WithInlineParsers(
			util.Prioritized(figureRefParser{}, 150),
			util.Prioritized(emphasisParser{}, 499), // before goldmark's (500), which it replaces
			// Last, as goldmark's own typographer: anything else that starts
			// at a quote, a hyphen or a full stop comes first.
			util.Prioritized(typographer, 9999),
		),
		// After the footnote transformer (999), so footnotes are in place.
		parser.WithASTTransformers(util.Prioritized(&documentTransformer{dropUnsafeURLs: !e.rawHTML}, 1100)),
	)
	// Below the html renderer's 1000, so ours win for the kinds both register.
	m.Renderer().AddOptions(renderer.WithNodeRenderers(util.Prioritized(newHTMLRenderer(), 100)))
}
