package load

import (
	"cmp"
	"fmt"
	"path"
	"slices"
	"strconv"
	"strings"

	"github.com/clientbook/clientbook/pkg/book"
	"github.com/clientbook/clientbook/pkg/finding"
)

// assembleFirm takes the firm from the decoded firm file(s).
func (l *loader) assembleFirm(b *book.Book, results []result) {
	for _, res := range results {
		v, ok := res.value.(*book.Firm)
		if !ok {
			continue
		}
		if b.Firm == nil {
			b.Firm = v
		} else {
			l.add(CB005, v.Path, v.Pos, "the book has both clientbook.yaml and clientbook.yml: keep one")
		}
	}
}

// assembleClient puts one client folder's decoded files together: the
// client with its plan, engagements and reviews, ids checked against the
// files' places (CB005, CB006). When the folder has no readable client
// file, the client is a stand-in (Client.Unread) holding the folder's
// other files, so that what they hold is still checked.
func (l *loader) assembleClient(dir string, jobs []job, results []result) *book.Client {
	var c *book.Client
	for i, res := range results {
		v, ok := res.value.(*book.Client)
		if !ok {
			continue
		}
		if c != nil {
			l.add(CB005, v.Path, v.ID.Pos, "%s already defines this client: keep one of client.yaml and client.yml", c.Path)
			continue
		}
		folder := path.Base(path.Dir(jobs[i].path))
		if !book.ValidID(folder) {
			l.add(CB006, dir, book.Pos{}, "folder name %q is not a client id: rename it to a lower-case slug such as %q", folder, slug(folder))
		} else if v.ID.Set && string(v.ID.Value) != folder {
			l.add(CB006, v.Path, v.ID.Pos, "client id %q does not match its folder %q: a client's id is its folder name", v.ID.Value, folder)
		}
		if !v.ID.Set && book.ValidID(folder) && !hasKey(v.Keys, "id") {
			// Already reported as missing; use the folder so the client is still usable.
			v.ID = book.Field[book.ID]{Value: book.ID(folder), Pos: v.Pos}
		}
		c = v
	}
	if c == nil {
		c = l.standIn(dir, jobs, results)
	}
	engagementIDs := map[book.ID]string{}
	reviewYears := map[string]string{}
	for _, res := range results {
		switch v := res.value.(type) {
		case *book.Plan:
			if c.Plan != nil {
				l.add(CB005, v.Path, v.Pos, "%s already holds this client's plan: keep one of plan.yaml and plan.yml", c.Plan.Path)
				continue
			}
			c.Plan = v
		case *book.Engagement:
			l.idFromFileName(&v.ID, v.Path, v.Pos, "engagement")
			c.Engagements = append(c.Engagements, v)
			if v.ID.Value == "" {
				continue
			}
			if prev, ok := engagementIDs[v.ID.Value]; ok {
				l.add(CB005, v.Path, v.ID.Pos, "engagement id %q is already used by %s: engagement ids are unique within their client", v.ID.Value, prev)
				continue
			}
			engagementIDs[v.ID.Value] = v.Path
		case *book.Review:
			name := stem(path.Base(v.Path))
			year, err := strconv.Atoi(name)
			switch {
			case err != nil || len(name) != 4:
				l.add(CB006, v.Path, book.Pos{}, "a review's file is named after its year, as reviews/%s.yaml", yearOr(v, "YYYY"))
			case v.Date.Set && v.Date.Value.Year() != year:
				l.add(CB006, v.Path, v.Date.Pos, "review dated %s is in file %s: a review's file name is its date's year (%d)", v.Date.Value, path.Base(v.Path), v.Date.Value.Year())
			}
			c.Reviews = append(c.Reviews, v)
			if prev, ok := reviewYears[name]; ok {
				l.add(CB005, v.Path, v.Pos, "%s already holds the %s review: one review per year", prev, name)
				continue
			}
			reviewYears[name] = v.Path
		}
	}
	return c
}

// standIn is the client of the folder dir whose client.yaml could not be
// read: the folder's name for id when it is one, and why, from the
// findings on the client file (or on the folder, for one without it).
func (l *loader) standIn(dir string, jobs []job, results []result) *book.Client {
	file := ""
	var findings [][]finding.Finding
	for i, j := range jobs {
		if j.kind == kindClient {
			file = cmp.Or(file, j.path)
			findings = append(findings, results[i].findings)
		}
	}
	for _, f := range l.findings {
		if name := path.Base(f.Path); file == "" && path.Dir(f.Path) == dir && isYAML(name) && stem(name) == "client" {
			file = f.Path // not a file at all: a folder, a pipe, a link out
		}
	}
	file = cmp.Or(file, dir+"/client.yaml")
	folder := path.Base(dir)
	why := unreadBecause(book.LeftOutClient, folder, file, dir, append(findings, l.findings)...)
	c := &book.Client{Path: file, Unread: &why}
	if book.ValidID(folder) {
		c.ID = book.Field[book.ID]{Value: book.ID(folder)}
	}
	return c
}

// assembleOpportunities sorts the decoded opportunities by id, then path,
// and reports ids used twice; the files that could not be read are left
// out, each with why. The files' own findings go through kept into
// findings.
func (l *loader) assembleOpportunities(jobs []job, results []result, findings *[]finding.Finding, kept func([]finding.Finding) []finding.Finding) (out []*book.Opportunity, leftOut []book.LeftOut) {
	for i, res := range results {
		v, ok := res.value.(*book.Opportunity)
		if !ok {
			p := jobs[i].path
			leftOut = append(leftOut, unreadBecause(book.LeftOutOpportunity, stem(path.Base(p)), p, "", res.findings))
		}
		*findings = append(*findings, kept(res.findings)...)
		if !ok {
			continue
		}
		l.idFromFileName(&v.ID, v.Path, v.Pos, "opportunity")
		out = append(out, v)
	}
	slices.SortFunc(out, func(a, c *book.Opportunity) int {
		return cmp.Or(cmp.Compare(a.ID.Value, c.ID.Value), cmp.Compare(a.Path, c.Path))
	})
	for i := 1; i < len(out); i++ {
		if o := out[i]; o.ID.Value != "" && o.ID.Value == out[i-1].ID.Value {
			l.add(CB005, o.Path, o.ID.Pos, "opportunity id %q is already used by %s: ids are unique in the book", o.ID.Value, out[i-1].Path)
		}
	}
	return out, leftOut
}

// idFromFileName gives a document that states no id (the key absent or
// empty) its file's name as id, as SPEC §1 names the files
// (engagements/<slug>.yaml, opportunities/<slug>.yaml). A file whose name
// is not an id would have no id at all, and no other finding would say so
// (two of them would not even collide): that is a CB006, with the two ways
// out. An id that is there but not valid has had its CB003.
func (l *loader) idFromFileName(id *book.Field[book.ID], p string, pos book.Pos, what string) {
	if id.Given() {
		return
	}
	base := path.Base(p)
	name := stem(base)
	if book.ValidID(name) {
		*id = book.Field[book.ID]{Value: book.ID(name), Pos: pos}
		return
	}
	suggest := slugOr(name, what)
	l.add(CB006, p, book.Pos{}, "the file name %s is not an id and the %s has no id: rename the file to %s%s or add id: %s", quote(name), what, suggest, strings.TrimPrefix(base, name), suggest)
}

func hasKey(keys map[string]book.Pos, k string) bool {
	_, ok := keys[k]
	return ok
}

func yearOr(r *book.Review, def string) string {
	if r.Date.Set {
		return fmt.Sprint(r.Date.Value.Year())
	}
	return def
}

// slug suggests an id for a folder name that is not one.
func slug(s string) string { return slugOr(s, "client") }

// slugOr suggests an id for a name that is not one; def when the name has
// no letter or digit to make one of.
func slugOr(s, def string) string {
	var b strings.Builder
	for _, r := range strings.ToLower(s) {
		switch {
		case r >= 'a' && r <= 'z', r >= '0' && r <= '9':
			b.WriteRune(r)
		case latinFold[r] != "":
			b.WriteString(latinFold[r])
		case b.Len() > 0 && !strings.HasSuffix(b.String(), "-"):
			b.WriteByte('-')
		}
	}
	out := strings.Trim(b.String(), "-")
	if out == "" {
		return def
	}
	if len(out) > 63 {
		out = strings.TrimRight(out[:63], "-")
	}
	return out
}

// latinFold spells the accented letters of Western European names in plain
// ASCII, so that "Müller & Søn" suggests "muller-son" rather than "m-ller-s-n".
var latinFold = map[rune]string{
	'à': "a", 'á': "a", 'â': "a", 'ã': "a", 'ä': "a", 'å': "a", 'æ': "ae",
	'ç': "c", 'è': "e", 'é': "e", 'ê': "e", 'ë': "e", 'ì': "i", 'í': "i",
	'î': "i", 'ï': "i", 'ð': "d", 'ñ': "n", 'ò': "o", 'ó': "o", 'ô': "o",
	'õ': "o", 'ö': "o", 'ø': "o", 'ù': "u", 'ú': "u", 'û': "u", 'ü': "u",
	'ý': "y", 'ÿ': "y", 'þ': "th", 'ß': "ss", 'œ': "oe", 'ł': "l", 'š': "s",
	'ž': "z", 'č': "c", 'ř': "r", 'ě': "e", 'ů': "u", 'ő': "o", 'ű': "u",
}
