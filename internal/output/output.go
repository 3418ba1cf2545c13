// Package output holds a built site in memory and writes it to disk so
// that a failed build never leaves a half-written folder behind.
package output

// Files is a built site: slash-separated paths relative to the site root
// ("zh/2019/index.html", "css/site.css") mapped to their contents.
// Every stage after rendering (minify, fingerprint, precompress, check,
// serve, write) reads and rewrites this one value.
type Files map[string][]byte
