package translation

import (
	"strings"
	"testing"

	"github.com/BurntSushi/toml"
)

const sourceBody = "开头一段。\n\n## 儿童福利 {#child-welfare}\n\n设立{{sites}}示范点。\n\n```\n## not a heading\n```\n\n### 困境儿童\n\n关爱。\n"

func TestFingerprintSections(t *testing.T) {
	secs := Fingerprint("标题", "摘要", []byte(sourceBody), 5)
	var keys []string
	for _, s := range secs {
		keys = append(keys, s.Key)
	}
	if got := strings.Join(keys, "|"); got != "_title|_intro|child-welfare|困境儿童" {
		t.Fatalf("sections %q", got)
	}
	if secs[2].Line != 7 || secs[2].Heading != "儿童福利" || secs[3].Line != 15 || secs[3].Index != 2 {
		t.Errorf("heading places %+v %+v", secs[2], secs[3])
	}
	// The figure reference is hashed as written, so only prose edits count.
	same := Fingerprint("标题", "摘要", []byte(strings.Replace(sourceBody, "设立{{sites}}", "设立\n{{sites}}", 1)), 5)
	edited := Fingerprint("标题", "摘要", []byte(strings.Replace(sourceBody, "关爱。", "关爱服务。", 1)), 5)
	for i := range secs {
		if same[i].Hash != secs[i].Hash {
			t.Errorf("re-wrapping a line changed %s", secs[i].Key)
		}
		if (edited[i].Hash != secs[i].Hash) != (secs[i].Key == "困境儿童") {
			t.Errorf("editing 困境儿童: %s changed = %v", secs[i].Key, edited[i].Hash != secs[i].Hash)
		}
	}
}

func TestCompareMatchesTranslationHeadings(t *testing.T) {
	old := Fingerprint("标题", "摘要", []byte(sourceBody), 5)
	recorded := map[string]string{}
	for _, s := range old {
		recorded[s.Key] = s.Hash
	}
	recorded["gone"] = "000000000000"
	now := Fingerprint("标题", "摘要", []byte(strings.Replace(sourceBody, "关爱。", "关爱服务。", 1)+"\n## 新节 {#new}\n\n新。\n"), 5)
	target := Fingerprint("Title", "Summary", []byte("Intro.\n\n## Child Welfare {#child-welfare}\n\nText.\n\n### Children in Difficulty\n\nCare.\n"), 5)
	changes := Compare(recorded, now, target)
	if len(changes) != 3 {
		t.Fatalf("changes %+v", changes)
	}
	if c := changes[0]; c.Kind != Changed || c.Source.Key != "困境儿童" || c.Target == nil || c.Target.Heading != "Children in Difficulty" {
		t.Errorf("first change %+v; want 困境儿童 matched by position to Children in Difficulty", c)
	}
	if c := changes[1]; c.Kind != Added || c.Source.Key != "new" || c.Target != nil {
		t.Errorf("second change %+v; want the new section", c)
	}
	if c := changes[2]; c.Kind != Removed || c.Source.Key != "gone" {
		t.Errorf("third change %+v; want the removed one", c)
	}
}

func TestRecordRewritesOnlyTheRecord(t *testing.T) {
	secs := Fingerprint("标题", "摘要", []byte(sourceBody), 5)
	file := "+++\ntitle = \"T\"\n\n[extra]\nnote = \"kept\"\n+++\n\nBody.\n"
	once, ok := Record([]byte(file), secs)
	if !ok {
		t.Fatal("no front matter found")
	}
	twice, _ := Record(once, secs)
	if string(once) != string(twice) {
		t.Errorf("recording twice differs:\n%s\n---\n%s", once, twice)
	}
	front := strings.SplitN(string(once), "+++\n", 3)[1]
	var got struct {
		Title      string
		Translated map[string]string
		Extra      map[string]string
	}
	if _, err := toml.Decode(front, &got); err != nil {
		t.Fatalf("%v in\n%s", err, front)
	}
	if got.Title != "T" || got.Extra["note"] != "kept" || len(got.Translated) != len(secs) || got.Translated["困境儿童"] != secs[3].Hash {
		t.Errorf("decoded %+v from\n%s", got, front)
	}
	if !strings.HasSuffix(string(once), "+++\n\nBody.\n") {
		t.Errorf("the body changed:\n%s", once)
	}
}

func TestRepeatedHeadingsGetKeysOfTheirOwn(t *testing.T) {
	secs := Fingerprint("标题", "", []byte("## 甲\n\n### 其他\n\n一。\n\n## 乙\n\n### 其他\n\n二。\n\n### 其他\n\n三。\n"), 5)
	var keys []string
	for _, s := range secs[1:] {
		keys = append(keys, s.Key)
	}
	if got := strings.Join(keys, "|"); got != "甲|其他|乙|其他 (2)|其他 (3)" {
		t.Errorf("keys %q", got)
	}
	out, _ := Record([]byte("+++\ntitle = \"T\"\n+++\n"), secs)
	var got struct{ Translated map[string]string }
	if _, err := toml.Decode(strings.SplitN(string(out), "+++\n", 3)[1], &got); err != nil || len(got.Translated) != len(secs) {
		t.Errorf("%v, %d keys recorded:\n%s", err, len(got.Translated), out)
	}
}
