package server

import (
	"encoding/json"
	"fmt"
	"net/http"
	"time"
)

// keepAlive is how often an idle event stream gets a comment, so that
// proxies and browsers do not drop it.
const keepAlive = 15 * time.Second

// message is the state as the browser script receives it.
type message struct {
	Build  int       `json:"build"`
	Errors []Problem `json:"errors"`
}

func (st *state) message() []byte {
	m := message{Build: st.build, Errors: st.errors}
	if m.Errors == nil {
		m.Errors = []Problem{}
	}
	data, _ := json.Marshal(m)
	return data
}

// events streams the state to a browser as Server-Sent Events: at once on
// connecting (so a page that reconnects after a restart learns of builds it
// missed) and after every build.
func (s *Server) events(w http.ResponseWriter, r *http.Request) {
	rc := http.NewResponseController(w)
	// The server's write timeout is for files, not for a stream that is
	// meant to stay open.
	if err := rc.SetWriteDeadline(time.Time{}); err != nil {
		http.Error(w, "streaming unsupported", http.StatusInternalServerError)
		return
	}
	h := w.Header()
	h.Set("Content-Type", "text/event-stream; charset=utf-8")
	h.Set("Cache-Control", "no-store")
	h.Set("X-Accel-Buffering", "no")
	w.WriteHeader(http.StatusOK)

	updates, cancel := s.subscribe()
	defer cancel()
	send := func(st *state) bool {
		_, err := fmt.Fprintf(w, "event: state\ndata: %s\n\n", st.message())
		return err == nil && rc.Flush() == nil
	}
	if !send(s.current()) {
		return
	}
	tick := time.NewTicker(keepAlive)
	defer tick.Stop()
	for {
		select {
		case <-r.Context().Done():
			return
		case <-s.done:
			return
		case st := <-updates:
			if !send(st) {
				return
			}
		case <-tick.C:
			if _, err := fmt.Fprint(w, ": keep-alive\n\n"); err != nil || rc.Flush() != nil {
				return
			}
		}
	}
}

// subscribe registers for new states. A slow browser misses intermediate
// states, never the newest: the channel holds one, replaced by newer ones.
func (s *Server) subscribe() (<-chan *state, func()) {
	ch := make(chan *state, 1)
	s.mu.Lock()
	s.subs[ch] = true
	s.mu.Unlock()
	return ch, func() {
		s.mu.Lock()
		delete(s.subs, ch)
		s.mu.Unlock()
	}
}

// publish makes st the served state and tells every browser.
func (s *Server) publish(st *state) {
	s.state.Store(st)
	s.mu.Lock()
	defer s.mu.Unlock()
	for ch := range s.subs {
		select {
		case <-ch: // drop the older, unsent state
		default:
		}
		ch <- st
	}
}
