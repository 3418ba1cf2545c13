package convert

import (
	"os"
	"path/filepath"
	"testing"
)

// A build whose text was all converted before reads the cache, not the
// dictionary, and gets the same text.
func TestDiskCacheSparesTheDictionary(t *testing.T) {
	dir := t.TempDir()
	UseDiskCache(dir)
	t.Cleanup(func() { UseDiskCache(""); Unload() })
	Unload()
	settings := Settings{Config: "s2hk", Locale: "zh-Hant-HK", Phrases: map[string]string{"余明": "余明"}}
	first := newConverter(t, settings)
	want := first.String("余明谈“头发”与发展")
	if want != "余明談「頭髮」與發展" {
		t.Fatalf("converted %q", want)
	}
	SaveDiskCache()
	files, _ := filepath.Glob(filepath.Join(dir, "convert-*.gob"))
	if len(files) != 1 {
		t.Fatalf("cache files: %v", files)
	}

	Unload() // as a new process
	again := newConverter(t, settings)
	if got := again.String("余明谈“头发”与发展"); got != want {
		t.Errorf("from the cache: %q, want %q", got, want)
	}
	if _, loaded := dictionaries.Load("s2hk"); loaded {
		t.Error("the dictionary was read although the cache had the text")
	}
	if again.String("新的句子") != "新的句子" {
		t.Error("new text")
	}
	if _, loaded := dictionaries.Load("s2hk"); !loaded {
		t.Error("new text should need the dictionary")
	}

	// Other settings, other cache: a new correction is never hidden by
	// text converted without it.
	Unload()
	other := newConverter(t, Settings{Config: "s2hk", Locale: "zh-Hant-HK", Phrases: map[string]string{"余明": "余明", "发展": "發達"}})
	if got := other.String("余明谈“头发”与发展"); got != "余明談「頭髮」與發達" {
		t.Errorf("with another correction: %q", got)
	}

	// A damaged file is a slower build, not a failure.
	if err := os.WriteFile(files[0], []byte("not gob"), 0o644); err != nil {
		t.Fatal(err)
	}
	Unload()
	if got := newConverter(t, settings).String("余明谈“头发”与发展"); got != want {
		t.Errorf("with a damaged cache: %q", got)
	}
}
