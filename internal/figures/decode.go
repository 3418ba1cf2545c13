package figures

import (
	"runtime"
	"slices"
	"sync"
	"sync/atomic"

	"github.com/BurntSushi/toml"
)

// A report's figures.toml holds thousands of tables, and the toml package
// slows down as a document grows: every key it has read goes into maps that
// outgrow the processor's caches. So a large file is decoded in pieces, cut
// before [table] headers at the start of a line, on all cores, and the
// pieces' tables are put together again.
//
// A piece that the toml package accepts on its own ends between two tables,
// where reading the whole file would be too; so the pieces read as the whole
// file does, as long as they only share tables that none of them defines
// (figure, in [figure.a] and [figure.b]) and arrays of tables ([[rule]]).
// Anything else, and any mistake in any piece, sends the whole file to the
// toml package in one go, which then decides whether it can be read and what
// to say about it.

// pieceSize is about how many bytes of the file go in one piece: enough to
// make a piece's own work small beside its parse, few enough to keep the
// parse's maps small.
var pieceSize = 8 << 10

// decodePieces decodes text in pieces cut at the byte offsets cuts (the
// starts of top-level header lines), and reports false when the pieces
// cannot stand for the whole file.
func decodePieces(text string, cuts []int) (map[string]any, bool) {
	pieces := cut(text, cuts, pieceSize)
	if len(pieces) < 2 {
		return nil, false
	}
	decoded, ok := decodeAll(pieces)
	if !ok {
		return nil, false
	}
	raw := decoded[0].raw
	for i := 1; i < len(decoded); i++ {
		if !merge(raw, decoded[i].raw, nil, decoded[:i], decoded[i]) {
			return nil, false
		}
	}
	return raw, true
}

// cut splits text at some of the offsets cuts, into pieces of at least size
// bytes (but the last).
func cut(text string, cuts []int, size int) []string {
	var pieces []string
	start := 0
	for _, at := range cuts {
		if at-start >= size && len(text)-at >= size {
			pieces = append(pieces, text[start:at])
			start = at
		}
	}
	return append(pieces, text[start:])
}

type decodedPiece struct {
	raw map[string]any
	md  toml.MetaData
}

// decodeAll decodes each piece, on all cores; ok is false if any piece
// cannot be read.
func decodeAll(pieces []string) (decoded []decodedPiece, ok bool) {
	decoded = make([]decodedPiece, len(pieces))
	var next atomic.Int64
	var failed atomic.Bool
	var wg sync.WaitGroup
	for range min(runtime.GOMAXPROCS(0), len(pieces)) {
		wg.Go(func() {
			defer func() {
				if recover() != nil { // the whole file's decoding will report it
					failed.Store(true)
				}
			}()
			for i := int(next.Add(1) - 1); i < len(pieces) && !failed.Load(); i = int(next.Add(1) - 1) {
				d := &decoded[i]
				var err error
				if d.md, err = toml.Decode(pieces[i], &d.raw); err != nil {
					failed.Store(true)
				}
			}
		})
	}
	wg.Wait()
	return decoded, !failed.Load()
}

// merge adds the tables of a piece, src, to those of the pieces before it,
// dst, and reports false where the two overlap in a way that reading the
// whole file might not accept. path is where src and dst are in the file.
func merge(dst, src map[string]any, path []string, before []decodedPiece, piece decodedPiece) bool {
	for key, v := range src {
		old, both := dst[key]
		if !both {
			dst[key] = v
			continue
		}
		at := append(slices.Clip(path), key)
		switch old := old.(type) {
		case []map[string]any: // only [[key]] headers make these
			tables, ok := v.([]map[string]any)
			if !ok {
				return false
			}
			dst[key] = append(old, tables...)
		case map[string]any:
			table, ok := v.(map[string]any)
			if !ok || defines(piece, at) || slices.ContainsFunc(before, func(p decodedPiece) bool { return defines(p, at) }) {
				return false
			}
			if !merge(old, table, at, before, piece) {
				return false
			}
		default:
			return false
		}
	}
	return true
}

// defines reports whether the piece defines the table at path itself (with a
// header, a key or an inline table) rather than only naming tables in it.
func defines(p decodedPiece, path []string) bool {
	return p.md.Type(path...) != ""
}
