package server

import (
	"bytes"
	"net"
	"net/http"
	"path"
	"strconv"
	"strings"
)

// devPrefix is where the dev server's own endpoints live; no site path
// starts with it.
const devPrefix = "/__gongkai/"

// contentTypes are set explicitly: the system's MIME table varies from
// machine to machine (and may lack .csv or map .js oddly).
var contentTypes = map[string]string{
	".html": "text/html; charset=utf-8",
	".css":  "text/css; charset=utf-8",
	".js":   "text/javascript; charset=utf-8",
	".json": "application/json; charset=utf-8",
	".csv":  "text/csv; charset=utf-8",
	".xml":  "application/xml; charset=utf-8",
	".svg":  "image/svg+xml",
	".png":  "image/png",
	".jpg":  "image/jpeg",
	".jpeg": "image/jpeg",
	".gif":  "image/gif",
	".webp": "image/webp",
	".pdf":  "application/pdf",
	".txt":  "text/plain; charset=utf-8",
	".ico":  "image/x-icon",
	".zip":  "application/zip",
	".doc":  "application/msword",
	".docx": "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
	".xls":  "application/vnd.ms-excel",
	".xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
}

func contentType(name string) string {
	if t, ok := contentTypes[strings.ToLower(path.Ext(name))]; ok {
		return t
	}
	return "application/octet-stream"
}

// hostGuard lets through only requests addressed to the server itself: a
// Host header naming the address it listens on (listen, as the listener
// gives it), or localhost, 127.0.0.1 or [::1], with its port. A page on
// another site cannot then read the draft or its event stream through DNS
// rebinding, where the page's own name comes to resolve to 127.0.0.1: the
// browser still sends that name as the Host. When serve listens on every
// address (0.0.0.0 or ::), any IP address with its port is the server
// itself, since rebinding needs a name. also are more names of the server,
// such as the host name the user gave --addr: they chose it.
func hostGuard(listen string, next http.Handler, also ...string) http.Handler {
	lhost, port, err := net.SplitHostPort(listen)
	if err != nil {
		// A listener always gives host:port; refuse everything rather
		// than guess.
		lhost, port = "", "-"
	}
	names := map[string]bool{"localhost": true, "127.0.0.1": true, "::1": true, strings.ToLower(lhost): true}
	for _, n := range also {
		if n != "" {
			names[strings.ToLower(n)] = true
		}
	}
	ip := net.ParseIP(lhost)
	anyIP := ip != nil && ip.IsUnspecified()
	refusal := []byte("403 禁止访问：gongkai serve 只应答发往它自己地址的请求，如 " + net.JoinHostPort("localhost", port) + "。\n")
	allowed := func(hostport string) bool {
		host, p, err := net.SplitHostPort(hostport)
		if err != nil {
			host, p = hostport, "80" // no port: the scheme's own
		}
		host = strings.ToLower(host)
		return p == port && host != "" && (names[host] || anyIP && net.ParseIP(host) != nil)
	}
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if !allowed(r.Host) {
			h := w.Header()
			h.Set("Content-Type", "text/plain; charset=utf-8")
			h.Set("X-Content-Type-Options", "nosniff")
			h.Set("Cache-Control", "no-store")
			w.WriteHeader(http.StatusForbidden)
			w.Write(refusal)
			return
		}
		next.ServeHTTP(w, r)
	})
}

// ServeHTTP serves the current state's files. Only files of the built site
// can be reached: paths are looked up in memory, never on disk, so "..",
// its encodings and symlinks lead nowhere. Directories are served by their
// index.html and never listed.
func (s *Server) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	if strings.HasPrefix(r.URL.Path, devPrefix) {
		s.dev(w, r)
		return
	}
	if r.Method != http.MethodGet && r.Method != http.MethodHead {
		w.Header().Set("Allow", "GET, HEAD")
		http.Error(w, "method not allowed", http.StatusMethodNotAllowed)
		return
	}
	st := s.current()
	name, redirect, ok := lookup(st.files, r.URL.Path)
	if redirect != "" {
		http.Redirect(w, r, redirect, http.StatusMovedPermanently)
		return
	}
	status := http.StatusOK
	if !ok {
		name, status = "404.html", http.StatusNotFound
	}
	data, found := st.files[name]
	switch {
	case !found && len(st.errors) > 0:
		// No build has succeeded yet: the page is the list of errors, and
		// it reloads itself once they are fixed.
		name, data, status = "error.html", errorPage(st), http.StatusInternalServerError
	case !found:
		http.Error(w, "404 page not found", http.StatusNotFound)
		return
	}
	if isHTML(name) {
		data = inject(data, st.build)
	}
	h := w.Header()
	h.Set("Content-Type", contentType(name))
	h.Set("Content-Length", strconv.Itoa(len(data)))
	h.Set("Cache-Control", "no-store")
	h.Set("X-Content-Type-Options", "nosniff")
	h.Set("Content-Security-Policy", "default-src 'self'")
	w.WriteHeader(status)
	if r.Method != http.MethodHead {
		w.Write(data)
	}
}

// lookup finds the file for a URL path: the file itself, or the index.html
// of a directory (redirecting "/2023" to "/2023/" so that relative links
// resolve). ok is false when there is neither.
func lookup(files map[string][]byte, urlPath string) (name, redirect string, ok bool) {
	clean := path.Clean("/" + urlPath)
	name = strings.TrimPrefix(clean, "/")
	if name == "" {
		name = "index.html"
	}
	if _, found := files[name]; found && !strings.HasSuffix(urlPath, "/") {
		return name, "", true
	}
	index := path.Join(name, "index.html")
	if name == "index.html" {
		index = name
	}
	if _, found := files[index]; found {
		if !strings.HasSuffix(urlPath, "/") && clean != "/" {
			return "", clean + "/", false
		}
		return index, "", true
	}
	return "", "", false
}

// inject adds the live-reload script and the overlay's stylesheet to a page.
// Only served pages get them; build output never does.
func inject(page []byte, build int) []byte {
	tag := []byte(`<link rel="stylesheet" href="` + devPrefix + `live.css">` +
		`<script src="` + devPrefix + `live.js" data-build="` + strconv.Itoa(build) + `" defer></script>` + "\n")
	i := bytes.Index(page, []byte("</head>"))
	if i < 0 {
		return append(page[:len(page):len(page)], tag...)
	}
	out := make([]byte, 0, len(page)+len(tag))
	out = append(out, page[:i]...)
	out = append(out, tag...)
	return append(out, page[i:]...)
}
