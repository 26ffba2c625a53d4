// Package source loads a site's source tree from an fs.FS into the content
// model of package report, which documents the tree and its front matter.
//
// Loading never stops at the first problem: every error of every file is
// collected, each with the path, line and column (in characters) it is about,
// and Load returns them together as a List.
package source
