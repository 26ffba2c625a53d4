// Package gongkai holds the built-in theme: the templates in layouts/ and the
// files in static/, embedded in the binary so that gongkai needs nothing
// beside it. A site's own layouts/ and static/ override them file by file.
package gongkai

import (
	"embed"
	"io/fs"
)

// Version is the gongkai release. Archived pages name it, so that a reader
// years later knows what made them.
const Version = "0.1.0-dev"

//go:embed layouts static
var theme embed.FS

// Layouts is the built-in templates.
func Layouts() fs.FS { return sub("layouts") }

// Static is the built-in static files, copied to the output as-is.
func Static() fs.FS { return sub("static") }

func sub(dir string) fs.FS {
	f, err := fs.Sub(theme, dir)
	if err != nil {
		panic(err) // cannot happen: dir is embedded above
	}
	return f
}
