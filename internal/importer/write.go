package importer

import (
	"errors"
	"fmt"
	"path/filepath"

	"gongkai/internal/scaffold"
)

// Write writes the bundle into its folder, whole or not at all, and never
// over a bundle that is there.
func (b *Bundle) Write() error {
	err := scaffold.Create(b.Dir, b.Files)
	if errors.Is(err, scaffold.ErrTaken) {
		return fmt.Errorf("报告目录 %s 已存在：gongkai import 不会改动已有的报告；请用 --slug 另起目录名，如 --slug %s-2", b.Dir, slugOf(b.Dir))
	}
	return err
}

func slugOf(dir string) string { return filepath.Base(dir) }
