package importer

import (
	"bytes"
	"fmt"
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"unicode/utf8"

	"golang.org/x/text/encoding/simplifiedchinese"
)

// MaxSize is the largest input gongkai import reads: a report is a few
// hundred kilobytes; anything near this is not a report.
const MaxSize = 100 << 20

// Text is an input file read as text.
type Text struct {
	Name      string // the file as named on the command line
	Body      string // UTF-8, line endings normalised to \n, without a BOM
	Converted string // the encoding it was converted from, or "" for UTF-8
	// Headings are the Word heading levels (1–9) of lines styled as
	// headings, by line number, for a .docx; nil for a text file.
	Headings map[int]int
	// Published is the date a web page gives as 发布日期 (YYYY-MM-DD), or "".
	Published string
	// Files are the pictures of a .docx or a web page, written beside the
	// sections as attachments under their names, which the text's images
	// refer to.
	Files []File
	// Notes are what reading it left out, for the import report.
	Notes []string
}

// File is a file a document carries: a picture.
type File struct {
	Name string
	Data []byte
}

// ReadFile reads a .docx (see readDocx), a PDF's text layer (see readPDF),
// a saved web page (.html, .htm; see HTMLText), or a .txt or .md file: UTF-8 with
// or without a byte order mark, or else GB18030 (of which GBK is a part),
// which it converts. Every error names the file.
func ReadFile(name string) (*Text, error) {
	switch ext := strings.ToLower(filepath.Ext(name)); ext {
	case ".docx":
		return readDocx(name)
	case ".pdf":
		return readPDF(name, exec.LookPath)
	}
	data, err := readInput(name)
	if err != nil {
		return nil, err
	}
	if ext := strings.ToLower(filepath.Ext(name)); ext == ".html" || ext == ".htm" {
		// The pictures a browser saved beside the page are read through
		// a root at its folder, so that no src reaches outside it.
		root, err := os.OpenRoot(filepath.Dir(name))
		if err != nil {
			return nil, fmt.Errorf("无法读取 %s 所在的文件夹：%w", name, err)
		}
		defer root.Close()
		return HTMLText(name, data, root.FS())
	}
	return Decode(name, data)
}

// readInput reads the file name, at most MaxSize bytes and one more, so
// that a larger file is told apart (tooLarge) without being read whole.
func readInput(name string) ([]byte, error) {
	f, err := os.Open(name)
	if err != nil {
		return nil, fmt.Errorf("无法读取 %s：%w", name, err)
	}
	defer f.Close()
	data, err := io.ReadAll(io.LimitReader(f, MaxSize+1))
	if err != nil {
		return nil, fmt.Errorf("无法读取 %s：%w", name, err)
	}
	return data, nil
}

// tooLarge is the error of an input over MaxSize.
func tooLarge(name string) error {
	return fmt.Errorf("%s 超过 %d MB，不像是一份报告，未导入", name, MaxSize>>20)
}

// Decode turns the bytes of the file name into text; see ReadFile.
func Decode(name string, data []byte) (*Text, error) {
	if len(data) > MaxSize {
		return nil, tooLarge(name)
	}
	t := &Text{Name: name}
	data = bytes.TrimPrefix(data, []byte("\xEF\xBB\xBF"))
	if utf8.Valid(data) {
		t.Body = string(data)
	} else {
		// GB18030 decodes almost any bytes; a decoder that met bytes it
		// cannot map writes U+FFFD, which says the file is neither.
		s, err := simplifiedchinese.GB18030.NewDecoder().Bytes(data)
		if err != nil || bytes.ContainsRune(s, utf8.RuneError) {
			return nil, fmt.Errorf("%s 既不是 UTF-8 也不是 GB18030/GBK 编码的文本，未导入；请另存为 UTF-8 文本后再试", name)
		}
		t.Body, t.Converted = string(s), "GB18030"
	}
	t.Body = strings.ReplaceAll(t.Body, "\r\n", "\n")
	t.Body = strings.ReplaceAll(t.Body, "\r", "\n")
	if strings.TrimSpace(t.Body) == "" {
		return nil, fmt.Errorf("%s 是空文件，没有可导入的文字", name)
	}
	return t, nil
}
