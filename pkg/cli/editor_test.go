package cli_test

import (
	"bufio"
	"bytes"
	"encoding/json"
	"fmt"
	"io"
	"io/fs"
	"net/url"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/clientbook/clientbook/pkg/cli"
	"github.com/clientbook/clientbook/pkg/internal/golden"
)

// lsp is a client of a language server over stdio (JSON-RPC with
// Content-Length framing): enough to open files, collect the diagnostics
// the server publishes and ask for completions.
type lsp struct {
	t      *testing.T
	cmd    *exec.Cmd
	in     io.WriteCloser
	mu     sync.Mutex
	nextID int
	diags  map[string][]lspDiagnostic // by URI, the last published
	seen   map[string]int             // by URI, how many times published
	waits  map[int]chan json.RawMessage
	update chan struct{}
}

type lspDiagnostic struct {
	Range struct {
		Start struct{ Line, Character int } `json:"start"`
	} `json:"range"`
	Message string `json:"message"`
}

func startLSP(t *testing.T, server string, root string) *lsp {
	t.Helper()
	cmd := exec.Command(server, "--stdio")
	in, err := cmd.StdinPipe()
	if err != nil {
		t.Fatal(err)
	}
	out, err := cmd.StdoutPipe()
	if err != nil {
		t.Fatal(err)
	}
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	l := &lsp{t: t, cmd: cmd, in: in, diags: map[string][]lspDiagnostic{}, seen: map[string]int{}, waits: map[int]chan json.RawMessage{}, update: make(chan struct{}, 1)}
	t.Cleanup(func() { in.Close(); cmd.Process.Kill(); cmd.Wait() })
	go l.read(bufio.NewReader(out))
	settings := map[string]any{"yaml": map[string]any{"validate": true, "hover": true, "completion": true, "schemaStore": map[string]any{"enable": false}}}
	l.call("initialize", map[string]any{
		"processId": os.Getpid(), "rootUri": fileURI(root),
		"capabilities":          map[string]any{"workspace": map[string]any{"configuration": true}, "textDocument": map[string]any{"publishDiagnostics": map[string]any{}}},
		"initializationOptions": settings,
	})
	l.notify("initialized", map[string]any{})
	l.notify("workspace/didChangeConfiguration", map[string]any{"settings": settings})
	return l
}

func fileURI(p string) string { return (&url.URL{Scheme: "file", Path: filepath.ToSlash(p)}).String() }

func (l *lsp) send(msg map[string]any) {
	msg["jsonrpc"] = "2.0"
	body, _ := json.Marshal(msg)
	l.mu.Lock()
	defer l.mu.Unlock()
	fmt.Fprintf(l.in, "Content-Length: %d\r\n\r\n%s", len(body), body)
}

func (l *lsp) notify(method string, params any) {
	l.send(map[string]any{"method": method, "params": params})
}

func (l *lsp) call(method string, params any) json.RawMessage {
	l.mu.Lock()
	l.nextID++
	id := l.nextID
	ch := make(chan json.RawMessage, 1)
	l.waits[id] = ch
	l.mu.Unlock()
	l.send(map[string]any{"id": id, "method": method, "params": params})
	select {
	case r := <-ch:
		return r
	case <-time.After(60 * time.Second):
		l.t.Fatalf("no answer to %s", method)
		return nil
	}
}

func (l *lsp) read(r *bufio.Reader) {
	for {
		length := 0
		for {
			line, err := r.ReadString('\n')
			if err != nil {
				return
			}
			line = strings.TrimSpace(line)
			if line == "" {
				break
			}
			if v, ok := strings.CutPrefix(line, "Content-Length: "); ok {
				length, _ = strconv.Atoi(v)
			}
		}
		body := make([]byte, length)
		if _, err := io.ReadFull(r, body); err != nil {
			return
		}
		var msg struct {
			ID     *int            `json:"id"`
			Method string          `json:"method"`
			Params json.RawMessage `json:"params"`
			Result json.RawMessage `json:"result"`
		}
		if json.Unmarshal(body, &msg) != nil {
			continue
		}
		switch {
		case msg.Method == "textDocument/publishDiagnostics":
			var p struct {
				URI         string          `json:"uri"`
				Diagnostics []lspDiagnostic `json:"diagnostics"`
			}
			json.Unmarshal(msg.Params, &p)
			l.mu.Lock()
			l.diags[p.URI] = p.Diagnostics
			l.seen[p.URI]++
			l.mu.Unlock()
			select {
			case l.update <- struct{}{}:
			default:
			}
		case msg.Method == "workspace/configuration" && msg.ID != nil:
			var p struct{ Items []any }
			json.Unmarshal(msg.Params, &p)
			res := make([]any, len(p.Items))
			for i := range res {
				res[i] = map[string]any{"validate": true, "hover": true, "completion": true, "schemaStore": map[string]any{"enable": false}}
			}
			l.send(map[string]any{"id": *msg.ID, "result": res})
		case msg.Method != "" && msg.ID != nil:
			l.send(map[string]any{"id": *msg.ID, "result": nil})
		case msg.ID != nil:
			l.mu.Lock()
			ch := l.waits[*msg.ID]
			delete(l.waits, *msg.ID)
			l.mu.Unlock()
			if ch != nil {
				ch <- msg.Result
			}
		}
	}
}

// open opens the files and waits until the server has published
// diagnostics for every one and then been quiet for a while (a server may
// publish an early, empty set before the schema is loaded, and a second
// one after). It returns the last diagnostics of each file, by path.
func (l *lsp) open(paths ...string) map[string][]lspDiagnostic {
	l.t.Helper()
	for _, p := range paths {
		text, err := os.ReadFile(p)
		if err != nil {
			l.t.Fatal(err)
		}
		l.notify("textDocument/didOpen", map[string]any{"textDocument": map[string]any{"uri": fileURI(p), "languageId": "yaml", "version": 1, "text": string(text)}})
	}
	deadline := time.After(60 * time.Second)
	for {
		select {
		case <-l.update:
			continue
		case <-time.After(2 * time.Second):
		case <-deadline:
			l.t.Fatalf("diagnostics not published for every file within a minute")
		}
		l.mu.Lock()
		out := map[string][]lspDiagnostic{}
		all := true
		for _, p := range paths {
			if l.seen[fileURI(p)] == 0 {
				all = false
			}
			out[p] = l.diags[fileURI(p)]
		}
		l.mu.Unlock()
		if all {
			return out
		}
	}
}

func yamlLanguageServer(t *testing.T) string {
	t.Helper()
	if testing.Short() {
		t.Skip("starts yaml-language-server")
	}
	server, err := exec.LookPath("yaml-language-server")
	if err != nil {
		t.Skip("yaml-language-server is not installed (npm install -g yaml-language-server): the editor experience is not checked")
	}
	if _, err := exec.LookPath("node"); err != nil {
		t.Skip("node is not installed: yaml-language-server cannot run")
	}
	return server
}

// TestEditorValidatesExamples opens every file of the example books in
// yaml-language-server, which finds each file's schema through its first
// line (the book's .clientbook/schema, by a relative path): none of them
// has a diagnostic.
func TestEditorValidatesExamples(t *testing.T) {
	t.Parallel() // waits on another program
	server := yamlLanguageServer(t)
	for _, name := range []string{"agency", "consulting"} {
		root, err := filepath.Abs(filepath.Join("..", "..", "examples", name))
		if err != nil {
			t.Fatal(err)
		}
		var paths []string
		filepath.WalkDir(root, func(p string, d fs.DirEntry, err error) error {
			if err == nil && !d.IsDir() && filepath.Ext(p) == ".yaml" {
				paths = append(paths, p)
			}
			return err
		})
		if len(paths) < 20 {
			t.Fatalf("only %d files in %s", len(paths), root)
		}
		l := startLSP(t, server, root)
		for p, ds := range l.open(paths...) {
			if len(ds) > 0 {
				t.Errorf("%s: %d diagnostics, first at line %d: %s", p, len(ds), ds[0].Range.Start.Line+1, ds[0].Message)
			}
		}
	}
}

// TestEditorFindsMistakes: in a book made by init, a client file with an
// unknown key, a rating of 6, a bad enum and a malformed date gets a
// diagnostic on each of those lines, and completion offers the keys.
func TestEditorFindsMistakes(t *testing.T) {
	t.Parallel() // waits on another program
	server := yamlLanguageServer(t)
	root := t.TempDir()
	var stdout, stderr bytes.Buffer
	if code := cli.Main([]string{"init", root}, strings.NewReader(""), &stdout, &stderr); code != 0 {
		t.Fatalf("init: %s", stderr.String())
	}
	client := filepath.Join(root, "clients", "example", "client.yaml")
	bad := `# yaml-language-server: $schema=../../.clientbook/schema/client.json
apiVersion: clientbook/v1
kind: Client
id: example
name: Example
status: activ
colour: blue
since: 2026-13-1
health:
  - {date: 2026-11-01, by: me, trust: 6}
`
	if err := os.WriteFile(client, []byte(bad), 0o644); err != nil {
		t.Fatal(err)
	}
	l := startLSP(t, server, root)
	lines := map[int]bool{}
	for _, d := range l.open(client)[client] {
		lines[d.Range.Start.Line+1] = true
	}
	for line, what := range map[int]string{6: "bad enum", 7: "unknown key", 8: "malformed date", 10: "rating of 6"} {
		if !lines[line] {
			t.Errorf("no diagnostic on line %d (%s); diagnostics on %v", line, what, lines)
		}
	}
	res := l.call("textDocument/completion", map[string]any{"textDocument": map[string]any{"uri": fileURI(client)}, "position": map[string]any{"line": 10, "character": 0}})
	for _, key := range []string{"stakeholders", "financials", "tier"} {
		if !bytes.Contains(res, []byte(`"`+key)) {
			t.Errorf("completion does not offer %s: %.300s", key, res)
		}
	}
}

// TestExampleSchemasCurrent: the schemas the example books carry (which
// their files' first lines point at) are what `schema --write` writes now.
func TestExampleSchemasCurrent(t *testing.T) {
	for _, name := range []string{"agency", "consulting"} {
		book := filepath.Join("..", "..", "examples", name)
		for _, kind := range []string{"firm", "client", "accountplan", "engagement", "review", "opportunity"} {
			var stdout, stderr bytes.Buffer
			if code := cli.Main([]string{"schema", kind}, strings.NewReader(""), &stdout, &stderr); code != 0 {
				t.Fatalf("schema %s: %s", kind, stderr.String())
			}
			golden.Check(t, filepath.Join(book, ".clientbook", "schema", kind+".json"), stdout.Bytes())
		}
	}
}
