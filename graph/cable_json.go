package graph

import (
	"encoding/json"
	"fmt"
	"time"
)

// The JSON form of a Cable is the contract of `cablegraph parse`: absent
// values are null (never "" or []), so that consumers can tell "the cable
// does not say" from "the cable says nothing", and times are RFC 3339 UTC.

type cableJSON struct {
	ID             *string          `json:"id"`
	Created        *string          `json:"created"`
	Released       *string          `json:"released"`
	Classification *string          `json:"classification"`
	Caveats        []string         `json:"caveats"`
	Origin         *string          `json:"origin"`
	DTG            *string          `json:"dtg"`
	Precedence     *string          `json:"precedence"`
	From           *string          `json:"from"`
	To             []string         `json:"to"`
	Info           []string         `json:"info"`
	Addressees     []string         `json:"addressees"`
	Subject        *string          `json:"subject"`
	Tags           []string         `json:"tags"`
	References     []refJSON        `json:"references"`
	ClassifiedBy   *classifierJSON  `json:"classifiedBy"`
	Declassify     *string          `json:"declassify"`
	Signature      *string          `json:"signature"`
	Summary        *string          `json:"summary"`
	Paragraphs     []paragraphJSON  `json:"paragraphs"`
	Body           *string          `json:"body"`
	Source         sourceJSON       `json:"source"`
	TagInfo        []Tag            `json:"tagInfo,omitempty"`
	Persons        []PersonMention  `json:"persons,omitempty"`
	Countries      []CountryMention `json:"countries,omitempty"`
	Organizations  []OrgMention     `json:"organizations,omitempty"`
	Interactions   []Interaction    `json:"interactions,omitempty"`
}

type refJSON struct {
	Raw    *string `json:"raw"`
	ID     *string `json:"id"`
	Kind   *string `json:"kind"`
	Letter *string `json:"letter"`
}

type classifierJSON struct {
	Name    *string  `json:"name"`
	Title   *string  `json:"title"`
	Reasons []string `json:"reasons"`
}

type paragraphJSON struct {
	Number  int     `json:"number"`
	Marking *string `json:"marking"`
	Text    *string `json:"text"`
}

type sourceJSON struct {
	Path   *string `json:"path"`
	Format *string `json:"format"`
	Record int     `json:"record"`
}

func nullable(s string) *string {
	if s == "" {
		return nil
	}
	return &s
}

func deref(p *string) string {
	if p == nil {
		return ""
	}
	return *p
}

func strs(s []string) []string {
	if len(s) == 0 {
		return nil
	}
	return s
}

func timeJSON(t *time.Time) *string {
	if t == nil {
		return nil
	}
	s := t.UTC().Format(time.RFC3339)
	return &s
}

func parseTimeJSON(p *string) (*time.Time, error) {
	if p == nil {
		return nil, nil
	}
	t, err := time.Parse(time.RFC3339, *p)
	if err != nil {
		return nil, fmt.Errorf("cable time %q: %w", *p, err)
	}
	t = t.UTC()
	return &t, nil
}

// MarshalJSON writes the cable with absent values as null.
func (c Cable) MarshalJSON() ([]byte, error) {
	j := cableJSON{
		ID: nullable(c.ID), Created: timeJSON(c.Created), Released: timeJSON(c.Released),
		Classification: nullable(c.Classification), Caveats: strs(c.Caveats), Origin: nullable(c.Origin),
		DTG: nullable(c.DTG), Precedence: nullable(c.Precedence), From: nullable(c.From),
		To: strs(c.To), Info: strs(c.Info), Addressees: strs(c.Addressees), Subject: nullable(c.Subject), Tags: strs(c.Tags),
		Declassify: nullable(c.Declassify), Signature: nullable(c.Signature), Summary: nullable(c.Summary),
		Body:    nullable(c.Body),
		Source:  sourceJSON{Path: nullable(c.Source.Path), Format: nullable(c.Source.Format), Record: c.Source.Record},
		TagInfo: c.TagInfo, Persons: c.Persons, Countries: c.Countries, Organizations: c.Organizations, Interactions: c.Interactions,
	}
	for _, r := range c.References {
		j.References = append(j.References, refJSON{nullable(r.Raw), nullable(r.ID), nullable(r.Kind), nullable(r.Letter)})
	}
	if c.ClassifiedBy != nil {
		j.ClassifiedBy = &classifierJSON{nullable(c.ClassifiedBy.Name), nullable(c.ClassifiedBy.Title), strs(c.ClassifiedBy.Reasons)}
	}
	for _, p := range c.Paragraphs {
		j.Paragraphs = append(j.Paragraphs, paragraphJSON{p.Number, nullable(p.Marking), nullable(p.Text)})
	}
	return json.Marshal(j)
}

// UnmarshalJSON reads what MarshalJSON writes (null becomes the zero value).
func (c *Cable) UnmarshalJSON(b []byte) error {
	var j cableJSON
	if err := json.Unmarshal(b, &j); err != nil {
		return fmt.Errorf("cable json: %w", err)
	}
	created, err := parseTimeJSON(j.Created)
	if err != nil {
		return err
	}
	released, err := parseTimeJSON(j.Released)
	if err != nil {
		return err
	}
	*c = Cable{
		ID: deref(j.ID), Created: created, Released: released, Classification: deref(j.Classification),
		Caveats: strs(j.Caveats), Origin: deref(j.Origin), DTG: deref(j.DTG), Precedence: deref(j.Precedence),
		From: deref(j.From), To: strs(j.To), Info: strs(j.Info), Addressees: strs(j.Addressees), Subject: deref(j.Subject), Tags: strs(j.Tags),
		Declassify: deref(j.Declassify), Signature: deref(j.Signature), Summary: deref(j.Summary), Body: deref(j.Body),
		Source:  Source{Path: deref(j.Source.Path), Format: deref(j.Source.Format), Record: j.Source.Record},
		TagInfo: j.TagInfo, Persons: j.Persons, Countries: j.Countries, Organizations: j.Organizations, Interactions: j.Interactions,
	}
	for _, r := range j.References {
		c.References = append(c.References, Ref{deref(r.Raw), deref(r.ID), deref(r.Kind), deref(r.Letter)})
	}
	if j.ClassifiedBy != nil {
		c.ClassifiedBy = &Classifier{deref(j.ClassifiedBy.Name), deref(j.ClassifiedBy.Title), strs(j.ClassifiedBy.Reasons)}
	}
	for _, p := range j.Paragraphs {
		c.Paragraphs = append(c.Paragraphs, Paragraph{p.Number, deref(p.Marking), deref(p.Text)})
	}
	return nil
}
