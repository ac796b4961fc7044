package memstore

import (
	"encoding/binary"
	"time"
)

// A restored store shares what its cables repeat, read-only: the short
// lists of strings (a mention's roles and how it was found, an
// interaction's topics, a cable's addressees and tags), a mention's
// paragraph numbers, and dates. Each was its own allocation: sharing them
// took the whole release's restored heap from 34.4 to 14.9 million objects
// (with the records' shared lower-cased topics, prepare.go), and every
// collection marks every object: fewer objects is shorter marking and
// fewer of the requests' assists while serving. Nothing in the store
// writes into these lists or dates; what leaves the store is copied first
// (cloneCable, emitSorted with ownTopics).

// maxSharedList is the longest list shared; longer ones are rare and
// mostly distinct.
const maxSharedList = 8

// list returns a list equal to xs, shared with every other list of the
// same strings this worker decoded. xs is the caller's scratch.
func (m *interner) list(xs []string) []string {
	if len(xs) == 0 {
		return []string{}
	}
	k := m.key[:0]
	for _, s := range xs {
		k = append(binary.AppendUvarint(k, uint64(len(s))), s...)
	}
	m.key = k
	if v, ok := m.lists[string(k)]; ok {
		return v
	}
	if m.lists == nil {
		m.lists = map[string][]string{}
	}
	v := make([]string, len(xs))
	copy(v, xs)
	m.lists[string(k)] = v
	return v
}

// time returns the date sec.ns in UTC, shared with every equal date this
// worker decoded.
func (m *interner) time(sec, ns int64) *time.Time {
	k := [2]int64{sec, ns}
	if t, ok := m.times[k]; ok {
		return t
	}
	if m.times == nil {
		m.times = map[[2]int64]*time.Time{}
	}
	t := time.Unix(sec, ns).UTC()
	m.times[k] = &t
	return &t
}

// ints decodes a list of integers written as a length and varints (nil
// and empty kept apart), shared with equal lists when short.
func (d *snapDec) ints() []int {
	k := d.length()
	if k < 0 {
		return nil
	}
	if d.in == nil || k > maxSharedList {
		out := make([]int, k)
		for j := range out {
			out[j] = d.int()
		}
		return out
	}
	start := d.b
	var buf [maxSharedList]int
	for j := range k {
		buf[j] = d.int()
	}
	if d.err != nil {
		return nil
	}
	enc := start[:len(start)-len(d.b)]
	if v, ok := d.in.ints[string(enc)]; ok {
		return v
	}
	if d.in.ints == nil {
		d.in.ints = map[string][]int{}
	}
	v := append(make([]int, 0, k), buf[:k]...)
	d.in.ints[string(enc)] = v
	return v
}
