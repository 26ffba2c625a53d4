package source

import (
	"path"
	"strings"
)

// ReportDirOf is the report folder ("content/2023/slug") that the source
// file at name (a slash path from the site root) lies in, and whether it
// lies in one.
func ReportDirOf(name string) (string, bool) {
	parts := strings.SplitN(name, "/", 4)
	if len(parts) < 3 || parts[0] != ContentDir || !yearDir.MatchString(parts[1]) || parts[2] == "" || hidden(parts[2]) || parts[2] == indexFile {
		return "", false
	}
	return path.Join(parts[0], parts[1], parts[2]), true
}
