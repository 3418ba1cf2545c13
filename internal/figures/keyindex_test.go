package figures

import "testing"

func TestKeyIndex(t *testing.T) {
	src := "\uFEFF# comment [figure.fake]\n" + // 1
		"[figure.a]   # [figure.fake2]\n" + // 2
		"label = { zh = \"x = 1\", en = 'y' }\n" + // 3
		"note = \"\"\"\n" + // 4
		"[figure.fake3]\n" + // 5
		"unit = \"x\"\"\"\"\"\n" + // 6: two quotes end the text before the closing three
		"unit = 'z'\n" + // 7
		"[[rule]]\n" + // 8
		"total = \"a\"\n" + // 9
		" [[ rule ]] \n" + // 10
		"total = \"b\"\n" + // 11
		"[chart . \"c d\"]\n" + // 12
		"figures = [\n  \"a\", # ]\n  \"b\",\n]\n" + // 13-16
		"title.zh = '''\n[x]\n'''\n" + // 17-19
		"list = [{ k = 1 }, { k = 2 }]\n" // 20
	ix := indexKeys(src)
	for _, c := range []struct {
		path []string
		from position
		want position
	}{
		{[]string{"figure", "a"}, position{}, position{2, 1}},
		{[]string{"figure", "a", "label", "en"}, position{}, position{3, 25}},
		{[]string{"figure", "a", "unit"}, position{}, position{7, 1}},
		{[]string{"figure", "a", "missing"}, position{}, position{2, 1}},
		{[]string{"rule", "total"}, position{}, position{9, 1}},
		{[]string{"rule", "total"}, position{10, 2}, position{11, 1}},
		{[]string{"chart", "c d", "figures"}, position{}, position{13, 1}},
		{[]string{"chart", "c d", "title", "zh"}, position{}, position{17, 1}},
		{[]string{"x"}, position{}, position{}},
		{[]string{"chart", "c d", "list", "k"}, position{}, position{20, 11}},
	} {
		if got := ix.find(c.from, c.path...); got != c.want {
			t.Errorf("find(%v, %q) = %v, want %v", c.from, c.path, got, c.want)
		}
	}
	for _, fake := range [][]string{{"figure", "fake"}, {"figure", "fake2"}, {"figure", "fake3"}, {"x"}} {
		if n, ok := ix.node(fake...); ok {
			t.Errorf("%q, inside a comment or text, noted as a key at %v", fake, ix.nodes[n].at)
		}
	}
	if got := ix.table(1, "rule"); got != (position{10, 2}) {
		t.Errorf("second [[rule]] at %v", got)
	}
	list, _ := ix.node("chart", "c d", "list")
	if got := ix.tables[list]; len(got) != 2 || got[1] != (position{20, 20}) {
		t.Errorf("inline tables of list at %v", got)
	}
}
