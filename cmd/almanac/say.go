package main

import (
	"flag"
	"fmt"
	"io"
	"strings"

	"github.com/xmca/almanac/internal/messages"
)

// tr speaks the language of this computer's locale (LANG, LC_MESSAGES,
// LC_ALL): Chinese for a Chinese-speaking editor, English otherwise.
func tr() *messages.Translator { return messages.Default() }

// say prints a message in the editor's language.
func say(w io.Writer, format string, args ...any) {
	fmt.Fprint(w, tr().Sprintf(format, args...))
}

// sayln prints a line of text in the editor's language.
func sayln(w io.Writer, text string) {
	fmt.Fprintln(w, tr().Text(text))
}

// localizeFlags puts each flag's description in the editor's language,
// for -h.
func localizeFlags(fs *flag.FlagSet) {
	fs.VisitAll(func(f *flag.Flag) { f.Usage = tr().Text(f.Usage) })
}

// help is the program's usage in the editor's language, line by line.
func help() string {
	lines := strings.Split(usage, "\n")
	for i, l := range lines {
		lines[i] = tr().Text(l)
	}
	return strings.Join(lines, "\n")
}

// lineTranslator passes what a library prints (deploy's plan and summary)
// to w line by line in the editor's language. A progress line, which
// rewrites itself with a carriage return, passes as it is.
type lineTranslator struct {
	w   io.Writer
	t   *messages.Translator // nil: the editor's
	buf []byte
}

func (l *lineTranslator) Write(p []byte) (int, error) {
	l.buf = append(l.buf, p...)
	for {
		if len(l.buf) > 0 && l.buf[0] == '\r' {
			_, err := l.w.Write(l.buf)
			l.buf = l.buf[:0]
			return len(p), err
		}
		i := strings.IndexByte(string(l.buf), '\n')
		if i < 0 {
			return len(p), nil
		}
		line := string(l.buf[:i])
		l.buf = l.buf[i+1:]
		t := l.t
		if t == nil {
			t = tr()
		}
		if _, err := io.WriteString(l.w, t.Text(line+"\n")); err != nil {
			return len(p), err
		}
	}
}
