// Package report is the content model of a gongkai site: reports, their sections
// and data blocks, and the figures derived from them. It is the spec of the
// content contract, version 1.1; the loader (package source) fills it from a source
// tree and everything later reads it.
//
// The same contract, written in Chinese for the people who write and publish
// reports (every key, check and output file, with examples), is
// docs/content.md at the root of the repository. A change to the contract
// changes both.
//
// # Source tree
//
//	site.toml                      site config: title, language, base_url, description, [footer]
//	content/_index.md              home page text
//	content/2023/_index.md         optional text of the year 2023
//	content/2023/<slug>/index.md   one report: metadata, data blocks, optional preface
//	content/2023/<slug>/NN-*.md    its sections, in file-name order (or by weight)
//	content/2023/<slug>/*          anything else is an attachment, copied beside the page
//
// Front matter is TOML between two lines of "+++". Keys are matched exactly:
// an unknown key, or one in the wrong case, is an error. Report front matter holds
// title, year (equal to the folder's year), org, org_id (stable across years),
// region, unit (the money unit of every budget block) and an optional published
// date. Section front matter holds title and an optional weight.
//
// # Data blocks
//
// Either front matter may hold data blocks: [[budget]] (money by functional
// class), [[counts]] (things done), [[metrics]] (one figure, against last year or
// as a rate) and [[indicators]] (rows of the 绩效自评表). Block ids are unique
// within a report. A block belongs to the section that declares it; blocks of
// index.md belong to the report as a whole.
//
// Imported blocks (contract 1.1). Any data block, and any row of
// [[indicators]], may carry draft = true and source = "FILE:LINE", the place
// in the document its figures were read from; gongkai import writes both.
// A draft block is published with the note "导入数据，待核对" and its source
// beside it, check gives an info (DRAFT) for each, and build --strict fails
// while any remains: a person compares the figures with the original and
// then deletes draft = true (source may stay, as a record). The rows of one
// front matter's [[indicators]] are one table, and one block to check.
//
// Every stated figure (a total, share, change or rate the original text printed)
// is kept as written and never trusted: Derive computes each one again in exact
// decimal arithmetic, rounded half up at the precision the author used, so a
// reader sees both. The model holds no HTML and does no I/O.
package report
