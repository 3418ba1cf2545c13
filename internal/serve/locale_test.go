package serve

import (
	"os"
	"testing"
)

// TestMain runs the dev server's tests in English whatever this
// computer's locale: they read its messages.
func TestMain(m *testing.M) {
	os.Setenv("LC_ALL", "C")
	os.Exit(m.Run())
}
