// Package publish turns a rendered site (output.Files) into a production
// build: minified, fingerprinted with Subresource Integrity, precompressed,
// and with the files static hosts and crawlers read (_headers, _redirects,
// sitemap.xml, robots.txt).
//
// It works on output.Files and on what Options says of the site (its
// base URL, its languages and the pages to list), not on the site model
// itself, so it can run after any renderer. Everything it writes is a pure function of its
// input: maps are walked in sorted order, nothing records a time, and hashes
// are of content, so the same input gives byte-identical output and a deploy
// uploads only what really changed.
//
// The order of the steps matters and Process keeps it:
//
//  1. Minify (optional): HTML, CSS, JS, SVG, JSON, XML. It runs first so that
//     the fingerprints and integrity hashes below are of the bytes served.
//  2. Fingerprint (optional): assets get content-hash names, references in
//     HTML and CSS are rewritten, <link>/<script> get integrity + crossorigin.
//  3. Host files (always): sitemap.xml, robots.txt, _redirects.
//  4. Precompress (optional): .gz and .br siblings of text files.
//  5. _headers (always), last so that its rules cover every file. It carries
//     a Content-Security-Policy, so every page is checked against it and a
//     page that would break under it is an error.
package publish

import (
	"github.com/xmca/almanac/internal/output"
)

// Options says which production steps Process runs.
type Options struct {
	// BaseURL is the absolute URL the site is served at, with or without a
	// trailing slash ("https://mzj.xm.gov.cn/report/"). sitemap.xml and
	// robots.txt need it; its path is the prefix root-relative links carry.
	BaseURL string

	// Pages are the pages sitemap.xml lists, with their translations.
	Pages []Page
	// Languages are the site's languages in order, each with its home
	// page, for the root's language redirects in _redirects.
	Languages []Language

	Minify      bool // minify HTML, CSS, JS, SVG, JSON and XML
	Fingerprint bool // content-hash names for assets, with SRI
	Precompress bool // .gz and .br siblings of text files
	// CompressCache, when set, is a folder that keeps compressed bytes
	// between builds, so that a rebuild compresses only what changed.
	CompressCache string
}

// Page is a page sitemap.xml lists: its output file ("zh/2019/index.html")
// and its hreflang alternates.
type Page struct {
	File       string
	Alternates []Alternate
}

// Alternate is a page's version for an hreflang value ("zh-Hans", "en",
// "x-default"), by its output file.
type Alternate struct {
	Hreflang, File string
}

// Language is one of the site's languages for _redirects: its BCP 47 tag
// ("zh-Hans") and its home page's output file ("zh/index.html").
type Language struct {
	Tag, Home string
}

// Process post-processes files in place. The host files (sitemap.xml,
// robots.txt, _redirects, _headers) are written whatever the options say, so
// a plain build gets them too; the other steps run when their option is set.
//
// Errors are *diag.Diagnostic or diag.List values naming the output file
// (e.g. "zh/2019/index.html") at fault.
func Process(files output.Files, opt Options) error {
	s, err := newSite(opt.BaseURL)
	if err != nil {
		return err
	}
	s.pages, s.langs = opt.Pages, opt.Languages
	if opt.Minify {
		if err := Minify(files); err != nil {
			return err
		}
	}
	if opt.Fingerprint {
		if _, err := fingerprint(files, s); err != nil {
			return err
		}
	}
	return writeHostFiles(files, s, opt)
}

// writeHostFiles writes the host files, precompressing in between when asked
// so that _headers, written last, has rules for the .gz and .br files too.
func writeHostFiles(files output.Files, s *site, opt Options) error {
	if err := s.requireBase("sitemap.xml and robots.txt"); err != nil {
		return err
	}
	// _headers may be written only when every page keeps to its policy,
	// and checking them is most of the work here. No step changes a page
	// or a stylesheet, so the check runs alongside the others, on its own
	// list of the files; its verdict is taken where _headers is written.
	pages := cspFiles(files)
	checked := make(chan error, 1)
	go func() { checked <- s.checkCSPFiles(pages) }()
	if err := writeSiteFiles(files, s, opt); err != nil {
		<-checked
		return err
	}
	hdr, err := headersChecked(files, s)
	if cspErr := <-checked; cspErr != nil {
		return cspErr // the policy's error first, as headers gives it
	}
	if err != nil {
		return err
	}
	files[headersFile] = hdr
	return nil
}

// writeSiteFiles writes sitemap.xml, robots.txt and _redirects, and
// precompresses when asked.
func writeSiteFiles(files output.Files, s *site, opt Options) error {
	sm, err := sitemap(s)
	if err != nil {
		return err
	}
	if opt.Minify {
		if sm, err = minifyBytes(newMinifier(), "sitemap.xml", sm); err != nil {
			return err
		}
	}
	files[sitemapFile] = sm
	files[robotsFile] = robots(files[robotsFile], s)
	red, err := redirects(files, s)
	if err != nil {
		return err
	}
	files[redirectsFile] = red
	if opt.Precompress {
		return Precompress(files, opt.CompressCache)
	}
	return nil
}
