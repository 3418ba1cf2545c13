package figures

import (
	"slices"

	"github.com/xmca/almanac/internal/tomlfile"
)

// position is a 1-based line and column (in characters, as an editor counts).
type position struct{ line, col int }

func (p position) before(q position) bool {
	return p.line < q.line || p.line == q.line && p.col < q.col
}

func (p position) toml() tomlfile.Position { return tomlfile.Position{Line: p.line, Col: p.col} }

func fromTOML(p tomlfile.Position) position { return position{p.Line, p.Col} }

// keyIndex is where each key of figures.toml is written (tomlfile.Keys), in
// the terms the parser uses.
type keyIndex struct{ keys *tomlfile.Keys }

func indexKeys(src []byte) *keyIndex { return &keyIndex{tomlfile.IndexKeys(src)} }

// find returns where path is first written at or after from (see
// tomlfile.Keys.Find).
func (ix *keyIndex) find(from position, path ...string) position {
	return fromTOML(ix.keys.Find(from.toml(), path...))
}

// table returns where the i-th table of the array of tables path starts.
func (ix *keyIndex) table(i int, path ...string) position {
	return fromTOML(ix.keys.Table(i, path...))
}

// trail is a table's path, from which its keys are found.
type trail struct {
	ix   *keyIndex
	from position
	path []string
}

func (ix *keyIndex) trail(from position, path ...string) trail { return trail{ix, from, path} }

// find is ix.find(from, append(path, key)...) for the trail's path.
func (t trail) find(key string) position {
	return t.ix.find(t.from, append(slices.Clip(t.path), key)...)
}

// spot is where a message about a setting points, looked up only when a
// message is written.
type spot struct {
	ix    *keyIndex
	from  position
	table []string
	key   string
}

func (s spot) pos() position { return s.ix.trail(s.from, s.table...).find(s.key) }

// settings returns the spot of each setting of the table at path.
func (ix *keyIndex) settings(from position, table ...string) func(key string) spot {
	return func(key string) spot { return spot{ix, from, table, key} }
}
