package report

import (
	"bytes"
	_ "embed"
	"fmt"
	"html/template"
	"io"
)

//go:embed report.html.tmpl
var pageText string

// page is parsed once; html/template escapes every value by its context
// (text, attribute, SVG attribute), so nothing from the book's files can
// become markup.
var page = template.Must(template.New("report").Parse(pageText))

// Write renders the model as one self-contained HTML page. Nothing is
// written when the template fails.
func Write(w io.Writer, m Model) error {
	var buf bytes.Buffer
	if err := page.Execute(&buf, m); err != nil {
		return fmt.Errorf("cannot render the report: %w", err)
	}
	_, err := w.Write(buf.Bytes())
	return err
}
