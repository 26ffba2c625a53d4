package docx

import (
	"archive/zip"
	"bytes"
	"hash/crc32"
	"strings"
	"testing"
)

const relsNS = `xmlns="http://schemas.openxmlformats.org/package/2006/relationships"`

const imageRel = "http://schemas.openxmlformats.org/officeDocument/2006/relationships/image"

func rels(rs ...string) string {
	return `<Relationships ` + relsNS + `>` + strings.Join(rs, "") + `</Relationships>`
}

func rel(id, target, mode string) string {
	return `<Relationship Id="` + id + `" Type="` + imageRel + `" Target="` + target + `" TargetMode="` + mode + `"/>`
}

func drawing(id, descr string) string {
	return `<w:r><w:drawing><wp:inline xmlns:wp="wp"><wp:docPr id="1" name="p" descr="` + descr + `"/><a:graphic xmlns:a="a"><a:graphicData><pic:pic xmlns:pic="pic"><pic:blipFill><a:blip xmlns:r="r" r:embed="` + id + `"/></pic:blipFill></pic:pic></a:graphicData></a:graphic></wp:inline></w:drawing></w:r>`
}

// TestReadImages: pictures are read once each, under a safe name, where
// the text shows them (DrawingML and VML); a relationship that points
// outside the archive, or at a part that is not there, gives nothing.
func TestReadImages(t *testing.T) {
	t.Parallel()
	body := `<w:p><w:r><w:t>前</w:t></w:r>` + drawing("rId1", "示意图") + `<w:r><w:t>后</w:t></w:r>` +
		`<w:r><w:footnoteReference w:id="1"/></w:r></w:p>` +
		`<w:p>` + drawing("rId1", "") + `<w:r><w:pict><v:shape xmlns:v="v"><v:imagedata xmlns:r="r" r:id="rId2"/></v:shape></w:pict></w:r></w:p>` +
		`<w:p>` + drawing("rId3", "") + drawing("rId4", "") + drawing("rId9", "") + `</w:p>`
	data := build(t, map[string]string{
		"word/document.xml":            document(body),
		"word/footnotes.xml":           footnotes,
		"word/media/image1.png":        "png-one",
		"word/evil name.png":           "png-two",
		"word/_rels/document.xml.rels": rels(rel("rId1", "media/image1.png", ""), rel("rId2", "media/../evil name.png", ""), rel("rId3", "../../../etc/passwd", ""), rel("rId4", "http://example.com/x.png", "External")),
	})
	d, err := Read("x.docx", bytes.NewReader(data), int64(len(data)))
	if err != nil {
		t.Fatal(err)
	}
	want := []Image{{Name: "image1.png", Data: []byte("png-one")}, {Name: "image2.png", Data: []byte("png-two")}}
	if len(d.Images) != len(want) {
		t.Fatalf("images %+v, want %+v", d.Images, want)
	}
	for i := range want {
		if d.Images[i].Name != want[i].Name || !bytes.Equal(d.Images[i].Data, want[i].Data) {
			t.Errorf("image %d = %s %q, want %s %q", i, d.Images[i].Name, d.Images[i].Data, want[i].Name, want[i].Data)
		}
	}
	if len(d.Blocks) != 2 {
		t.Fatalf("blocks %+v, want two paragraphs (the third shows nothing)", d.Blocks)
	}
	p := d.Blocks[0].Para
	if wantMarks := []Mark{{At: len("前"), Image: 1, Alt: "示意图"}, {At: len("前后"), Note: 1}}; !equalMarks(p.Marks, wantMarks) || p.Text != "前后" {
		t.Errorf("first paragraph %q %+v, want 前后 %+v", p.Text, p.Marks, wantMarks)
	}
	if wantMarks := []Mark{{Image: 1}, {Image: 2}}; !equalMarks(d.Blocks[1].Para.Marks, wantMarks) {
		t.Errorf("second paragraph marks %+v, want %+v", d.Blocks[1].Para.Marks, wantMarks)
	}
	if len(d.Footnotes) != 1 || d.Footnotes[0] != " 数据来源：财务决算。" {
		t.Errorf("footnotes %q", d.Footnotes)
	}
}

func equalMarks(a, b []Mark) bool {
	if len(a) != len(b) {
		return false
	}
	for i := range a {
		if a[i] != b[i] {
			return false
		}
	}
	return true
}

// TestReadImagesBounded: a picture whose header claims more than MaxSize
// is refused before it is inflated.
func TestReadImagesBounded(t *testing.T) {
	t.Parallel()
	var buf bytes.Buffer
	z := zip.NewWriter(&buf)
	for name, body := range map[string]string{
		"word/document.xml":            document(`<w:p>` + drawing("rId1", "") + `</w:p>`),
		"word/_rels/document.xml.rels": rels(rel("rId1", "media/big.png", "")),
	} {
		w, err := z.Create(name)
		if err != nil {
			t.Fatal(err)
		}
		w.Write([]byte(body))
	}
	small := []byte("not really big")
	w, err := z.CreateRaw(&zip.FileHeader{Name: "word/media/big.png", Method: zip.Store,
		CRC32: crc32.ChecksumIEEE(small), CompressedSize64: uint64(len(small)), UncompressedSize64: MaxSize + 1})
	if err != nil {
		t.Fatal(err)
	}
	w.Write(small)
	if err := z.Close(); err != nil {
		t.Fatal(err)
	}
	_, err = Read("x.docx", bytes.NewReader(buf.Bytes()), int64(buf.Len()))
	if err == nil || !strings.Contains(err.Error(), "图片合计解压后超过") {
		t.Errorf("Read = %v, want the pictures refused as too large", err)
	}
}
