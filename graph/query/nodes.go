package query

import (
	"context"
	"errors"
	"fmt"
	"sort"
	"strconv"
	"strings"
	"time"

	"github.com/cablegraph/cablegraph/graph"
)

// nodeID is the "Kind:id" form used in subgraphs: unique across kinds, so
// that a visualisation library can key on it directly.
func nodeID(r graph.NodeRef) string { return r.Kind + ":" + r.ID }

// knownKinds are the prefixes an id may carry.
var knownKinds = []string{graph.KindCable, graph.KindPerson, graph.KindCountry, graph.KindTag, graph.KindReference, graph.KindOrganization}

// resolveNode turns what a user typed into a node: "Kind:id" as is (after
// checking the node exists), else a bare cable id, person name or key,
// country code or name, tag code, or organization key, in that order.
func (s *Service) resolveNode(ctx context.Context, id string) (graph.NodeRef, error) {
	id = strings.TrimSpace(id)
	if id == "" {
		return graph.NodeRef{}, fmt.Errorf("node id is empty: %w", graph.ErrInvalid)
	}
	if kind, rest, ok := strings.Cut(id, ":"); ok {
		for _, k := range knownKinds {
			if strings.EqualFold(kind, k) {
				return s.checkNode(ctx, graph.NodeRef{Kind: k, ID: strings.TrimSpace(rest)})
			}
		}
	}
	for _, k := range []string{graph.KindCable, graph.KindPerson, graph.KindCountry, graph.KindTag, graph.KindOrganization} {
		r, err := s.checkNode(ctx, graph.NodeRef{Kind: k, ID: id})
		if err == nil {
			return r, nil
		}
		if !errors.Is(err, graph.ErrNotFound) {
			return graph.NodeRef{}, err
		}
	}
	return graph.NodeRef{}, fmt.Errorf("no cable, person, country, tag or organization %q: %w", id, graph.ErrNotFound)
}

// checkNode returns the node with its canonical id when it exists.
func (s *Service) checkNode(ctx context.Context, r graph.NodeRef) (graph.NodeRef, error) {
	notFound := fmt.Errorf("%s %q: %w", strings.ToLower(r.Kind), r.ID, graph.ErrNotFound)
	if r.ID == "" {
		return r, notFound
	}
	switch r.Kind {
	case graph.KindCable:
		// Checking that a start node exists needs only its id, and a whole
		// cable is tens of kilobytes.
		cs, err := CableSummariesOf(s.r)(ctx, []string{r.ID, strings.ToUpper(r.ID)})
		if err != nil {
			return r, fmt.Errorf("cable %q: %w", r.ID, err)
		}
		if len(cs) == 0 {
			return r, notFound
		}
		return graph.NodeRef{Kind: r.Kind, ID: cs[0].ID}, nil
	case graph.KindPerson:
		p, _, err := s.ResolvePerson(ctx, r.ID)
		if err != nil {
			return r, err
		}
		return graph.NodeRef{Kind: r.Kind, ID: p.Key}, nil
	case graph.KindCountry:
		c, err := s.r.Country(ctx, r.ID)
		if err != nil {
			return r, fmt.Errorf("country %q: %w", r.ID, err)
		}
		return graph.NodeRef{Kind: r.Kind, ID: c.Code}, nil
	case graph.KindTag:
		t, err := s.r.Tag(ctx, r.ID)
		if err != nil {
			return r, fmt.Errorf("tag %q: %w", r.ID, err)
		}
		return graph.NodeRef{Kind: r.Kind, ID: t.Code}, nil
	case graph.KindOrganization:
		os, err := s.r.Organizations(ctx, []string{r.ID})
		if err != nil {
			return r, fmt.Errorf("organization %q: %w", r.ID, err)
		}
		if len(os) == 0 {
			return r, notFound
		}
		return graph.NodeRef{Kind: r.Kind, ID: os[0].Key}, nil
	default: // references have no lookup of their own; any id may be cited
		return r, nil
	}
}

// CableLabelSource is a Reader that returns the fields of cables a
// subgraph node shows without copying their documents: a neighbourhood
// describes up to a thousand cables, and Cables copies each one's
// paragraphs, mentions and interactions.
type CableLabelSource interface {
	// CableLabels returns the cables with these ids, in the order asked,
	// skipping ids that are not loaded, as Cables does, with only ID,
	// Created, Classification, Origin, Subject, Countries and TagInfo
	// set, each equal to the same field of Cables' answer.
	CableLabels(ctx context.Context, ids []string) ([]*graph.Cable, error)
}

// cablesToDescribe returns the cables for describe, from a
// CableLabelSource when the Reader is one.
func (s *Service) cablesToDescribe(ctx context.Context, ids []string) ([]*graph.Cable, error) {
	if src, ok := ReaderAs[CableLabelSource](s.r); ok {
		return src.CableLabels(ctx, ids)
	}
	return s.r.Cables(ctx, ids)
}

// describe builds the subgraph nodes for refs, in the same order, with
// human-readable labels and a few useful properties. It asks the store in
// batches per kind; countries and tags, which have no batch lookup, are
// named from the loaded cables' own mentions first and looked up one by
// one only when no cable named them (there are at most a few hundred).
func (s *Service) describe(ctx context.Context, refs []graph.NodeRef) ([]graph.SubgraphNode, error) {
	var cableIDs, personKeys, orgKeys []string
	for _, r := range refs {
		switch r.Kind {
		case graph.KindCable, graph.KindReference:
			cableIDs = append(cableIDs, r.ID)
		case graph.KindPerson:
			personKeys = append(personKeys, r.ID)
		case graph.KindOrganization:
			orgKeys = append(orgKeys, r.ID)
		}
	}
	cables, err := s.cablesToDescribe(ctx, cableIDs)
	if err != nil {
		return nil, fmt.Errorf("describing %d cables: %w", len(cableIDs), err)
	}
	persons, err := s.r.Persons(ctx, personKeys)
	if err != nil {
		return nil, fmt.Errorf("describing %d persons: %w", len(personKeys), err)
	}
	orgs, err := s.r.Organizations(ctx, orgKeys)
	if err != nil {
		return nil, fmt.Errorf("describing %d organizations: %w", len(orgKeys), err)
	}
	cableBy := map[string]*graph.Cable{}
	countryName := map[string]string{}
	tagInfo := map[string]graph.Tag{}
	for _, c := range cables {
		cableBy[c.ID] = c
		for _, m := range c.Countries {
			if m.Name != "" && countryName[m.Code] == "" {
				countryName[m.Code] = m.Name
			}
		}
		for _, t := range c.TagInfo {
			if t.Meaning != "" && tagInfo[t.Code].Meaning == "" {
				tagInfo[t.Code] = t
			}
		}
	}
	personBy := map[string]*graph.Person{}
	for _, p := range persons {
		personBy[p.Key] = p
	}
	orgBy := map[string]*graph.Organization{}
	for _, o := range orgs {
		orgBy[o.Key] = o
	}
	out := make([]graph.SubgraphNode, 0, len(refs))
	for _, r := range refs {
		n := graph.SubgraphNode{ID: nodeID(r), Kind: r.Kind, Label: r.ID, Properties: map[string]string{}}
		switch r.Kind {
		case graph.KindCable:
			if c := cableBy[r.ID]; c != nil {
				cableNode(&n, c)
			}
		case graph.KindReference:
			// A reference is its own node: loaded or not, its id is what
			// the citing cable wrote; ghost says whether it resolves.
			n.Properties["ghost"] = strconv.FormatBool(cableBy[r.ID] == nil)
			if c := cableBy[r.ID]; c != nil && c.Subject != "" {
				n.Label = r.ID + ": " + c.Subject
			}
		case graph.KindPerson:
			if p := personBy[r.ID]; p != nil {
				n.Label = p.Name
				setList(n.Properties, "roles", p.Roles)
				setList(n.Properties, "countries", p.Countries)
				n.Properties["cables"] = strconv.Itoa(p.Cables)
			} else if hasPostPrefix(r.ID) {
				n.Label = strings.TrimPrefix(r.ID, "post:")
			}
		case graph.KindCountry:
			name := countryName[r.ID]
			if name == "" && s.topics != nil {
				if _, n, ok := s.topics.CountryByName(r.ID); ok {
					name = n
				}
			}
			if name == "" {
				if c, err := s.r.Country(ctx, r.ID); err == nil {
					name = c.Name
				} else if !errors.Is(err, graph.ErrNotFound) {
					return nil, fmt.Errorf("describing country %q: %w", r.ID, err)
				}
			}
			if name != "" {
				n.Label = name
			}
			n.Properties["code"] = r.ID
		case graph.KindTag:
			t, ok := tagInfo[r.ID]
			if !ok {
				if got, err := s.r.Tag(ctx, r.ID); err == nil {
					t = *got
				} else if !errors.Is(err, graph.ErrNotFound) {
					return nil, fmt.Errorf("describing tag %q: %w", r.ID, err)
				}
			}
			if t.Meaning != "" {
				n.Label = r.ID + ": " + t.Meaning
			}
			if t.Kind != "" {
				n.Properties["kind"] = t.Kind
			}
		case graph.KindOrganization:
			if o := orgBy[r.ID]; o != nil {
				n.Label = o.Name
				if o.Kind != "" {
					n.Properties["kind"] = o.Kind
				}
			}
		}
		out = append(out, n)
	}
	return out, nil
}

func cableNode(n *graph.SubgraphNode, c *graph.Cable) {
	n.Label = c.ID
	if c.Subject != "" {
		n.Label = c.ID + ": " + c.Subject
	}
	if c.Created != nil {
		n.Properties["date"] = c.Created.UTC().Format(time.DateOnly)
	}
	if c.Classification != "" {
		n.Properties["classification"] = c.Classification
	}
	if c.Origin != "" {
		n.Properties["origin"] = c.Origin
	}
}

func setList(props map[string]string, key string, vs []string) {
	if len(vs) > 0 {
		vs = append([]string(nil), vs...)
		sort.Strings(vs)
		props[key] = strings.Join(vs, "; ")
	}
}
