package main

import (
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strings"

	"github.com/xmca/almanac/internal/config"
	"github.com/xmca/almanac/internal/importer"
	"github.com/xmca/almanac/internal/scaffold"
)

func runImport(args []string, stdout, stderr io.Writer) error {
	flags := newFlags("import", stderr)
	siteDir := flags.String("s", ".", "the site `folder` (the one with site.toml)")
	year := flags.String("year", "", "the report `year` the draft belongs to (its folder must exist: almanac new YEAR)")
	lang := flags.String("lang", "", "the `language` of the draft, a key of site.toml such as zh")
	name := flags.String("name", "", "the section's `name` in its web address, like child-welfare (default: from the file name)")
	flags.Usage = func() {
		say(flags.Output(), `Usage:
  almanac import [-s DIR] FILE --year YEAR --lang LANG [--name NAME]
      turn a draft (.docx or plain text) into a draft section and its figures

`)
		flags.PrintDefaults()
	}
	files, err := parseWithArgs(flags, args)
	if err != nil {
		return err
	}
	if len(files) != 1 || *year == "" || *lang == "" {
		sayln(stderr, "almanac import: name one draft, its year and its language, like almanac import 草稿.docx --year 2020 --lang zh")
		flags.Usage()
		return errUsage
	}
	data, err := os.ReadFile(files[0])
	if err != nil {
		return fmt.Errorf("cannot read the draft %s: %w", files[0], err)
	}
	fsys, err := openSite(*siteDir)
	if err != nil {
		return err
	}
	cfg, err := config.Load(fsys)
	if err != nil {
		return err
	}
	plan, err := importer.Import(fsys, cfg, importer.Options{Input: files[0], Data: data, Year: *year, Lang: *lang, Name: *name})
	if err != nil {
		return err
	}
	root, err := os.OpenRoot(*siteDir)
	if err != nil {
		return fmt.Errorf("cannot open the site folder %s: %w", *siteDir, err)
	}
	defer root.Close()
	if err := writePlan(root, plan); err != nil {
		return err
	}
	printPlan(stdout, files[0], plan)
	return nil
}

// writePlan creates the section (never replacing a file) and adds the
// figures and units to the end of figures.toml and site.toml; if adding
// fails, the section is removed again.
func writePlan(root *os.Root, plan *importer.Plan) error {
	created := append([]scaffold.File{plan.Section}, plan.Others...)
	if plan.NewFigures && len(plan.FiguresAdded) > 0 {
		created = append(created, scaffold.File{Path: plan.FiguresFile, Data: plan.FiguresAdded})
	}
	if err := scaffold.Write(root, created); err != nil {
		return err
	}
	undo := func() {
		for _, f := range created {
			root.Remove(f.Path)
		}
	}
	if !plan.NewFigures && len(plan.FiguresAdded) > 0 {
		if err := appendTo(root, plan.FiguresFile, plan.FiguresAdded); err != nil {
			undo()
			return err
		}
	}
	if len(plan.SiteAdded) > 0 {
		if err := appendTo(root, config.File, plan.SiteAdded); err != nil {
			undo()
			return err
		}
	}
	return nil
}

func appendTo(root *os.Root, name string, data []byte) error {
	f, err := root.OpenFile(name, os.O_WRONLY|os.O_APPEND, 0)
	if err != nil {
		return fmt.Errorf("cannot add to %s: %w", name, err)
	}
	_, err = f.Write(data)
	if cerr := f.Close(); err == nil {
		err = cerr
	}
	if err != nil {
		return fmt.Errorf("cannot add to %s: %w", name, err)
	}
	return nil
}

// printPlan says what the import recognised and what the editor should
// look at.
func printPlan(w io.Writer, input string, p *importer.Plan) {
	say(w, "read %s (%s): title %q, %d %s, %d %s\n", input, p.Encoding, p.Title,
		p.Headings, plural(p.Headings, "heading", "headings"), p.Tables, plural(p.Tables, "table", "tables"))
	say(w, "created %s (a draft: delete draft = true when it is ready)\n", filepath.FromSlash(p.Section.Path))
	for _, f := range p.Others {
		say(w, "created %s (a draft to translate)\n", filepath.FromSlash(f.Path))
	}
	if len(p.Figures) > 0 {
		verb := "added"
		if p.NewFigures {
			verb = "created"
		}
		say(w, "%s %s with %d %s:\n", verb, p.FiguresFile, len(p.Figures), plural(len(p.Figures), "figure", "figures"))
		for _, f := range p.Figures {
			q := ""
			if f.Qualifier != "" {
				q = " " + f.Qualifier
			}
			say(w, "  %s %-4d %-12s {{%s}} = %s %s%s  %s\n", p.Where, f.Line, f.Written, f.Key, f.Value, f.Unit, q, f.Label)
		}
	}
	for _, u := range p.NewUnits {
		say(w, "declared the unit %s in site.toml: check its text in each language\n", u)
	}
	if p.Left > 0 {
		say(w, "left %d %s as text (years, dates, ordinals, numbers in titles and names)\n", p.Left, plural(p.Left, "number", "numbers"))
	}
	if len(p.Unsure)+len(p.Notes) > 0 {
		sayln(w, "\nplease look at:")
		for _, n := range append(append([]importer.Note{}, p.Unsure...), p.Notes...) {
			say(w, "  %s %d: %s\n", p.Where, n.Line, n.Text)
		}
	}
	var others []string
	for _, f := range p.Others {
		others = append(others, filepath.FromSlash(f.Path))
	}
	say(w, "\nNext: in %s, give each figure its label in the other languages (they say \"(to translate)\"), rename keys if you like,\nand translate the section in %s, which import started as a draft.\n",
		p.FiguresFile, strings.Join(others, ", "))
}
