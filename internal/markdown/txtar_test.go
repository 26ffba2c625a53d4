package markdown

import (
	"bytes"
	"strings"
)

// This file holds the little of the txtar format the golden tests need.
// github.com/rogpeppe/go-internal/txtar would do, but it imports
// golang.org/x/tools/txtar, which go.sum does not list; a dozen lines here
// cost less than a new module. The format is the one those packages read:
// a free comment, then files, each opened by a line "-- name --".

// archive is a parsed txtar file.
type archive struct {
	comment []byte
	files   []archiveFile
}

type archiveFile struct {
	name string
	data []byte
}

// parseArchive parses data. Like txtar, it never fails: text before the
// first marker is the comment.
func parseArchive(data []byte) *archive {
	a := new(archive)
	cur := &a.comment
	for line := range bytes.Lines(data) {
		if name, ok := marker(line); ok {
			a.files = append(a.files, archiveFile{name: name})
			cur = &a.files[len(a.files)-1].data
			continue
		}
		*cur = append(*cur, line...)
	}
	return a
}

// marker reports whether line is a file marker, and the file's name.
func marker(line []byte) (string, bool) {
	s := strings.TrimSuffix(string(line), "\n")
	name, ok := strings.CutPrefix(s, "-- ")
	if !ok {
		return "", false
	}
	name, ok = strings.CutSuffix(name, " --")
	name = strings.TrimSpace(name)
	return name, ok && name != ""
}

// format serialises a, ending every file with a newline as txtar does.
func (a *archive) format() []byte {
	var b bytes.Buffer
	b.Write(a.comment)
	for _, f := range a.files {
		b.WriteString("-- " + f.name + " --\n")
		b.Write(f.data)
		if len(f.data) > 0 && f.data[len(f.data)-1] != '\n' {
			b.WriteByte('\n')
		}
	}
	return b.Bytes()
}

// file returns the data of the file called name, and whether there is one.
func (a *archive) file(name string) ([]byte, bool) {
	for _, f := range a.files {
		if f.name == name {
			return f.data, true
		}
	}
	return nil, false
}

// setFile replaces the data of the file called name, or appends the file.
func (a *archive) setFile(name string, data []byte) {
	for i := range a.files {
		if a.files[i].name == name {
			a.files[i].data = data
			return
		}
	}
	a.files = append(a.files, archiveFile{name, data})
}
