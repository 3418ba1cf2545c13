package check

import (
	"fmt"
	"runtime"
	"testing"

	"github.com/xmca/almanac/internal/build"
)

// The checks read the built pages and the Markdown on all cores: what they
// find, and in what order, must be the same on one core as on many.
func TestFindingsDoNotDependOnTheCores(t *testing.T) {
	f := fixture()
	for i := range 30 {
		for _, lang := range []string{"zh", "en"} {
			setFile(f, fmt.Sprintf("content/2019/%02d-extra%d.%s.md", 10+i, i, lang), fmt.Sprintf(
				"+++\ntitle = \"Extra %d\"\n+++\n\nSee [nowhere](../nowhere-%d/) and [that](../alpha/#gone-%d)[^n%d].\n\n## Twice {#twice}\n\n## Again {#twice}\n", i, i, i, i))
		}
	}
	replaceIn(t, f, "layouts/section.html", `<div class="prose">`, `<div id="prose"></div><div id="prose"><span><div class="prose">`)
	res, err := build.Run(f, build.Options{Dev: true})
	if err != nil {
		t.Fatalf("build failed:\n%v", err)
	}
	defer runtime.GOMAXPROCS(runtime.GOMAXPROCS(1))
	errs := Errors(res, f)
	oneRun, oneErrors := describeAll(Run(res, f)), describeAll(errs)
	runtime.GOMAXPROCS(8)
	manyRun, manyErrors := describeAll(Run(res, f)), describeAll(Errors(res, f))
	if want := 4 * 30; len(errs) < want {
		t.Fatalf("the changed fixture should have at least %d errors, found %d:\n%s", want, len(errs), oneErrors)
	}
	if manyRun != oneRun {
		t.Errorf("Run on 8 cores finds:\n%s\non one core:\n%s", manyRun, oneRun)
	}
	if manyErrors != oneErrors {
		t.Errorf("Errors on 8 cores finds:\n%s\non one core:\n%s", manyErrors, oneErrors)
	}
}
