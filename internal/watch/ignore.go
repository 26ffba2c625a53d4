package watch

import (
	"path"
	"strings"
)

// ignored reports whether a change to rel, a slash path relative to the
// root, should go unreported and, for a directory, unwatched.
func ignored(rel string) bool {
	// The output directory changes on every build; reporting it would make
	// each rebuild trigger the next.
	if rel == "public" || strings.HasPrefix(rel, "public/") {
		return true
	}
	for name := range strings.SplitSeq(rel, "/") {
		// The loader and the static copy skip hidden files, and a hidden
		// directory such as .git changes for reasons of its own.
		// node_modules is large and only ever read as a library.
		if strings.HasPrefix(name, ".") || name == "node_modules" {
			return true
		}
	}
	return temp(path.Base(rel))
}

// temp reports whether name is an editor's temporary or backup file. Editors
// write these beside the file being saved; they are not part of the site,
// and a save already reports the real file.
func temp(name string) bool {
	switch {
	case strings.HasSuffix(name, "~"): // backups of Vim, Emacs and others
	case name == "4913": // Vim's test of whether it may create a file
	case strings.HasSuffix(name, ".tmp"):
	case strings.HasPrefix(name, "."):
		// Vim's swap files (.x.swp, .x.swx, .x.swpx) and Emacs's lock
		// files (.#x) are hidden too, but are named here so that the list
		// stays whole should hidden files ever be watched.
		return strings.HasSuffix(name, ".swp") || strings.HasSuffix(name, ".swx") ||
			strings.HasSuffix(name, ".swpx") || strings.HasPrefix(name, ".#")
	case len(name) > 1 && strings.HasPrefix(name, "#") && strings.HasSuffix(name, "#"): // Emacs's auto-save files
	default:
		return false
	}
	return true
}
