package render

import (
	"slices"
	"strconv"
	"strings"
	"text/template/parse"

	"github.com/xmca/almanac/internal/site"
)

// Folding. Most of a page's template actions ask for something that is
// the same on every page of its kind and language: an interface string
// ({{.T "next"}}), the page's language or locale, a static file's URL.
// html/template answers each by a reflective method call, and a site of
// thousands of sections makes millions of them. So before a set of layouts
// first runs, each such call is replaced by its value, as a string
// constant, in a copy of the set made for one page kind and language.
// The constant still goes through html/template's contextual escaping,
// which sees it exactly as it saw the method's result, so the pages are
// byte for byte the same. A call that could fail (an unknown string key)
// is left alone, so it fails as before, with its layout file and line.

// foldKey names one folded copy of the layouts: a page kind, and the
// language of its pages ("" for the bilingual pages, which have none).
type foldKey struct {
	kind site.Kind
	lang string
}

// constants answers, for one page kind and language, the View calls
// folding may replace, and remembers which interface strings it gave, as
// the page's recorded inputs must still name them.
type constants struct {
	site      *site.Site
	lang      string // the language T uses: the page's, or the default
	locale    string
	bilingual bool // the page has no language of its own
	basePath  string
	kind      site.Kind
	used      map[string]bool
}

// foldable are the View methods folding answers, with how many
// arguments each takes. Folding finds them in the layouts by name, so
// TestFoldableMethodsExist fails if one is renamed or changes its
// arguments, rather than folding silently stopping.
var foldable = map[string]int{"Lang": 0, "Locale": 0, "Asset": 1, "T": 1, "TIn": 2, "TAll": 1}

// value is the constant a call of method with literal args returns, if
// folding may replace it.
func (c *constants) value(method string, args []string) (string, bool) {
	if n, ok := foldable[method]; ok && n != len(args) {
		return "", false
	}
	switch {
	case method == "Page.Kind" && len(args) == 0:
		return string(c.kind), true
	case method == "Lang":
		return c.lang, true
	case method == "Locale":
		return c.locale, true
	case method == "Asset":
		return c.basePath + args[0], true
	case method == "T":
		return c.str(c.lang, args[0])
	case method == "TIn":
		return c.str(args[0], args[1])
	case method == "TAll" && !c.bilingual:
		// TAll returns the escaped string as template.HTML. A string
		// constant escapes to the same bytes in every context only when
		// it has nothing to escape.
		s, ok := c.str(c.lang, args[0])
		return s, ok && !strings.ContainsAny(s, "&<>\"'+\x00")
	}
	return "", false
}

func (c *constants) str(lang, key string) (string, bool) {
	s, ok := c.site.Strings.Get(lang, key)
	if ok {
		c.used[key] = true
	}
	return s, ok
}

// fold replaces, in every template of set, the calls c can answer. set
// must be freshly parsed (not yet run, and sharing no trees with another
// set): the trees are changed in place, before html/template escapes them.
func fold(trees map[string]*parse.Tree, c *constants) {
	view := viewTemplates(trees)
	for name, t := range trees {
		f := folder{c: c, dollarIsView: view[name]}
		f.list(t.Root, view[name])
	}
}

type folder struct {
	c            *constants
	dollarIsView bool
}

// list folds the nodes of l; dotIsView says whether dot is the View there.
func (f folder) list(l *parse.ListNode, dotIsView bool) {
	if l == nil {
		return
	}
	for i, n := range l.Nodes {
		l.Nodes[i] = f.node(n, dotIsView)
	}
}

// node folds n and returns what replaces it: n itself, or for an if whose
// condition folding decided, the branch taken.
func (f folder) node(n parse.Node, dotIsView bool) parse.Node {
	switch n := n.(type) {
	case *parse.ActionNode:
		f.pipe(n.Pipe, dotIsView)
	case *parse.IfNode:
		f.branch(&n.BranchNode, dotIsView, dotIsView)
		if taken, ok := decided(n.Pipe); ok {
			if taken {
				return n.List
			}
			if n.ElseList == nil {
				// The parser's own (empty) list, rather than a new node:
				// html/template locates its errors through a node's tree.
				n.List.Nodes = nil
				return n.List
			}
			return n.ElseList
		}
	case *parse.WithNode:
		f.branch(&n.BranchNode, dotIsView, false)
	case *parse.RangeNode:
		f.branch(&n.BranchNode, dotIsView, false)
	case *parse.TemplateNode:
		f.pipe(n.Pipe, dotIsView)
	case *parse.ListNode:
		f.list(n, dotIsView)
	}
	return n
}

// decided says whether an if's folded condition is true, when folding
// left it constant: a string, or eq or ne of strings.
func decided(p *parse.PipeNode) (taken, ok bool) {
	if len(p.Decl) > 0 || len(p.Cmds) != 1 {
		return false, false
	}
	args := p.Cmds[0].Args
	if len(args) == 1 {
		s, ok := args[0].(*parse.StringNode)
		return ok && s.Text != "", ok
	}
	fn, ok := args[0].(*parse.IdentifierNode)
	if !ok {
		return false, false
	}
	var strs []string
	for _, a := range args[1:] {
		s, ok := a.(*parse.StringNode)
		if !ok {
			return false, false
		}
		strs = append(strs, s.Text)
	}
	switch {
	case fn.Ident == "eq" && len(strs) >= 2:
		return slices.Contains(strs[1:], strs[0]), true
	case fn.Ident == "ne" && len(strs) == 2:
		return strs[0] != strs[1], true
	}
	return false, false
}

// branch folds an if, with or range: its pipeline and else-list see the
// outer dot, its list sees listDotIsView.
func (f folder) branch(b *parse.BranchNode, dotIsView, listDotIsView bool) {
	f.pipe(b.Pipe, dotIsView)
	f.list(b.List, listDotIsView)
	f.list(b.ElseList, dotIsView)
}

func (f folder) pipe(p *parse.PipeNode, dotIsView bool) {
	if p == nil {
		return
	}
	for _, cmd := range p.Cmds {
		for i, arg := range cmd.Args {
			if sub, ok := arg.(*parse.PipeNode); ok {
				f.pipe(sub, dotIsView)
			}
			if i > 0 {
				cmd.Args[i] = f.argument(arg, dotIsView)
			}
		}
		f.command(cmd, dotIsView)
	}
}

// argument is arg, or the constant it stands for when it is a foldable
// niladic View method ({{.URL (.Site.Home .Lang)}}).
func (f folder) argument(arg parse.Node, dotIsView bool) parse.Node {
	method, ok := f.viewMethod(arg, dotIsView)
	if !ok {
		return arg
	}
	v, ok := f.c.value(method, nil)
	if !ok {
		return arg
	}
	return constant(arg, v)
}

// constant is a string constant node with value v, placed where n was.
func constant(n parse.Node, v string) *parse.StringNode {
	return &parse.StringNode{NodeType: parse.NodeString, Pos: n.Position(), Quoted: strconv.Quote(v), Text: v}
}

// command replaces cmd's arguments with one string constant when cmd is a
// foldable View method called with literal strings.
func (f folder) command(cmd *parse.CommandNode, dotIsView bool) {
	method, ok := f.viewMethod(cmd.Args[0], dotIsView)
	if !ok {
		return
	}
	var args []string
	for _, a := range cmd.Args[1:] {
		s, ok := a.(*parse.StringNode)
		if !ok {
			return
		}
		args = append(args, s.Text)
	}
	v, ok := f.c.value(method, args)
	if !ok {
		return
	}
	cmd.Args = []parse.Node{constant(cmd.Args[0], v)}
}

// viewMethod is the method or field chain n asks of the View ("T",
// "Page.Kind"): .Name where dot is the View, or $.Name where $ is.
func (f folder) viewMethod(n parse.Node, dotIsView bool) (string, bool) {
	switch n := n.(type) {
	case *parse.FieldNode:
		if dotIsView {
			return strings.Join(n.Ident, "."), true
		}
	case *parse.VariableNode:
		if f.dollarIsView && len(n.Ident) >= 2 && n.Ident[0] == "$" {
			return strings.Join(n.Ident[1:], "."), true
		}
	}
	return "", false
}

// viewTemplates says which templates always run with the View as their
// data: "base", which render executes, and any template every
// {{template}} call passes the View. The others are left unfolded.
func viewTemplates(trees map[string]*parse.Tree) map[string]bool {
	view := map[string]bool{}
	for name := range trees {
		view[name] = true
	}
	for changed := true; changed; {
		changed = false
		called := map[string]bool{"base": true}
		for name, t := range trees {
			calls(t.Root, view[name], view[name], func(callee string, passesView bool) {
				called[callee] = true
				if !passesView && view[callee] {
					view[callee], changed = false, true
				}
			})
		}
		for name := range trees {
			if !called[name] && view[name] {
				view[name], changed = false, true
			}
		}
	}
	return view
}

// calls reports every {{template}} call under n and whether it passes the
// View as data.
func calls(n parse.Node, dotIsView, dollarIsView bool, report func(name string, passesView bool)) {
	switch n := n.(type) {
	case *parse.ListNode:
		if n == nil {
			return
		}
		for _, c := range n.Nodes {
			calls(c, dotIsView, dollarIsView, report)
		}
	case *parse.IfNode:
		calls(n.List, dotIsView, dollarIsView, report)
		calls(n.ElseList, dotIsView, dollarIsView, report)
	case *parse.WithNode:
		calls(n.List, false, dollarIsView, report)
		calls(n.ElseList, dotIsView, dollarIsView, report)
	case *parse.RangeNode:
		calls(n.List, false, dollarIsView, report)
		calls(n.ElseList, dotIsView, dollarIsView, report)
	case *parse.TemplateNode:
		report(n.Name, passesView(n.Pipe, dotIsView, dollarIsView))
	}
}

// passesView says whether a {{template}} call's pipeline is just the View:
// dot where dot is the View, or $ where $ is.
func passesView(p *parse.PipeNode, dotIsView, dollarIsView bool) bool {
	if p == nil || len(p.Decl) > 0 || len(p.Cmds) != 1 || len(p.Cmds[0].Args) != 1 {
		return false
	}
	switch a := p.Cmds[0].Args[0].(type) {
	case *parse.DotNode:
		return dotIsView
	case *parse.VariableNode:
		return dollarIsView && len(a.Ident) == 1 && a.Ident[0] == "$"
	}
	return false
}

// Inlining. Once html/template has escaped a folded set (on its first
// run), an action that prints a constant is the constant followed by the
// escapers its context needs. Where those escapers provably return the
// constant unchanged, the action becomes plain text, so later pages skip
// the escaper calls too. Any other action is left as it is.

// unchangedBy lists, per escaper html/template inserts, the bytes a
// string may hold for that escaper to return it unchanged.
var unchangedBy = map[string]func(byte) bool{
	"_html_template_htmlescaper":   plainText,
	"_html_template_attrescaper":   plainText,
	"_html_template_rcdataescaper": plainText,
	"_html_template_urlfilter":     plainPath,
	"_html_template_urlnormalizer": plainPath,
}

// plainText is a byte html/template's HTML escapers leave alone.
func plainText(c byte) bool {
	return !strings.ContainsRune("&<>\"'+\x00", rune(c))
}

// plainPath is a byte of a relative URL path the URL filter and
// normalizer leave alone: RFC 3986 unreserved characters and slashes.
func plainPath(c byte) bool {
	return 'a' <= c && c <= 'z' || 'A' <= c && c <= 'Z' || '0' <= c && c <= '9' || strings.IndexByte("-._~/", c) >= 0
}

// inline turns the constant actions under l into text.
func inline(l *parse.ListNode) {
	if l == nil {
		return
	}
	for i, n := range l.Nodes {
		switch n := n.(type) {
		case *parse.ActionNode:
			if s, ok := constantOutput(n.Pipe); ok {
				l.Nodes[i] = &parse.TextNode{NodeType: parse.NodeText, Pos: n.Pos, Text: []byte(s)}
			}
		case *parse.IfNode:
			inline(n.List)
			inline(n.ElseList)
		case *parse.WithNode:
			inline(n.List)
			inline(n.ElseList)
		case *parse.RangeNode:
			inline(n.List)
			inline(n.ElseList)
		case *parse.ListNode:
			inline(n)
		}
	}
}

// constantOutput is what an escaped action prints, when that is known
// before it runs: a string constant through escapers that leave it as is.
func constantOutput(p *parse.PipeNode) (string, bool) {
	if p == nil || len(p.Decl) > 0 || len(p.Cmds) < 2 || len(p.Cmds[0].Args) != 1 {
		return "", false
	}
	c, ok := p.Cmds[0].Args[0].(*parse.StringNode)
	if !ok {
		return "", false
	}
	for _, cmd := range p.Cmds[1:] {
		id, ok := cmd.Args[0].(*parse.IdentifierNode)
		if !ok || len(cmd.Args) != 1 || !allBytes(c.Text, unchangedBy[id.Ident]) {
			return "", false
		}
	}
	return c.Text, true
}

func allBytes(s string, ok func(byte) bool) bool {
	if ok == nil {
		return false
	}
	for i := range len(s) {
		if !ok(s[i]) {
			return false
		}
	}
	return true
}
