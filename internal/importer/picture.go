package importer

import (
	"encoding/base64"
	"errors"
	"fmt"
	"io/fs"
	"net/url"
	"path"
	"strings"

	"golang.org/x/net/html"
)

// pictureTypes are the picture formats a browser shows, by extension and
// by the media type a data: URI gives, with the extension written. SVG is
// not among them: an SVG file can hold script, and a portal serves
// attachments from its own origin.
var pictureTypes = map[string]string{
	".png": ".png", ".jpg": ".jpg", ".jpeg": ".jpg", ".gif": ".gif", ".webp": ".webp", ".bmp": ".bmp",
	"image/png": ".png", "image/jpeg": ".jpg", "image/gif": ".gif", "image/webp": ".webp", "image/bmp": ".bmp",
}

// pictures reads the pictures of a saved web page: the files a browser's
// "save page, complete" writes beside it, and data: URIs. Each is kept as
// an attachment named imageN.ext; a picture it cannot keep is named in a
// note instead, and never loaded from another site.
type pictures struct {
	dir   fs.FS // the page's folder, or nil
	files []File
	notes []string
	bytes int64
}

// picture writes the Markdown of the picture img into w, or notes why not.
func (p *pictures) picture(w *strings.Builder, img *html.Node) {
	var src, alt string
	for _, a := range img.Attr {
		switch a.Key {
		case "src":
			src = strings.TrimSpace(a.Val)
		case "alt":
			alt = a.Val
		}
	}
	if src == "" {
		return
	}
	data, ext, why := p.read(src)
	if why != "" {
		shown := src
		if len(shown) > 80 {
			shown = shown[:77] + "…"
		}
		p.notes = append(p.notes, fmt.Sprintf("网页中的图片 %s %s，未导入", shown, why))
		return
	}
	if int64(len(data)) > MaxSize-p.bytes {
		p.notes = append(p.notes, fmt.Sprintf("网页中的图片合计超过 %d MB，%s 未导入", MaxSize>>20, src))
		return
	}
	p.bytes += int64(len(data))
	name := fmt.Sprintf("image%d%s", len(p.files)+1, ext)
	p.files = append(p.files, File{Name: name, Data: data})
	fmt.Fprintf(w, "![%s](%s)", altEscape.Replace(alt), name)
}

// read returns the bytes of the picture src and its extension, or why it
// cannot.
func (p *pictures) read(src string) (data []byte, ext, why string) {
	if rest, ok := strings.CutPrefix(src, "data:"); ok {
		meta, payload, _ := strings.Cut(rest, ",")
		mediaType, _, _ := strings.Cut(meta, ";")
		ext := pictureTypes[strings.ToLower(mediaType)]
		if !strings.HasPrefix(strings.ToLower(mediaType), "image/") || ext == "" || !strings.HasSuffix(meta, ";base64") {
			return nil, "", "不是网页可显示的图片格式"
		}
		data, err := base64.StdEncoding.DecodeString(payload)
		if err != nil {
			return nil, "", "的 data: 编码有误"
		}
		return data, ext, ""
	}
	u, err := url.Parse(src)
	switch {
	case err != nil:
		return nil, "", "的地址无法识别"
	case u.Scheme != "" || u.Host != "":
		return nil, "", "在其他网站上（网站不从其他网站加载任何内容；请把图片另存到网页旁边再导入）"
	case strings.HasPrefix(u.Path, "/"):
		return nil, "", "是门户网站上的路径，本地没有这个文件"
	case p.dir == nil:
		return nil, "", "没有随网页保存"
	}
	name := path.Clean(u.Path)
	if !fs.ValidPath(name) || strings.Contains(name, `\`) {
		return nil, "", "指向网页所在文件夹之外"
	}
	ext = pictureTypes[strings.ToLower(path.Ext(name))]
	if ext == "" {
		return nil, "", "不是网页可显示的图片格式"
	}
	// Lstat, so that a symbolic link is named as one, wherever it points;
	// the root p.dir would refuse one that leaves the folder anyway.
	st, err := fs.Lstat(p.dir, name)
	switch {
	case errors.Is(err, fs.ErrNotExist):
		return nil, "", "没有随网页保存（找不到该文件）"
	case err != nil:
		return nil, "", "无法读取"
	case st.Mode()&fs.ModeSymlink != 0:
		return nil, "", "是符号链接，不会跟随"
	case !st.Mode().IsRegular():
		return nil, "", "不是普通文件"
	case st.Size() > MaxSize-p.bytes:
		return nil, "", fmt.Sprintf("超过 %d MB", MaxSize>>20)
	}
	data, err = fs.ReadFile(p.dir, name)
	if err != nil {
		return nil, "", "无法读取"
	}
	return data, ext, ""
}
