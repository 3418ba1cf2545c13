package main

import (
	"bytes"
	"testing"

	"github.com/xmca/almanac/internal/messages"
)

// TestDeployOutputInChinese: what deploy prints reaches the editor line by
// line in Chinese; a progress line passes as it is.
func TestDeployOutputInChinese(t *testing.T) {
	var b bytes.Buffer
	w := &lineTranslator{w: &b, t: messages.For(messages.Simplified)}
	w.Write([]byte("plan: 3 to upload (1.2 kB), 10 unchanged, 0 to delete\ndone: 3 uploaded (1.2 kB), 10 unchanged, 0 deleted\n"))
	w.Write([]byte("\r\x1b[Kuploading: 1/3"))
	want := "计划：上传 3 个（1.2 kB），10 个未改动，删除 0 个\n完成：3 个已上传（1.2 kB），10 个未改动，0 个已删除\n\r\x1b[Kuploading: 1/3"
	if b.String() != want {
		t.Errorf("got %q\nwant %q", b.String(), want)
	}
}
