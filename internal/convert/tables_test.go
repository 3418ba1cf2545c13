package convert

import (
	"flag"
	"maps"
	"os"
	"slices"
	"strings"
	"testing"
)

var updateTables = flag.Bool("update-tables", false, "rewrite tables/*.txt from dict/*.txt")

// tableSources are the OpenCC dictionaries each table is made of, in
// order: a text of a later one replaces the same text of an earlier one.
var tableSources = map[string][]string{
	"st": {"STCharacters.txt", "STPhrases.txt"},
	"tw": {"TWVariants.txt"},
	"hk": {"HKVariants.txt"},
}

// The tables almanac reads are OpenCC's dictionaries, sorted: after
// updating dict/, rewrite them with go generate ./internal/convert.
func TestTablesAreMadeFromTheDictionaries(t *testing.T) {
	for _, name := range slices.Sorted(maps.Keys(tableSources)) {
		forms := map[string]string{}
		for _, file := range tableSources[name] {
			data, err := os.ReadFile("dict/" + file)
			if err != nil {
				t.Fatal(err)
			}
			readDictionary(string(data), forms)
		}
		want := sortedTable(forms)
		file := "tables/" + name + ".txt"
		if *updateTables {
			if err := os.WriteFile(file, []byte(want), 0o644); err != nil {
				t.Fatal(err)
			}
		}
		got, err := os.ReadFile(file)
		if err != nil {
			t.Fatal(err)
		}
		if string(got) != want {
			t.Errorf("%s is not made from %s: run go generate ./internal/convert", file, strings.Join(tableSources[name], ", "))
		}
	}
}

// readDictionary adds the lines of an OpenCC dictionary to forms: a line
// is a text, a tab and its forms separated by spaces, the usual one first;
// a line without a tab (such as the last line of STPhrases.txt, which
// lacks it) says nothing.
func readDictionary(data string, forms map[string]string) {
	for _, line := range strings.Split(data, "\n") {
		text, rest, ok := strings.Cut(strings.TrimSpace(line), "\t")
		if f := strings.Fields(rest); ok && text != "" && len(f) > 0 {
			forms[text] = f[0]
		}
	}
}

// sortedTable writes forms as a table: "text<TAB>form" lines sorted by text.
func sortedTable(forms map[string]string) string {
	var b strings.Builder
	for _, text := range slices.Sorted(maps.Keys(forms)) {
		b.WriteString(text + "\t" + forms[text] + "\n")
	}
	return b.String()
}

// Keys that begin outside the Basic Multilingual Plane, which OpenCC's
// Simplified tables do not have yet, are found as the others are.
func TestTableFindsKeysOutsideTheBasicPlane(t *testing.T) {
	table := readTable(sortedTable(map[string]string{"𠀀": "甲", "𠀀𠀁": "乙丙", "𠀀𠀁𠀂𠀃": "丁戊己庚", "\uffff": "辛", "㐀": "壬"}))
	for in, want := range map[string]string{
		"𠀀𠀁𠀂":      "乙丙𠀂", // the longest key that is there; 𠀀𠀁𠀂𠀃 is not
		"𠀀𠀁𠀂𠀃":     "丁戊己庚",
		"x𠀀y":      "x甲y",
		"\uffff𠀀㐀": "辛甲壬",
	} {
		if got := table.convert(in); got != want {
			t.Errorf("%q → %q, want %q", in, got, want)
		}
	}
}
