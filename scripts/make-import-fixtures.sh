#!/bin/sh
# make-import-fixtures.sh regenerates the documents the importer's fixture
# tests read (internal/importer/fixtures_test.go, pdf_test.go, and the
# import_pdf testscript) from the sources we wrote
# ourselves in internal/importer/testdata/src: a fictional unit with
# invented figures, never a document published by others.
#
# The generated files are committed, so CI and `go test` do NOT need
# LibreOffice; only whoever changes a source runs this script, which needs
# soffice (apt-get install libreoffice-writer-nogui) and iconv.
#
# Usage: scripts/make-import-fixtures.sh   (from anywhere in the repository)
set -eu

root=$(cd "$(dirname "$0")/.." && pwd)
dir=$root/internal/importer/testdata
src=$dir/src

command -v soffice >/dev/null || {
	echo "make-import-fixtures: soffice not found; apt-get install libreoffice-writer-nogui" >&2
	exit 1
}

work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

# Images are data: URIs in the HTML: LibreOffice embeds those in the
# .docx, while an <img src="file.png"> would become a link to a file on
# this machine.
# HTML cannot ask LibreOffice for Chinese automatic numbering (it ignores
# list-style-type: cjk-ideographic), so numbered.fodt, a flat ODF document,
# does that.
cp "$src"/*.html "$src"/*.fodt "$work/"
mkdir "$work/pdf"

# A private profile keeps the conversion from touching (or waiting on) the
# user's own LibreOffice settings. The HTML is read by Writer's own HTML
# filter, as a document, not as a Writer/Web page.
convert() {
	soffice -env:UserInstallation="file://$work/profile" --headless \
		--convert-to docx:"MS Word 2007 XML" --outdir "$work/out" "$@" >/dev/null
}
convert --infilter="HTML (StarWriter)" "$work/report.html" # the file last, or soffice opens it and waits
convert "$work/numbered.fodt"
for f in "$work"/out/*.docx; do
	cp "$f" "$dir/$(basename "$f")"
done

# PDFs, as a unit's office software prints them: report.pdf from the same
# source as report.docx (the importer must read the same sections and data
# blocks from both); pages.pdf, several small pages with a running header
# and a footer "第 N 页 共 M 页"; scan.pdf, a page that is only a picture, as
# a scanner makes it, with no text layer.
topdf() {
	soffice -env:UserInstallation="file://$work/profile" --headless \
		--convert-to pdf --outdir "$work/pdf" "$@" >/dev/null
}
topdf --infilter="HTML (StarWriter)" "$work/report.html"
topdf --infilter="HTML (StarWriter)" "$work/scan.html"
topdf "$work/pages.fodt"
cp "$work"/pdf/*.pdf "$dir/"

# The same report as GBK text, as a unit's old Windows tools save it.
iconv -f UTF-8 -t GBK "$src/report.txt" >"$dir/report-gbk.txt"

ls -l "$dir"/*.docx "$dir"/*.pdf "$dir"/report-gbk.txt
