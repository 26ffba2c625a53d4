package benchcorpus

import (
	"embed"
	"io/fs"

	"gongkai"
)

// The Hugo site's configuration and layouts, kept as files.
//
//go:embed all:hugo
var hugo embed.FS

func hugoFiles() fs.FS {
	f, err := fs.Sub(hugo, "hugo")
	if err != nil {
		panic(err) // cannot happen: the folder is embedded above
	}
	return f
}

// staticFiles are gongkai's built-in static files, which the Hugo site
// copies too.
func staticFiles() fs.FS { return gongkai.Static() }
