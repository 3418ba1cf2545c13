//go:build ignore

// gen_hant writes zh-Hant-TW.toml and zh-Hant-HK.toml from zh-Hans.toml,
// in this folder and in library/: the same English keys, each translation
// converted by internal/convert (OpenCC's s2tw and s2hk), as the 繁體
// edition is. Run it with go generate after editing either zh-Hans.toml.
package main

import (
	"bytes"
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"strings"

	"github.com/BurntSushi/toml"

	"github.com/xmca/almanac/internal/convert"
)

func main() {
	for _, dir := range []string{".", "library"} {
		convertCatalog(dir)
	}
}

// convertCatalog writes dir's Traditional catalogs from its zh-Hans.toml.
func convertCatalog(dir string) {
	src, err := os.ReadFile(filepath.Join(dir, "zh-Hans.toml"))
	check(err)
	var cat map[string]string
	_, err = toml.Decode(string(src), &cat)
	check(err)
	keys := slices.Sorted(func(yield func(string) bool) {
		for k := range cat {
			if !yield(k) {
				return
			}
		}
	})
	var header []string
	for _, line := range strings.Split(string(src), "\n") {
		if !strings.HasPrefix(line, "#") {
			break
		}
		header = append(header, line)
	}
	for _, c := range []struct{ file, config string }{{"zh-Hant-TW.toml", "s2tw"}, {"zh-Hant-HK.toml", "s2hk"}} {
		// One translation per line, as JSON strings, so line breaks in a
		// translation stay escapes; the header is converted too.
		var in bytes.Buffer
		for _, h := range header {
			in.WriteString(h + "\n")
		}
		for _, k := range keys {
			v, _ := json.Marshal(cat[k])
			in.Write(v)
			in.WriteByte('\n')
		}
		conv, err := convert.New(convert.Settings{Config: c.config})
		check(err)
		var lines []string
		for _, line := range strings.Split(strings.TrimSuffix(in.String(), "\n"), "\n") {
			lines = append(lines, conv.String(line))
		}
		var b strings.Builder
		b.WriteString("# 由 zh-Hans.toml 用 OpenCC 自動轉換（go generate ./internal/messages），請勿直接修改。\n")
		b.WriteString("# Generated from zh-Hans.toml with OpenCC (go generate ./internal/messages): do not edit.\n")
		for _, h := range lines[:len(header)] {
			b.WriteString(h + "\n")
		}
		b.WriteString("\n")
		for i, k := range keys {
			key, _ := json.Marshal(k)
			var v string
			check(json.Unmarshal([]byte(lines[len(header)+i]), &v))
			val, _ := json.Marshal(v)
			fmt.Fprintf(&b, "%s = %s\n", unescapeHTML(key), unescapeHTML(val))
		}
		check(os.WriteFile(filepath.Join(dir, c.file), []byte(b.String()), 0o644))
	}
}

// unescapeHTML undoes encoding/json's \u003c escapes, which TOML reads the
// same but an editor reads worse.
func unescapeHTML(b []byte) string {
	return strings.NewReplacer(`\u003c`, "<", `\u003e`, ">", `\u0026`, "&").Replace(string(b))
}

func check(err error) {
	if err != nil {
		fmt.Fprintln(os.Stderr, "gen_hant:", err)
		os.Exit(1)
	}
}
