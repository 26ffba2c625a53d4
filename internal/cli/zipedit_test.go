package cli

import (
	"archive/zip"
	"fmt"
	"io"
	"io/fs"
	"os"
)

// zipedit is a testscript command that writes a tampered copy of a zip:
//
//	zipedit IN OUT OP NAME
//
// OP is one of: dup (copy entry NAME a second time), add (a new entry NAME
// holding "x", or a folder entry when NAME ends in "/"), symlink (a new
// symbolic link NAME to /etc/passwd), crc (entry NAME with a wrong CRC-32),
// truncate (entry NAME with half its compressed bytes), huge (a new entry
// NAME whose header claims 5 GiB for a few bytes).
func zipedit() int {
	if len(os.Args) != 5 {
		fmt.Fprintln(os.Stderr, "usage: zipedit IN OUT dup|add|symlink|crc|truncate|huge NAME")
		return 2
	}
	if err := editZip(os.Args[1], os.Args[2], os.Args[3], os.Args[4]); err != nil {
		fmt.Fprintln(os.Stderr, "zipedit:", err)
		return 1
	}
	return 0
}

func editZip(in, out, op, name string) error {
	zr, err := zip.OpenReader(in)
	if err != nil {
		return err
	}
	defer zr.Close()
	f, err := os.Create(out)
	if err != nil {
		return err
	}
	defer f.Close()
	zw := zip.NewWriter(f)
	found := false
	for _, e := range zr.File {
		if e.Name != name || (op != "crc" && op != "truncate") {
			if err := zw.Copy(e); err != nil {
				return err
			}
			found = found || e.Name == name
			continue
		}
		found = true
		r, err := e.OpenRaw()
		if err != nil {
			return err
		}
		data, err := io.ReadAll(r)
		if err != nil {
			return err
		}
		h := e.FileHeader
		if op == "crc" {
			h.CRC32 ^= 1
		} else {
			data = data[:len(data)/2]
			h.CompressedSize64 = uint64(len(data))
		}
		if err := writeRaw(zw, &h, data); err != nil {
			return err
		}
	}
	switch op {
	case "dup":
		for _, e := range zr.File {
			if e.Name == name {
				if err := zw.Copy(e); err != nil {
					return err
				}
			}
		}
	case "add":
		w, err := zw.Create(name)
		if err == nil && name[len(name)-1] != '/' {
			_, err = io.WriteString(w, "x")
		}
		if err != nil {
			return err
		}
		found = true
	case "symlink":
		h := &zip.FileHeader{Name: name}
		h.SetMode(fs.ModeSymlink | 0o777)
		w, err := zw.CreateHeader(h)
		if err == nil {
			_, err = io.WriteString(w, "/etc/passwd")
		}
		if err != nil {
			return err
		}
		found = true
	case "huge":
		h := &zip.FileHeader{Name: name, Method: zip.Store, UncompressedSize64: 5 << 30, CompressedSize64: 1}
		if err := writeRaw(zw, h, []byte("x")); err != nil {
			return err
		}
		found = true
	case "crc", "truncate":
	default:
		return fmt.Errorf("unknown op %q", op)
	}
	if !found {
		return fmt.Errorf("%s has no entry %q", in, name)
	}
	return zw.Close()
}

func writeRaw(zw *zip.Writer, h *zip.FileHeader, data []byte) error {
	w, err := zw.CreateRaw(h)
	if err != nil {
		return err
	}
	_, err = w.Write(data)
	return err
}
