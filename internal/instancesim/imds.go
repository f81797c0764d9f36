package instancesim

import (
	"crypto/rand"
	"encoding/hex"
	"net"
	"net/http"
	"strconv"
	"sync"
	"time"
)

// MetadataMode is how the instance metadata service behaves.
type MetadataMode string

const (
	MetadataOK       MetadataMode = "ok"       // IMDSv2: a token first, then answers
	MetadataRefused  MetadataMode = "refused"  // nothing listens: connections are refused
	MetadataStalled  MetadataMode = "stalled"  // connections are accepted, nothing is ever answered
	MetadataErroring MetadataMode = "erroring" // every request gets 500
)

// Metadata is the instance metadata service the sandbox gets at
// 169.254.169.254:80. Like EC2's with HttpTokens "required", it answers
// metadata only to requests that carry a token from PUT /latest/api/token.
type Metadata struct {
	Mode       MetadataMode
	InstanceID string
	Zone       string

	mu     sync.Mutex
	tokens map[string]bool
	// Requests counts what the service was asked, by path.
	Requests map[string]int
}

func (m *Metadata) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	m.mu.Lock()
	m.Requests[r.Method+" "+r.URL.Path]++
	m.mu.Unlock()
	if m.Mode == MetadataErroring {
		http.Error(w, "internal error", http.StatusInternalServerError)
		return
	}
	if r.URL.Path == "/latest/api/token" {
		ttl, err := strconv.Atoi(r.Header.Get("X-aws-ec2-metadata-token-ttl-seconds"))
		if r.Method != http.MethodPut || err != nil || ttl < 1 || ttl > 21600 {
			http.Error(w, "bad token request", http.StatusBadRequest)
			return
		}
		b := make([]byte, 16)
		rand.Read(b)
		tok := hex.EncodeToString(b)
		m.mu.Lock()
		m.tokens[tok] = true
		m.mu.Unlock()
		w.Write([]byte(tok))
		return
	}
	m.mu.Lock()
	valid := m.tokens[r.Header.Get("X-aws-ec2-metadata-token")]
	m.mu.Unlock()
	if !valid { // IMDSv1 is off
		http.Error(w, "unauthorized", http.StatusUnauthorized)
		return
	}
	switch r.URL.Path {
	case "/latest/meta-data/instance-id":
		w.Write([]byte(m.InstanceID))
	case "/latest/meta-data/placement/availability-zone":
		w.Write([]byte(m.Zone))
	default:
		http.NotFound(w, r)
	}
}

// serveMetadata starts m inside pid's network namespace and returns what stops it.
func serveMetadata(pid int, m *Metadata) (stop func(), err error) {
	m.mu.Lock()
	m.tokens, m.Requests = map[string]bool{}, map[string]int{}
	m.mu.Unlock()
	if m.Mode == MetadataRefused { // the address answers, nothing listens
		return func() {}, nil
	}
	l, err := listenIn(pid, "169.254.169.254:80")
	if err != nil {
		return nil, err
	}
	if m.Mode == MetadataStalled {
		var held []net.Conn
		var mu sync.Mutex
		go func() {
			for {
				c, err := l.Accept()
				if err != nil {
					return
				}
				mu.Lock()
				held = append(held, c) // read nothing, answer nothing
				mu.Unlock()
			}
		}()
		return func() {
			l.Close()
			mu.Lock()
			for _, c := range held {
				c.Close()
			}
			mu.Unlock()
		}, nil
	}
	srv := &http.Server{Handler: m, ReadHeaderTimeout: 5 * time.Second}
	go srv.Serve(l)
	return func() { srv.Close() }, nil
}
