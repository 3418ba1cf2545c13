package diag

import (
	"fmt"
	"strings"
	"testing"
)

func TestLineColCountsCharacters(t *testing.T) {
	src := []byte("第一行\n共有{{x}}家")
	off := strings.Index(string(src), "{{")
	if line, col := LineCol(src, off); line != 2 || col != 3 {
		t.Errorf("got %d:%d, want 2:3 (columns count characters, not bytes)", line, col)
	}
}

func TestListErrorIsSortedAndFlattened(t *testing.T) {
	var l List
	l.Add("b.md", Errorf("b.md", 3, 1, "fix b", "second"))
	l.Add("a.md", List{Errorf("a.md", 9, 0, "", "first")})
	l.Add("c.md", fmt.Errorf("plain"))
	got := l.Error()
	if !strings.HasPrefix(got, "a.md:9: first") || !strings.Contains(got, "b.md:3:1: second\n\tfix b") || !strings.Contains(got, "c.md: plain") {
		t.Errorf("got:\n%s", got)
	}
	if len(l) != 3 {
		t.Errorf("%d entries, want 3", len(l))
	}
	if l[0].File != "b.md" || l[1].File != "a.md" {
		t.Errorf("Error() reordered the list it was called on: %s, %s", l[0].File, l[1].File)
	}
}

func TestWarningsAreNotFailures(t *testing.T) {
	l := List{{File: "a.md", Severity: Warning, Msg: "unused"}}
	if l.Err() != nil {
		t.Error("a list of warnings should not be an error")
	}
	if !strings.Contains(l[0].Error(), "warning: unused") {
		t.Errorf("got %q", l[0].Error())
	}
}

func TestUniqueDropsRepeats(t *testing.T) {
	a := Errorf("layouts/partials/chart.html", 3, 0, "fix it", "template: bad")
	b := Errorf("content/2019/a.zh.md", 7, 2, "", "other")
	again := *a
	got := List{a, b, &again, Errorf("layouts/partials/chart.html", 3, 0, "fix it", "template: worse")}.Unique()
	var lines []string
	for _, d := range got {
		lines = append(lines, d.Pos()+": "+d.Msg)
	}
	want := []string{"content/2019/a.zh.md:7:2: other", "layouts/partials/chart.html:3: template: bad", "layouts/partials/chart.html:3: template: worse"}
	if strings.Join(lines, "\n") != strings.Join(want, "\n") {
		t.Errorf("Unique gave\n%s\nwant\n%s", strings.Join(lines, "\n"), strings.Join(want, "\n"))
	}
}
