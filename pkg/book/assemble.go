package book

import (
	"cmp"
	"fmt"
	"path"
	"slices"
	"strconv"
	"strings"
)

// assemble puts decoded files together: each client with its plan,
// engagements and reviews; ids checked against the files' places (CB005,
// CB006).
func (l *loader) assemble(jobs []job, results []result) *Book {
	b := &Book{}
	byDir := map[string]*Client{}
	var plans []*Plan
	var engagements []*Engagement
	var reviews []*Review
	for i, res := range results {
		b.Findings = append(b.Findings, res.findings...)
		b.Files++
		switch v := res.value.(type) {
		case *Firm:
			if b.Firm == nil {
				b.Firm = v
			} else {
				l.add("CB005", v.Path, v.Pos, "the book has both clientbook.yaml and clientbook.yml: keep one")
			}
		case *Client:
			dir := path.Dir(jobs[i].path)
			if prev := byDir[dir]; prev != nil {
				l.add("CB005", v.Path, v.ID.Pos, "%s already defines this client: keep one of client.yaml and client.yml", prev.Path)
				continue
			}
			folder := path.Base(dir)
			if !ValidID(folder) {
				l.add("CB006", dir, Pos{}, "folder name %q is not a client id: rename it to a lower-case slug such as %q", folder, slug(folder))
			} else if v.ID.Set && string(v.ID.Value) != folder {
				l.add("CB006", v.Path, v.ID.Pos, "client id %q does not match its folder %q: a client's id is its folder name", v.ID.Value, folder)
			}
			if !v.ID.Set && ValidID(folder) && !hasKey(v.Keys, "id") {
				// Already reported as missing; use the folder so the client is still usable.
				v.ID = Field[ID]{Value: ID(folder), Pos: v.Pos}
			}
			byDir[dir] = v
		case *Plan:
			plans = append(plans, v)
		case *Engagement:
			engagements = append(engagements, v)
		case *Review:
			reviews = append(reviews, v)
		case *Opportunity:
			if !v.ID.Set && ValidID(stem(path.Base(v.Path))) && !hasKey(v.Keys, "id") {
				v.ID = Field[ID]{Value: ID(stem(path.Base(v.Path))), Pos: v.Pos}
			}
			b.Opportunities = append(b.Opportunities, v)
		}
	}
	b.Settings = SettingsOf(b.Firm)

	clientOf := func(p string) *Client {
		// clients/<id>/plan.yaml or clients/<id>/<sub>/<file>
		parts := strings.Split(p, "/")
		return byDir[parts[0]+"/"+parts[1]]
	}
	for _, p := range plans {
		c := clientOf(p.Path)
		if c == nil {
			continue
		}
		if c.Plan != nil {
			l.add("CB005", p.Path, p.Pos, "%s already holds this client's plan: keep one of plan.yaml and plan.yml", c.Plan.Path)
			continue
		}
		c.Plan = p
	}
	for _, e := range engagements {
		if !e.ID.Set && ValidID(stem(path.Base(e.Path))) && !hasKey(e.Keys, "id") {
			e.ID = Field[ID]{Value: ID(stem(path.Base(e.Path))), Pos: e.Pos}
		}
		if c := clientOf(e.Path); c != nil {
			c.Engagements = append(c.Engagements, e)
		}
	}
	for _, r := range reviews {
		name := stem(path.Base(r.Path))
		year, err := strconv.Atoi(name)
		switch {
		case err != nil || len(name) != 4:
			l.add("CB006", r.Path, Pos{}, "a review's file is named after its year, as reviews/%s.yaml", yearOr(r, "YYYY"))
		case r.Date.Set && r.Date.Value.Year() != year:
			l.add("CB006", r.Path, r.Date.Pos, "review dated %s is in file %s: a review's file name is its date's year (%d)", r.Date.Value, path.Base(r.Path), r.Date.Value.Year())
		}
		if c := clientOf(r.Path); c != nil {
			c.Reviews = append(c.Reviews, r)
		}
	}

	for _, c := range byDir {
		b.Clients = append(b.Clients, c)
	}
	slices.SortFunc(b.Clients, func(a, c *Client) int {
		return cmp.Or(cmp.Compare(a.ID.Value, c.ID.Value), cmp.Compare(a.Path, c.Path))
	})
	for i := 1; i < len(b.Clients); i++ {
		// Clients without a usable id (reported already) have the empty
		// id; they do not collide with each other.
		if id := b.Clients[i].ID.Value; id != "" && id == b.Clients[i-1].ID.Value {
			c := b.Clients[i]
			l.add("CB005", c.Path, c.ID.Pos, "client id %q is already used by %s: ids are unique in the book", c.ID.Value, b.Clients[i-1].Path)
		}
	}
	slices.SortFunc(b.Opportunities, func(a, c *Opportunity) int {
		return cmp.Or(cmp.Compare(a.ID.Value, c.ID.Value), cmp.Compare(a.Path, c.Path))
	})
	for i := 1; i < len(b.Opportunities); i++ {
		if o := b.Opportunities[i]; o.ID.Value != "" && o.ID.Value == b.Opportunities[i-1].ID.Value {
			l.add("CB005", o.Path, o.ID.Pos, "opportunity id %q is already used by %s: ids are unique in the book", o.ID.Value, b.Opportunities[i-1].Path)
		}
	}
	for _, c := range b.Clients {
		seen := map[ID]string{}
		for _, e := range c.Engagements {
			if e.ID.Value == "" {
				continue
			}
			if prev, ok := seen[e.ID.Value]; ok {
				l.add("CB005", e.Path, e.ID.Pos, "engagement id %q is already used by %s: engagement ids are unique within their client", e.ID.Value, prev)
				continue
			}
			seen[e.ID.Value] = e.Path
		}
		years := map[string]string{}
		for _, r := range c.Reviews {
			y := stem(path.Base(r.Path))
			if prev, ok := years[y]; ok {
				l.add("CB005", r.Path, r.Pos, "%s already holds the %s review: one review per year", prev, y)
				continue
			}
			years[y] = r.Path
		}
	}
	return b
}

func hasKey(keys map[string]Pos, k string) bool {
	_, ok := keys[k]
	return ok
}

func yearOr(r *Review, def string) string {
	if r.Date.Set {
		return fmt.Sprint(r.Date.Value.Year())
	}
	return def
}

// slug suggests an id for a folder name that is not one.
func slug(s string) string {
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
		return "client"
	}
	if len(out) > 63 {
		out = out[:63]
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
