package pdf

import (
	"bytes"
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"fmt"
	"regexp"
	"sort"
	"time"
)

// The parts of a PDF that change from one print to the next although the
// page did not: the Info dictionary's dates, the trailer's file identifier,
// and, when there is an uncompressed XMP packet, its dates and ids.
var (
	infoDate = regexp.MustCompile(`/(?:CreationDate|ModDate)\s*\((D:[^)]*)\)`)
	fileID   = regexp.MustCompile(`/ID\s*\[\s*<([0-9A-Fa-f]*)>\s*<([0-9A-Fa-f]*)>\s*\]`)
	xmpDate  = regexp.MustCompile(`<xmp:(?:CreateDate|ModifyDate|MetadataDate)>([^<]*)</`)
	xmpID    = regexp.MustCompile(`<xmpMM:(?:DocumentID|InstanceID)>([^<]*)</`)
	// The ids of tagged structure elements are the renderer's DOM node
	// ids, which count every node the renderer made before, so they shift
	// with the timing of scripts.
	nodeID = regexp.MustCompile(`\(node([0-9]+)\)`)
)

// Normalize makes a PDF from Chromium reproducible, in place: it numbers
// the tagged structure elements' ids from 1, replaces the creation and
// modification dates with date (in UTC), and the file identifier and any
// XMP ids with a hash of the rest of the file. Every
// replacement has the length of what it replaces, so the cross-reference
// offsets stay valid. A value it does not recognise is left as it is.
func Normalize(data []byte, date time.Time) {
	renumberNodes(data)
	date = date.UTC()
	for _, m := range infoDate.FindAllSubmatchIndex(data, -1) {
		old := data[m[2]:m[3]]
		if d := pdfDate(date, len(old)); d != "" {
			copy(old, d)
		}
	}
	for _, m := range xmpDate.FindAllSubmatchIndex(data, -1) {
		old := data[m[2]:m[3]]
		if d := xmpDateString(date, len(old)); d != "" {
			copy(old, d)
		}
	}
	// The ids go last: they are a hash of everything else, dates included,
	// with the ids themselves blanked.
	var ids [][]byte
	for _, m := range fileID.FindAllSubmatchIndex(data, -1) {
		ids = append(ids, data[m[2]:m[3]], data[m[4]:m[5]])
	}
	for _, m := range xmpID.FindAllSubmatchIndex(data, -1) {
		ids = append(ids, data[m[2]:m[3]])
	}
	if len(ids) == 0 {
		return
	}
	shapes := make([][]byte, len(ids))
	for k, id := range ids {
		shapes[k] = bytes.Clone(id)
		for i := range id {
			id[i] = '0'
		}
	}
	sum := sha256.Sum256(data)
	digest := hex.EncodeToString(sum[:])
	for k, id := range ids {
		copy(id, fill(digest, shapes[k]))
	}
}

// renumberNodes replaces the structure elements' ids (node00000191) by
// their rank (node00000001), in place. Ranks follow the ids' order, so the
// ID tree, a name tree sorted by id, stays sorted; each new id has the
// length of the old one.
func renumberNodes(data []byte) {
	matches := nodeID.FindAllSubmatchIndex(data, -1)
	seen := map[string]bool{}
	var ids []string
	for _, m := range matches {
		if id := string(data[m[2]:m[3]]); !seen[id] {
			seen[id] = true
			ids = append(ids, id)
		}
	}
	sort.Strings(ids)
	rank := map[string]string{}
	prev := ""
	for i, id := range ids {
		r := fmt.Sprintf("%0*d", len(id), i+1)
		if len(r) != len(id) || r <= prev {
			return // the order would change: leave the ids alone
		}
		rank[id], prev = r, r
	}
	for _, m := range matches {
		copy(data[m[2]:m[3]], rank[string(data[m[2]:m[3]])])
	}
}

// pdfDate formats date as a PDF date string of exactly n bytes, in the
// first of the usual forms that has that length, or returns "".
func pdfDate(date time.Time, n int) string {
	full := "D:" + date.Format("20060102150405")
	for _, s := range []string{full + "+00'00'", full + "Z", full + "+00'00", full + "Z00'00'", full} {
		if len(s) == n {
			return s
		}
	}
	if n >= len("D:YYYY") && n < len(full) { // D:YYYY, D:YYYYMM, ...
		return full[:n]
	}
	return ""
}

// xmpDateString formats date as an ISO 8601 date of exactly n bytes, or "".
func xmpDateString(date time.Time, n int) string {
	for _, layout := range []string{"2006-01-02T15:04:05+00:00", "2006-01-02T15:04:05Z", "2006-01-02T15:04:05.000+00:00", "2006-01-02T15:04:05.000Z", "2006-01-02"} {
		if s := date.Format(layout); len(s) == n {
			return s
		}
	}
	return ""
}

// fill returns an id shaped like old: hex digits from digest, repeated as
// needed; an XMP "uuid:" id keeps its prefix and dashes.
func fill(digest string, old []byte) []byte {
	out := make([]byte, len(old))
	j := 0
	for i := range out {
		switch c := old[i]; {
		case bytes.HasPrefix(old, []byte("uuid:")) && i < len("uuid:"):
			out[i] = "uuid:"[i]
		case c == '-':
			out[i] = '-'
		default:
			out[i] = digest[j%len(digest)]
			j++
		}
	}
	return out
}

// pageObject matches a page object's type entry, and not the page tree's
// (/Type /Pages).
var pageObject = regexp.MustCompile(`/Type\s*/Page\b`)

// PageCount is the number of pages of a PDF as Chromium writes it: one
// uncompressed object per page.
func PageCount(data []byte) (int, error) {
	n := len(pageObject.FindAllIndex(data, -1))
	if n == 0 {
		return 0, errors.New("cannot count the pages of the PDF: no page objects found")
	}
	return n, nil
}
