package importer

import (
	"bytes"
	"errors"
	"strings"
	"unicode"
	"unicode/utf8"

	"golang.org/x/text/encoding/simplifiedchinese"
	xunicode "golang.org/x/text/encoding/unicode"
)

// decodeText turns a plain-text draft into UTF-8: UTF-8 (with or without a
// byte-order mark), UTF-16 with a byte-order mark (Notepad's "Unicode"), or
// GB18030, which includes GBK and GB2312, what Chinese Windows saves by
// default. It says which it found.
func decodeText(data []byte) (string, string, error) {
	switch {
	case bytes.HasPrefix(data, []byte{0xEF, 0xBB, 0xBF}):
		data = data[3:]
	case bytes.HasPrefix(data, []byte{0xFF, 0xFE}), bytes.HasPrefix(data, []byte{0xFE, 0xFF}):
		out, err := xunicode.UTF16(xunicode.LittleEndian, xunicode.UseBOM).NewDecoder().Bytes(data)
		if err != nil {
			return "", "", err
		}
		return string(out), "UTF-16", nil
	}
	if utf8.Valid(data) {
		return string(data), "UTF-8", nil
	}
	out, err := simplifiedchinese.GB18030.NewDecoder().Bytes(data)
	if err != nil || bytes.ContainsRune(out, utf8.RuneError) {
		return "", "", errors.New("the file is neither UTF-8 nor GB18030 (GBK) text")
	}
	return string(out), "GB18030", nil
}

// normalize makes a line of Chinese draft regular before figures are
// looked for: full-width digits, ％ and the decimal point become ASCII, and
// half-width punctuation between Chinese characters becomes full-width, as
// almanac check asks of Chinese text. Other languages keep their
// punctuation.
func normalize(line string, chinese bool) string {
	rs := []rune(line)
	for i, r := range rs {
		switch {
		case r >= '０' && r <= '９':
			rs[i] = r - '０' + '0'
		case r == '％':
			rs[i] = '%'
		}
	}
	for i, r := range rs {
		if r == '．' && i > 0 && i+1 < len(rs) && isDigit(rs[i-1]) && isDigit(rs[i+1]) {
			rs[i] = '.'
		}
	}
	if !chinese {
		return string(rs)
	}
	for i, r := range rs {
		wide, ok := fullWidth[r]
		if !ok {
			continue
		}
		prev, next := neighbour(rs, i, -1), neighbour(rs, i, 1)
		if isDigit(prev) && isDigit(next) {
			continue // 1,234 and 3.5 stay
		}
		if isHan(prev) || isHan(next) {
			rs[i] = wide
		}
	}
	return strings.TrimSpace(string(rs))
}

var fullWidth = map[rune]rune{',': '，', ';': '；', ':': '：', '(': '（', ')': '）', '?': '？', '!': '！'}

// neighbour is the nearest rune before (dir -1) or after (dir 1) i that is
// not a space or bracket, or 0.
func neighbour(rs []rune, i, dir int) rune {
	for j := i + dir; j >= 0 && j < len(rs); j += dir {
		if r := rs[j]; r != ' ' && r != '(' && r != ')' {
			return r
		}
	}
	return 0
}

func isDigit(r rune) bool { return r >= '0' && r <= '9' }

func isHan(r rune) bool {
	return unicode.Is(unicode.Han, r) || (r >= 0x3000 && r <= 0x303F) || (r >= 0xFF00 && r <= 0xFFEF) || r == '“' || r == '”'
}
