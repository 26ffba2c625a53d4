package importer

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"time"
)

// PDFTimeout is how long pdftotext may take over one file: a report of a
// hundred pages takes well under a second; a file that takes longer is not
// one, or is built to hang the reader.
const PDFTimeout = time.Minute

// pdftotext is the program that reads a PDF's text layer: poppler's, as
// Debian's poppler-utils installs it.
const pdftotext = "pdftotext"

// errNoPdftotext says how to get pdftotext, in Chinese, for the user.
func errNoPdftotext(name string) error {
	return fmt.Errorf("读取 PDF 文件 %s 需要 poppler 的 pdftotext 程序，但在 PATH 中没有找到它；"+
		"请先安装：Debian/Ubuntu 用 sudo apt-get install poppler-utils，"+
		"Fedora 用 sudo dnf install poppler-utils，macOS 用 brew install poppler；"+
		"或者导入报告的 Word 原文（.docx）", name)
}

// readPDF reads the text layer of a PDF with pdftotext -layout (see
// PDFText for what it makes of it). look finds the program: exec.LookPath,
// or a stand-in in tests.
func readPDF(name string, look func(string) (string, error)) (*Text, error) {
	st, err := os.Stat(name)
	if err != nil {
		return nil, fmt.Errorf("无法读取 %s：%w", name, err)
	}
	if !st.Mode().IsRegular() {
		return nil, fmt.Errorf("%s 不是普通文件，未导入", name)
	}
	if st.Size() > MaxSize {
		return nil, tooLarge(name)
	}
	tool, err := look(pdftotext)
	if err != nil {
		return nil, errNoPdftotext(name)
	}
	// An absolute path never begins with "-", so pdftotext cannot take a
	// file named "-x.pdf" for an option.
	abs, err := filepath.Abs(name)
	if err != nil {
		return nil, fmt.Errorf("无法读取 %s：%w", name, err)
	}
	ctx, cancel := context.WithTimeout(context.Background(), PDFTimeout)
	defer cancel()
	cmd := exec.CommandContext(ctx, tool, "-layout", "-enc", "UTF-8", "-eol", "unix", abs, "-")
	var stderr bounded
	stderr.max = 4 << 10
	cmd.Stderr = &stderr
	out, err := cmd.StdoutPipe()
	if err != nil {
		return nil, fmt.Errorf("无法运行 pdftotext 读取 %s：%w", name, err)
	}
	if err := cmd.Start(); err != nil {
		return nil, fmt.Errorf("无法运行 pdftotext 读取 %s：%w", name, err)
	}
	// The text of a PDF can be far larger than the file (a compressed
	// page of spaces): read no more than MaxSize, then stop the program.
	data, readErr := io.ReadAll(io.LimitReader(out, MaxSize+1))
	if len(data) > MaxSize {
		cancel()
	}
	err = cmd.Wait()
	switch {
	case len(data) > MaxSize:
		return nil, fmt.Errorf("%s 的文字超过 %d MB，不像是一份报告，未导入", name, MaxSize>>20)
	case errors.Is(ctx.Err(), context.DeadlineExceeded):
		return nil, fmt.Errorf("pdftotext 读取 %s 超过 %s 仍未完成，未导入；文件可能已损坏", name, PDFTimeout)
	case err != nil || readErr != nil:
		why := strings.TrimSpace(firstLine(stderr.buf.String()))
		if why == "" && err != nil {
			why = err.Error()
		}
		return nil, fmt.Errorf("pdftotext 无法读取 %s（%s）：文件可能已损坏、设有密码或不是 PDF，未导入", name, why)
	}
	return PDFText(name, string(data))
}

func firstLine(s string) string {
	s, _, _ = strings.Cut(strings.TrimSpace(s), "\n")
	return s
}

// bounded keeps the first max bytes written to it and discards the rest,
// so that a program's chatter cannot fill memory.
type bounded struct {
	buf bytes.Buffer
	max int
}

func (b *bounded) Write(p []byte) (int, error) {
	if room := b.max - b.buf.Len(); room > 0 {
		b.buf.Write(p[:min(len(p), room)])
	}
	return len(p), nil
}
