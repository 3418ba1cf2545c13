package qr

import (
	"bufio"
	"crypto/sha256"
	"encoding/hex"
	"flag"
	"fmt"
	"math/rand/v2"
	"os"
	"strings"
	"testing"
)

var update = flag.Bool("update", false, "rewrite testdata/svg.golden from the current SVG")

// goldenCase is one input of the golden corpus.
type goldenCase struct{ text, title string }

// goldenCorpus is a fixed set of inputs covering what a build encodes (page
// URLs of every plausible length, in each language) and what it might:
// texts in each of go-qr's three modes, of every length up to the largest
// code and past it, and titles that need cleaning or escaping. It is
// generated, not stored, so the golden file only holds hashes.
func goldenCorpus() []goldenCase {
	var cases []goldenCase
	add := func(text, title string) { cases = append(cases, goldenCase{text, title}) }
	for i := range 600 {
		lang := [...]string{"zh", "en", "zh-hant"}[i%3]
		base := [...]string{"https://mzj.xm.gov.cn/report/", "http://localhost:1313/", "https://example.org/"}[i%3]
		add(fmt.Sprintf("%s%s/%d/%0*d-section-%d/", base, lang, 2001+i%25, 1+i%9, i, i*i), "扫码在手机上打开本页")
	}
	titles := []string{
		"QR code", "扫码在手机上打开本页", " Scan\tto open\nthis page ", `<a href="x">&'`,
		"\x00\x01ctrl\x7f", "bad \xff\xfe utf-8",
	}
	badTitles := []string{"", " \n\t", "\uFFFE\uFFFF"} // nothing left to announce
	alphabets := []string{
		"0123456789",
		"0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ $%*+-./:",
		"abcdefghijklmnopqrstuvwxyz0123456789-_/.:?#=&%",
		"厦门市民政局年度报告社会组织abc",
		"\x00\xff\x80é",
	}
	r := rand.New(rand.NewPCG(20, 26))
	for i := range 2400 {
		a := []rune(alphabets[i%len(alphabets)])
		// Up to 340 runes, past version 11; and every 97th (so in every
		// alphabet) near and past the largest code.
		n := 1 + r.IntN(40+i/8)
		if i%97 == 0 {
			n = 1000 + r.IntN(4000)
		}
		var b strings.Builder
		for range n {
			b.WriteRune(a[r.IntN(len(a))])
		}
		title := titles[r.IntN(len(titles))]
		if i%50 == 7 {
			title = badTitles[r.IntN(len(badTitles))]
		}
		add(b.String(), title)
	}
	add("", "QR")
	return cases
}

// TestGolden pins SVG's output, byte for byte, on the golden corpus: a hash
// per case, so that a change of renderer or of go-qr's version cannot
// change a byte of a built site unnoticed. Run with -update only for an
// intended change.
func TestGolden(t *testing.T) {
	cases := goldenCorpus()
	got := make([]string, len(cases))
	for i, c := range cases {
		got[i] = goldenHash(SVG(c.text, c.title))
	}
	const file = "testdata/svg.golden"
	if *update {
		if err := os.MkdirAll("testdata", 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(file, []byte(strings.Join(got, "\n")+"\n"), 0o644); err != nil {
			t.Fatal(err)
		}
		return
	}
	f, err := os.Open(file)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	var want []string
	for s := bufio.NewScanner(f); s.Scan(); {
		want = append(want, s.Text())
	}
	if len(want) != len(cases) {
		t.Fatalf("%s has %d hashes for %d cases; the corpus changed", file, len(want), len(cases))
	}
	failed := 0
	for i, c := range cases {
		if got[i] != want[i] && failed < 10 {
			failed++
			t.Errorf("case %d (text %.60q, title %q): output hash %s, golden %s", i, c.text, c.title, got[i], want[i])
		}
	}
}

// goldenHash names an output by the first 12 bytes of its SHA-256, or
// "error" (errors' wording may change, their occurrence may not).
func goldenHash[S ~string](out S, err error) string {
	if err != nil {
		return "error"
	}
	sum := sha256.Sum256([]byte(out))
	return hex.EncodeToString(sum[:12])
}
