package messages

import (
	"go/ast"
	"go/parser"
	"go/token"
	"io/fs"
	"path/filepath"
	"slices"
	"sort"
	"strconv"
	"strings"
	"testing"
)

// collected is one English text that reaches an editor, and where it is.
type collected struct {
	text, where string
}

// collectMessages walks the Go source under root (internal/ and cmd/, not
// tests) for the texts that reach an editor:
//   - the format and the hint of every call to a diagnostic constructor:
//     a function with parameters named hint and format (diag.Errorf,
//     the checker's errorf and warnf, the figures parser's errorAt, …); a
//     hint written as fmt.Sprintf gives its format;
//   - the format of every fmt.Errorf;
//   - in cmd/almanac and the dev server's log: what is printed with
//     fmt.Fprint*, s.logf and say, and every flag's description.
func collectMessages(t *testing.T, root string) []collected {
	t.Helper()
	fset := token.NewFileSet()
	var files []*ast.File
	for _, dir := range []string{"internal", "cmd"} {
		err := filepath.WalkDir(filepath.Join(root, dir), func(path string, d fs.DirEntry, err error) error {
			if err != nil || d.IsDir() || !strings.HasSuffix(path, ".go") || strings.HasSuffix(path, "_test.go") {
				return err
			}
			if strings.HasPrefix(filepath.Base(path), "gen_") {
				return nil // go generate's programs, run by developers
			}
			if strings.Contains(path, string(filepath.Separator)+"sitegen"+string(filepath.Separator)) {
				return nil // generates benchmark sites; says nothing to editors
			}
			f, err := parser.ParseFile(fset, path, nil, parser.SkipObjectResolution)
			if err != nil {
				return err
			}
			files = append(files, f)
			return nil
		})
		if err != nil {
			t.Fatal(err)
		}
	}
	// Diagnostic constructors: name → position of hint and format.
	// Several have the same name (errorf) with their parameters in other
	// places: a call is read by every constructor of its name.
	type ctor struct{ hint, format int }
	ctors := map[string][]ctor{}
	// Both declared functions and function literals given a name
	// (bad := func(line int, hint, format string, args ...any)).
	addCtor := func(name string, ft *ast.FuncType) {
		c, i := ctor{-1, -1}, 0
		for _, field := range ft.Params.List {
			if len(field.Names) == 0 {
				i++
				continue
			}
			for _, n := range field.Names {
				switch n.Name {
				case "hint":
					c.hint = i
				case "format":
					c.format = i
				}
				i++
			}
		}
		if c.format >= 0 && c.hint >= 0 && !slices.Contains(ctors[name], c) {
			ctors[name] = append(ctors[name], c)
		}
	}
	for _, f := range files {
		ast.Inspect(f, func(n ast.Node) bool {
			switch n := n.(type) {
			case *ast.FuncDecl:
				addCtor(n.Name.Name, n.Type)
			case *ast.AssignStmt:
				for i, lhs := range n.Lhs {
					id, ok := lhs.(*ast.Ident)
					if fl, isLit := rhsAt(n, i).(*ast.FuncLit); ok && isLit {
						addCtor(id.Name, fl.Type)
					}
				}
			}
			return true
		})
	}
	var out []collected
	add := func(e ast.Expr, pos token.Pos) {
		s, ok := literal(e)
		if !ok {
			// "remove it or check its spelling; …: " + strings.Join(…):
			// the other parts are the format's %s.
			s, ok = concatFormat(e)
		}
		if ok && strings.TrimSpace(s) != "" {
			p := fset.Position(pos)
			out = append(out, collected{s, filepath.Base(p.Filename) + ":" + strconv.Itoa(p.Line)})
		}
	}
	addHint := func(e ast.Expr, pos token.Pos) {
		if call, ok := e.(*ast.CallExpr); ok && isCall(call, "fmt", "Sprintf") && len(call.Args) > 0 {
			add(call.Args[0], pos)
			return
		}
		add(e, pos)
	}
	// Hints returned by functions that make them, and hint constants.
	for _, f := range files {
		for _, decl := range f.Decls {
			fd, ok := decl.(*ast.FuncDecl)
			if !ok || fd.Body == nil || !strings.Contains(strings.ToLower(fd.Name.Name), "hint") {
				continue
			}
			ast.Inspect(fd.Body, func(n ast.Node) bool {
				if r, ok := n.(*ast.ReturnStmt); ok {
					for _, e := range r.Results {
						addHint(e, r.Pos())
					}
				}
				return true
			})
		}
	}
	for _, f := range files {
		p := fset.Position(f.Pos()).Filename
		terminal := strings.Contains(p, filepath.Join("cmd", "almanac")) || strings.HasSuffix(p, filepath.Join("serve", "serve.go")) ||
			strings.Contains(p, filepath.Join("internal", "deploy")+string(filepath.Separator))
		ast.Inspect(f, func(n ast.Node) bool {
			switch n := n.(type) {
			case *ast.ValueSpec:
				for i, name := range n.Names {
					if strings.Contains(strings.ToLower(name.Name), "hint") && i < len(n.Values) {
						addHint(n.Values[i], n.Pos())
					}
				}
				// const usage = `…`: the command's help, line by line.
				for i, name := range n.Names {
					if name.Name == "usage" && i < len(n.Values) {
						if s, ok := literal(n.Values[i]); ok {
							for _, line := range strings.Split(s, "\n") {
								if strings.TrimSpace(line) != "" {
									p := fset.Position(n.Pos())
									out = append(out, collected{line, filepath.Base(p.Filename) + ":" + strconv.Itoa(p.Line)})
								}
							}
						}
					}
				}
				return true
			case *ast.KeyValueExpr:
				// diag.Diagnostic{Msg: "…", Hint: "…"}; a partial's
				// lacksTemplate: "…", the format of its message
				if id, ok := n.Key.(*ast.Ident); ok && (id.Name == "Msg" || id.Name == "Hint" || id.Name == "lacksTemplate") {
					addHint(n.Value, n.Pos())
				}
				return true
			case *ast.ReturnStmt:
				// Messages and hints that functions return: sentences of
				// words, not markup, types or paths.
				if !terminal {
					for _, e := range n.Results {
						if s, ok := literal(e); ok && isSentence(s) {
							add(e, n.Pos())
						}
					}
				}
				return true
			case *ast.AssignStmt:
				// hint := fmt.Sprintf("…", …); d.Msg = "…"
				for i, lhs := range n.Lhs {
					if i < len(n.Rhs) && isMessageName(lhs) {
						addHint(n.Rhs[i], n.Pos())
					}
				}
				return true
			}
			call, ok := n.(*ast.CallExpr)
			if !ok {
				return true
			}
			name := calleeName(call)
			// fmt.Errorf shares diag.Errorf's name, not its parameters.
			if cs, ok := ctors[name]; ok && !isCall(call, "fmt", "Errorf") {
				for _, c := range cs {
					if len(call.Args) > max(c.format, c.hint) {
						add(call.Args[c.format], call.Pos())
						addHint(call.Args[c.hint], call.Pos())
					}
				}
				return true
			}
			switch {
			case !terminal && isCall(call, "fmt", "Sprintf") && len(call.Args) > 0:
				// Messages and hints put together before a constructor
				// gets them: sentences, which have spaces and words.
				if s, ok := literal(call.Args[0]); ok && strings.Contains(s, " ") && hasWords(s) && !strings.ContainsAny(s, "<>=") {
					add(call.Args[0], call.Pos())
				}
			case name == "Text" && len(call.Args) == 1:
				// a Translator's Text("…"): words shown as they are
				add(call.Args[0], call.Pos())
			case isCall(call, "fmt", "Errorf") && len(call.Args) > 0:
				add(call.Args[0], call.Pos())
			case isCall(call, "errors", "New") && len(call.Args) > 0:
				// A sentence, not a sentinel such as "usage".
				if s, ok := literal(call.Args[0]); ok && isSentence(s) {
					add(call.Args[0], call.Pos())
				}
			case terminal && (isCall(call, "fmt", "Fprintf") || isCall(call, "fmt", "Fprintln") || isCall(call, "fmt", "Fprint")) && len(call.Args) > 1:
				add(call.Args[1], call.Pos())
			case terminal && name == "logf" && len(call.Args) > 0:
				add(call.Args[0], call.Pos())
			case terminal && (name == "say" || name == "sayln") && len(call.Args) > 1:
				add(call.Args[1], call.Pos())
			case terminal && isFlagDefinition(call):
				add(call.Args[len(call.Args)-1], call.Pos())
			}
			return true
		})
	}
	sort.SliceStable(out, func(i, j int) bool { return out[i].where < out[j].where })
	return out
}

// isMessageName: a variable or field that holds a message or a hint.
func isMessageName(e ast.Expr) bool {
	name := ""
	switch e := e.(type) {
	case *ast.Ident:
		name = e.Name
	case *ast.SelectorExpr:
		name = e.Sel.Name
	}
	switch name {
	case "hint", "Hint", "msg", "Msg":
		return true
	}
	return false
}

func calleeName(call *ast.CallExpr) string {
	switch fn := call.Fun.(type) {
	case *ast.Ident:
		return fn.Name
	case *ast.SelectorExpr:
		return fn.Sel.Name
	}
	return ""
}

func isCall(call *ast.CallExpr, pkg, name string) bool {
	sel, ok := call.Fun.(*ast.SelectorExpr)
	if !ok || sel.Sel.Name != name {
		return false
	}
	id, ok := sel.X.(*ast.Ident)
	return ok && id.Name == pkg
}

// isFlagDefinition: flags.String("s", ".", "description") and the like.
func isFlagDefinition(call *ast.CallExpr) bool {
	sel, ok := call.Fun.(*ast.SelectorExpr)
	if !ok {
		return false
	}
	switch sel.Sel.Name {
	case "String", "Bool", "Int", "Duration", "Float64", "Uint":
		return len(call.Args) == 3
	case "StringVar", "BoolVar", "IntVar", "DurationVar", "Var":
		return len(call.Args) >= 3
	}
	return false
}

// literal is the value of a string literal, or of a concatenation of them.
func literal(e ast.Expr) (string, bool) {
	switch e := e.(type) {
	case *ast.BasicLit:
		if e.Kind != token.STRING {
			return "", false
		}
		s, err := strconv.Unquote(e.Value)
		return s, err == nil
	case *ast.BinaryExpr:
		if e.Op != token.ADD {
			return "", false
		}
		a, ok1 := literal(e.X)
		b, ok2 := literal(e.Y)
		return a + b, ok1 && ok2
	case *ast.ParenExpr:
		return literal(e.X)
	}
	return "", false
}

// concatFormat is the format a concatenation of literals and other values
// amounts to, each other value a %s; only when a literal has words.
func concatFormat(e ast.Expr) (string, bool) {
	b, ok := e.(*ast.BinaryExpr)
	if !ok || b.Op != token.ADD {
		return "", false
	}
	var part func(ast.Expr) string
	words := false
	part = func(e ast.Expr) string {
		if b, ok := e.(*ast.BinaryExpr); ok && b.Op == token.ADD {
			return part(b.X) + part(b.Y)
		}
		if s, ok := literal(e); ok {
			if hasWords(s) {
				words = true
			}
			return s
		}
		return "%s"
	}
	s := part(b)
	return s, words
}

// isSentence: words and spaces, at least three words, not markup or a
// MIME type.
func isSentence(s string) bool {
	return len(strings.Fields(s)) >= 3 && hasWords(s) && !strings.ContainsAny(s, "<>") && !strings.HasPrefix(s, "/") && !strings.Contains(s, "charset")
}

// rhsAt is the i-th value of an assignment, or nil.
func rhsAt(a *ast.AssignStmt, i int) ast.Expr {
	if i < len(a.Rhs) {
		return a.Rhs[i]
	}
	return nil
}
