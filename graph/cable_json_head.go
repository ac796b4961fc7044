package graph

// A cable(id) page that does not show the cable's text reads the cable's
// stored document (its JSON form) for the header fields alone. At the
// release's size nine tenths of a document's bytes are its paragraphs,
// interactions, person mentions and summary, and decoding them was 44% of
// the server's CPU on such a page (Neo4j store, 4 clients). Skipping a
// value with a byte scan costs a fraction of decoding it.

// textKey tells the top-level keys of a cable's JSON form that
// UnmarshalJSONHead leaves out.
func textKey(k string) bool {
	switch k {
	case "paragraphs", "interactions", "persons", "summary", "body":
		return true
	}
	return false
}

// UnmarshalJSONHead decodes b, a cable's JSON form, as UnmarshalJSON does,
// except its text and what was extracted from it: Summary, Paragraphs,
// Body, Persons and Interactions are left empty. A b the scan cannot cut
// (not an object, an escaped key) is decoded whole and then cleared, so
// the result and the errors are those of UnmarshalJSON on valid input.
func (c *Cable) UnmarshalJSONHead(b []byte) error {
	if head, ok := dropKeys(b, textKey); ok {
		b = head
	}
	if err := c.UnmarshalJSON(b); err != nil {
		return err
	}
	c.Summary, c.Paragraphs, c.Body, c.Persons, c.Interactions = "", nil, "", nil, nil
	return nil
}

// dropKeys returns the JSON object b without its top-level members whose
// key is in drop; ok is false when b is not an object it can cut (the
// caller then decodes b whole). It does not validate what it keeps: the
// decoder does.
func dropKeys(b []byte, drop func(string) bool) (out []byte, ok bool) {
	i := skipSpace(b, 0)
	if i >= len(b) || b[i] != '{' {
		return nil, false
	}
	out = make([]byte, 0, len(b)/4)
	out = append(out, '{')
	i++
	kept := 0
	for {
		i = skipSpace(b, i)
		if i >= len(b) {
			return nil, false
		}
		if b[i] == '}' {
			if skipSpace(b, i+1) != len(b) {
				return nil, false
			}
			return append(out, '}'), true
		}
		keyStart := i
		keyEnd := skipString(b, i)
		if keyEnd < 0 {
			return nil, false
		}
		key := b[keyStart+1 : keyEnd-1]
		for _, ch := range key {
			if ch == '\\' {
				return nil, false
			}
		}
		i = skipSpace(b, keyEnd)
		if i >= len(b) || b[i] != ':' {
			return nil, false
		}
		valStart := skipSpace(b, i+1)
		valEnd := skipValue(b, valStart)
		if valEnd < 0 {
			return nil, false
		}
		if !drop(string(key)) {
			if kept > 0 {
				out = append(out, ',')
			}
			out = append(out, b[keyStart:keyEnd]...)
			out = append(out, ':')
			out = append(out, b[valStart:valEnd]...)
			kept++
		}
		i = skipSpace(b, valEnd)
		if i < len(b) && b[i] == ',' {
			i++
			continue
		}
		if i >= len(b) || b[i] != '}' {
			return nil, false
		}
	}
}

func skipSpace(b []byte, i int) int {
	for i < len(b) && (b[i] == ' ' || b[i] == '\t' || b[i] == '\n' || b[i] == '\r') {
		i++
	}
	return i
}

// skipString returns the index after the string starting at b[i] (a
// quote), or -1.
func skipString(b []byte, i int) int {
	if i >= len(b) || b[i] != '"' {
		return -1
	}
	for i++; i < len(b); i++ {
		switch b[i] {
		case '\\':
			i++
		case '"':
			return i + 1
		}
	}
	return -1
}

// skipValue returns the index after the JSON value starting at b[i], or
// -1 when it does not end.
func skipValue(b []byte, i int) int {
	if i >= len(b) {
		return -1
	}
	switch b[i] {
	case '"':
		return skipString(b, i)
	case '{', '[':
		depth := 0
		for i < len(b) {
			switch b[i] {
			case '"':
				if i = skipString(b, i); i < 0 {
					return -1
				}
				continue
			case '{', '[':
				depth++
			case '}', ']':
				depth--
				if depth == 0 {
					return i + 1
				}
			}
			i++
		}
		return -1
	default:
		start := i
		for i < len(b) && b[i] != ',' && b[i] != '}' && b[i] != ']' && b[i] != ' ' && b[i] != '\t' && b[i] != '\n' && b[i] != '\r' {
			i++
		}
		if i == start {
			return -1
		}
		return i
	}
}
