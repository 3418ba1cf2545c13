package check

import (
	"bytes"
	"encoding/json"
	"errors"
	"testing"

	"github.com/xmca/almanac/internal/build"
	"github.com/xmca/almanac/internal/diag"
)

// FuzzCheck builds and checks the fixture site with a section's two
// translations and the end of figures.toml replaced by generated text, and
// with files left out as drop says: the loader, the build and the checker
// must never panic, and every problem must name a file.
func FuzzCheck(f *testing.F) {
	base := fixture()
	f.Add(string(base[alphaZh].Data), string(base[alphaEn].Data), "", uint8(0))
	f.Add("+++\ntitle = \"甲\"\n+++\n\n# 标题\n\n## 重复 {#main}\n\n共5964家，[坏](../nope/#x)、[好](#main)、![图](data:image/png;base64,xx)\n",
		"+++\ntitle = \"A\"\n+++\n\n[a](<../alpha>) [b](https://example.gov.cn/report/../../etc/passwd) [c](%zz) [d](#%E5%84%BF)\n",
		"\n[figure.extra]\nvalue = 5964\nunit = \"items\"\nlabel = { zh = \"甲\", en = \"A\" }\n", uint8(1))
	f.Add("+++\ntitle = \"甲\"\n+++\n<div><p><span>{{orgs}}</div>\n\n| a | {{chart orgs-by-type}} |\n|---|---|\n",
		"+++\ntitle = \"A\"\n+++\n{{chart orgs-by-type}}\n{{chart orgs-by-type}}\n{{key-figures orgs assoc}}\n",
		"\n[[rule]]\ntotal = \"orgs\"\nparts = [\"orgs\"]\n", uint8(6))
	f.Add("+++\ntitle = \"甲\"\ndraft = true\n+++\n", "+++\ntitle = \"A\"\nslug = \"beta\"\n+++\n", "[chart.x]\n", uint8(255))
	f.Fuzz(func(t *testing.T, zh, en, figures string, drop uint8) {
		fsys := fixture()
		setFile(fsys, alphaZh, zh)
		setFile(fsys, alphaEn, en)
		appendTo(fsys, figs, figures)
		for i, name := range []string{betaEn, "content/2019/_index.en.md", "content/_index.zh.md", figs, "layouts/print.html", "layouts/i18n/en.toml"} {
			if drop&(1<<i) != 0 {
				delete(fsys, name)
			}
		}
		res, err := build.Run(fsys, build.Options{Dev: true})
		var list diag.List
		if err != nil {
			var d *diag.Diagnostic
			switch {
			case errors.As(err, &list):
			case errors.As(err, &d):
				list = diag.List{d}
			default:
				t.Fatalf("build error %v (%T) is not a diagnostic", err, err)
			}
		} else {
			list = Run(res, fsys)
		}
		for _, d := range list {
			if d.File == "" || d.Msg == "" || d.Line < 0 || d.Col < 0 {
				t.Fatalf("finding without a file or a message: %+v", d)
			}
		}
		var b bytes.Buffer
		if err := WriteJSON(&b, list); err != nil || !json.Valid(b.Bytes()) {
			t.Fatalf("JSON output (%v):\n%s", err, b.Bytes())
		}
	})
}
