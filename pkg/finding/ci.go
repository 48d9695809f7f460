package finding

import (
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"fmt"
	"io"
	"net/url"
	"path"
	"strconv"
	"strings"
)

// WriteGitHub prints findings as GitHub Actions workflow commands, which
// GitHub shows as annotations on the pull request's lines. prefix is the
// book root relative to the repository (the working folder), "" or "." for
// the same folder.
//
// Each finding is one line of the log, whatever its text holds: the
// message is escaped as the text format escapes it (Printable), so that the
// annotation reads like `check`'s line, then as a workflow command's data;
// the file is escaped as a property (which the runner decodes back to the
// file's name), and what is left of control characters as Printable does.
func WriteGitHub(w io.Writer, r Report, prefix string) error {
	for f := range r.All() {
		level := "error"
		switch f.Severity {
		case Warning:
			level = "warning"
		case Info:
			level = "notice"
		}
		props := []string{"file=" + Printable(ghProperty(joinPrefix(prefix, f.Path)))}
		if f.Line > 0 {
			props = append(props, fmt.Sprintf("line=%d", f.Line))
			if f.Column > 0 {
				props = append(props, fmt.Sprintf("col=%d", f.Column))
			}
		}
		// The title is what the annotation is headed with: the rule and
		// what it checks, "CB304 hours over budget".
		props = append(props, "title="+ghProperty(f.Rule+" "+MustLookup(f.Rule).Summary))
		if _, err := fmt.Fprintf(w, "::%s %s::%s\n", level, strings.Join(props, ","), ghData(Printable(f.Message))); err != nil {
			return err
		}
	}
	return nil
}

func joinPrefix(prefix, p string) string {
	if prefix == "" || prefix == "." {
		return p
	}
	return path.Join(prefix, p)
}

// uriReference turns a slash-separated relative path into the relative URI
// reference SARIF's artifactLocation.uri must be (RFC 3986): each segment
// percent-encoded, so that a file named "o'brien & co, ltd", "x%41" or
// "#1" is that file and not a fragment, an escape or a scheme. A colon is
// encoded too: in a first segment it would read as a scheme ("c:").
func uriReference(p string) string {
	segments := strings.Split(p, "/")
	for i, s := range segments {
		segments[i] = strings.ReplaceAll(url.PathEscape(s), ":", "%3A")
	}
	return strings.Join(segments, "/")
}

// ghData escapes a workflow command's message.
func ghData(s string) string {
	return strings.NewReplacer("%", "%25", "\r", "%0D", "\n", "%0A").Replace(s)
}

// ghProperty escapes a workflow command's property value.
func ghProperty(s string) string {
	return strings.NewReplacer("%", "%25", "\r", "%0D", "\n", "%0A", ":", "%3A", ",", "%2C").Replace(s)
}

// SARIF 2.1.0, the subset GitHub code scanning reads.
type sarifLog struct {
	Schema  string     `json:"$schema"`
	Version string     `json:"version"`
	Runs    []sarifRun `json:"runs"`
}

type sarifRun struct {
	Tool    sarifTool     `json:"tool"`
	Results []sarifResult `json:"results"`
}

type sarifTool struct {
	Driver sarifDriver `json:"driver"`
}

type sarifDriver struct {
	Name            string      `json:"name"`
	InformationURI  string      `json:"informationUri"`
	Version         string      `json:"version"`
	SemanticVersion string      `json:"semanticVersion"`
	Rules           []sarifRule `json:"rules"`
}

type sarifText struct {
	Text string `json:"text"`
}

type sarifRule struct {
	ID                   string      `json:"id"`
	Name                 string      `json:"name"`
	ShortDescription     sarifText   `json:"shortDescription"`
	FullDescription      sarifText   `json:"fullDescription"`
	Help                 sarifText   `json:"help"`
	DefaultConfiguration sarifConfig `json:"defaultConfiguration"`
}

type sarifConfig struct {
	Level string `json:"level"`
}

type sarifResult struct {
	RuleID              string            `json:"ruleId"`
	RuleIndex           int               `json:"ruleIndex"`
	Level               string            `json:"level"`
	Message             sarifText         `json:"message"`
	Locations           []sarifLocation   `json:"locations"`
	PartialFingerprints map[string]string `json:"partialFingerprints"`
}

type sarifLocation struct {
	PhysicalLocation sarifPhysical `json:"physicalLocation"`
}

type sarifPhysical struct {
	ArtifactLocation sarifArtifact `json:"artifactLocation"`
	Region           *sarifRegion  `json:"region,omitempty"`
}

type sarifArtifact struct {
	URI       string `json:"uri"`
	URIBaseID string `json:"uriBaseId"`
}

type sarifRegion struct {
	StartLine   int `json:"startLine"`
	StartColumn int `json:"startColumn,omitempty"`
}

func sarifLevel(s Severity) string {
	switch s {
	case Error:
		return "error"
	case Warning:
		return "warning"
	}
	return "note"
}

// ruleName turns a summary into SARIF's PascalCase rule name: each word
// capitalised, a possessive's apostrophe dropped ("file's" → "Files") and
// one-letter words left out ("not a senior" → "NotSenior", a digit kept), so that no two
// capitals meet and the name reads as one identifier.
func ruleName(summary string) string {
	var b strings.Builder
	words := strings.FieldsFunc(strings.ReplaceAll(summary, "'", ""), func(r rune) bool { return !(r >= 'a' && r <= 'z' || r >= 'A' && r <= 'Z' || r >= '0' && r <= '9') })
	for _, w := range words {
		if len(w) == 1 && (w[0] < '0' || w[0] > '9') && len(words) > 1 {
			continue
		}
		b.WriteString(strings.ToUpper(w[:1]) + w[1:])
	}
	return b.String()
}

// SemanticVersion is version as SARIF's semanticVersion wants it: a
// numeric semantic version without the "v" ("v1.4.0" → "1.4.0"), and
// 0.0.0-dev for a build that carries none ("dev", "(devel)", "").
func SemanticVersion(version string) string {
	v := strings.TrimPrefix(version, "v")
	if v == "" || v[0] < '0' || v[0] > '9' {
		return "0.0.0-dev"
	}
	return v
}

// fingerprintKey names the partialFingerprints entry of each result.
const fingerprintKey = "clientbookFinding/v1"

// fingerprints gives each finding what code scanning matches alerts by
// from one run to the next: a hash of the rule, the file and the message
// with its numbers taken out, so that an alert keeps its identity when the
// lines above it move or the days it counts go by, and two findings of one
// rule in one file stay apart by what they name (the action, the
// milestone, the stakeholder). Findings that would hash alike are numbered
// in report order (":2", ":3"), as GitHub's own line hashes are.
type fingerprints map[string]int

func (seen fingerprints) next(f Finding) map[string]string {
	h := sha256.New()
	io.WriteString(h, f.Rule+"\x00"+f.Path+"\x00")
	digits := false
	for _, r := range f.Message {
		if r >= '0' && r <= '9' {
			if !digits {
				io.WriteString(h, "#")
			}
			digits = true
			continue
		}
		digits = false
		io.WriteString(h, string(r))
	}
	key := hex.EncodeToString(h.Sum(nil)[:16])
	seen[key]++
	return map[string]string{fingerprintKey: key + ":" + strconv.Itoa(seen[key])}
}

// region is where a result points in its file. A finding about a whole
// file (line 0) points at its first line, so that code scanning shows it
// on the file; a finding about a folder (a client folder with no
// client.yaml) has no lines to point at and gets no region: code scanning
// lists it with the folder's path.
func region(f Finding) *sarifRegion {
	switch {
	case f.Line > 0:
		return &sarifRegion{StartLine: f.Line, StartColumn: f.Column}
	case isFile(f.Path):
		return &sarifRegion{StartLine: 1}
	}
	return nil
}

// isFile tells a book file from a folder by its name: every file the
// loader reports on is YAML (.yaml or .yml; CB006 names the others by
// their own paths, which end in their extension too).
func isFile(p string) bool {
	base := path.Base(p)
	return strings.HasSuffix(base, ".yaml") || strings.HasSuffix(base, ".yml") || p == ""
}

// WriteSARIF prints the report as a SARIF 2.1.0 log for code scanning, with
// every rule's metadata (Rules). severities holds the firm's
// overrides so that rule levels match what the run reports.
func WriteSARIF(w io.Writer, r Report, prefix, version string, severities map[string]Severity) error {
	sem := SemanticVersion(version)
	driver := sarifDriver{Name: "clientbook", InformationURI: "https://github.com/clientbook/clientbook", Version: sem, SemanticVersion: sem}
	index := map[string]int{}
	for i, rule := range Rules() {
		level := rule.Default
		if s, ok := severities[rule.ID]; ok && s != Off {
			level = s
		}
		index[rule.ID] = i
		driver.Rules = append(driver.Rules, sarifRule{
			ID: rule.ID, Name: ruleName(rule.Summary),
			ShortDescription:     sarifText{rule.Summary},
			FullDescription:      sarifText{rule.Summary + ". " + rule.Help},
			Help:                 sarifText{rule.Help},
			DefaultConfiguration: sarifConfig{sarifLevel(level)},
		})
	}
	run := sarifRun{Tool: sarifTool{Driver: driver}, Results: []sarifResult{}}
	seen := fingerprints{}
	for f := range r.All() {
		loc := sarifPhysical{ArtifactLocation: sarifArtifact{URI: uriReference(joinPrefix(prefix, f.Path)), URIBaseID: "%SRCROOT%"}, Region: region(f)}
		run.Results = append(run.Results, sarifResult{
			RuleID: f.Rule, RuleIndex: index[MustLookup(f.Rule).ID], Level: sarifLevel(f.Severity),
			Message:             sarifText{f.Message},
			Locations:           []sarifLocation{{PhysicalLocation: loc}},
			PartialFingerprints: seen.next(f),
		})
	}
	log := sarifLog{Schema: "https://json.schemastore.org/sarif-2.1.0.json", Version: "2.1.0", Runs: []sarifRun{run}}
	enc := json.NewEncoder(w)
	enc.SetIndent("", "  ")
	enc.SetEscapeHTML(false)
	return enc.Encode(log)
}
