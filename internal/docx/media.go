package docx

import (
	"encoding/xml"
	"fmt"
	"io"
	"path"
	"regexp"
	"strings"
)

// Image is a picture the body shows, as stored in the archive.
type Image struct {
	Name string // a safe file name: the archive's own ("image1.png") or "imageN.ext"
	Data []byte
}

// Mark is something a reader sees at a place in a paragraph that is not
// text: a footnote's number or a picture.
type Mark struct {
	At    int    // byte offset in Paragraph.Text
	Note  int    // the footnote's number (1, 2, …) as Document.Footnotes counts, or 0
	Image int    // 1 + the picture's index in Document.Images, or 0
	Alt   string // a picture's description (alternative text) in the document, if any
}

// imageName is a media file name kept as it is; any other is renamed.
var imageName = regexp.MustCompile(`^[A-Za-z0-9][A-Za-z0-9_-]{0,63}\.(?i:png|jpe?g|gif|webp|bmp|tiff?|emf|wmf)$`)

// readRels reads the body's relationships: the id of each picture to its
// part in the archive. A picture linked to a file outside the archive
// (TargetMode="External") is not the document's and is left out.
func (rd *reader) readRels() error {
	rd.rels = map[string]string{}
	return rd.parse("word/_rels/document.xml.rels", func(t xml.Token, depth int) (bool, error) {
		e, ok := t.(xml.StartElement)
		if !ok || e.Name.Local != "Relationship" || attr(e, "TargetMode") == "External" ||
			!strings.HasSuffix(attr(e, "Type"), "/image") {
			return false, nil
		}
		target := attr(e, "Target")
		if strings.HasPrefix(target, "/") {
			target = path.Clean(target[1:])
		} else {
			target = path.Join("word", target)
		}
		if rd.parts[target] != nil {
			rd.rels[attr(e, "Id")] = target
		}
		return false, nil
	})
}

// image returns 1 + the index in rd.images of the picture with
// relationship id, reading it on first use, or 0 when there is none. The
// pictures together are bounded by MaxSize, as every part is.
func (rd *reader) image(id string) (int, error) {
	part, ok := rd.rels[id]
	if !ok {
		return 0, nil
	}
	if i, ok := rd.imageIndex[part]; ok {
		return i + 1, nil
	}
	f := rd.parts[part]
	if f.UncompressedSize64 > MaxSize-rd.imageBytes {
		return 0, fmt.Errorf("图片合计解压后超过 %d MB", MaxSize>>20)
	}
	rc, err := f.Open()
	if err != nil {
		return 0, fmt.Errorf("图片 %s 无法读取：%v", part, err)
	}
	defer rc.Close()
	data, err := io.ReadAll(io.LimitReader(rc, int64(MaxSize-rd.imageBytes)+1))
	if err != nil {
		return 0, fmt.Errorf("图片 %s 解压出错：%v", part, err)
	}
	rd.imageBytes += uint64(len(data))
	name := path.Base(part)
	if !imageName.MatchString(name) || rd.imageNames[strings.ToLower(name)] {
		ext := strings.ToLower(path.Ext(name))
		if !imageName.MatchString("x" + ext) {
			ext = ".bin"
		}
		name = fmt.Sprintf("image%d%s", len(rd.images)+1, ext)
	}
	rd.imageNames[strings.ToLower(name)] = true
	rd.imageIndex[part] = len(rd.images)
	rd.images = append(rd.images, Image{Name: name, Data: data})
	return len(rd.images), nil
}
