package main

import (
	"flag"
	"strings"
	"testing"
)

// The OpenCC library (the zh-hant edition's conversion) registers a -dir
// flag on the standard flag set when it loads. almanac's commands parse
// their own flag sets, so the two can neither clash nor leak into each
// other: -dir is not an almanac option, and no command's help lists it.
func TestOpenCCsGlobalFlagStaysOutOfTheCommands(t *testing.T) {
	if flag.CommandLine.Lookup("dir") == nil {
		t.Fatal("the OpenCC library's -dir flag is not registered: is the library still linked? This test then shows nothing")
	}
	for _, cmd := range []string{"build", "serve", "check", "new", "deploy"} {
		code, stdout, stderr := runCmd(cmd, "-h")
		if strings.Contains(stdout+stderr, "-dir") {
			t.Errorf("almanac %s -h lists -dir:\n%s%s", cmd, stdout, stderr)
		}
		if code != 0 {
			t.Errorf("almanac %s -h: exit %d", cmd, code)
		}
	}
	code, _, stderr := runCmd("build", "-dir", "/tmp")
	if code != 2 || !strings.Contains(stderr, "-dir") {
		t.Errorf("almanac build -dir: exit %d, %q; want the usage error for an unknown flag", code, stderr)
	}
}
