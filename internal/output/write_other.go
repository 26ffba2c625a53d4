//go:build !unix

package output

import "os"

// writeFile writes data to the new file name, 0644.
func writeFile(name string, data []byte) error { return os.WriteFile(name, data, 0o644) }
