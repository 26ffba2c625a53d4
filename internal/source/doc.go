// Package source loads a site's source tree from an fs.FS into the content
// model of package report, which documents the tree and its front matter.
//
// Loading never stops at the first problem: every error of every file is
// collected, each with the path, line and column (in characters) it is about,
// and Load returns them together as a List.
//
// # What a source tree may hold
//
// The tree is published, so Load holds it to rules that keep what is
// published to what its author meant, and the work of a build bounded.
//
// Names. What becomes part of an output path or URL is an id: lower-case
// letters a–z, digits and "-", starting with a letter or digit. Ids are a
// report folder's name (its slug), org_id, and the id of every data block
// ([[budget]], [[counts]], [[metrics]]), whose figures are written as
// data/ID.csv beside the report's page; a chart fence names a block by this
// id. An id that breaks the rule is an error at its value ("../data" would
// replace the report's data.csv). Attachments — a report folder's files other
// than index.md and its sections — keep the names their unit gave them,
// Chinese and ":" included, but each component of the path must be UTF-8,
// must hold no control character (nor a bidirectional control, which shows a
// name reversed) and no "\", and must not be ".." or start with "."; files
// and folders that start with "." are hidden and never read or published.
// base_url in site.toml is empty or an absolute http:// or https:// URL with
// a host and no user: it is written into feed.xml and sitemap.xml.
//
// Symbolic links. A symbolic link is never followed. One anywhere in
// site.toml, content/ (content/ itself, a year, a report folder, a file in
// one), layouts/ or static/ is an error that names it and where it points,
// and nothing is published; hidden links, such as an editor's lock files,
// are ignored with the other hidden files. Load finds links in the
// directory listings it reads and with fs.Lstat (fs.ReadLinkFS) for the
// files it opens by name. Dir, the file system the commands read a site
// through, is a second line of defence for what is read after Load: an
// os.Root, from which no path leads out, that refuses any path with a link
// in it (ErrSymlink).
//
// Limits. A Markdown or TOML source file holds at most MaxFileSize bytes
// (4 MiB), checked before it is read and while it is read. Block quotes and
// list items nest at most MaxDepth (64) levels, and so do the arrays and
// inline tables of front matter: the Markdown and TOML parsers' work grows
// faster than the text with the depth, and Load checks the depth line by
// line, as an upper bound, before they see the text.
//
// Text. Source files are UTF-8 (a GB18030 file is told how to convert) with
// LF or CRLF line endings; a file with CR alone, as the classic Mac OS
// saved them, is told so.
//
// Errors of the file system are said in words a user can act on: a file or
// folder that cannot be read for want of permission says so, rather than
// seeming missing.
package source
