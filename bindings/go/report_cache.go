package aigov

// What the typed report reads of the table, converted to Go once per table:
// the table is immutable, so a rule's id, framework, citation, title, kind
// and holders, a condition's text and every other string the table owns
// are the same in every report. Without this cache a report of ~170 rules
// costs thousands of C.GoString calls and cgo crossings.

/*
#include <aigov.h>
#include "shim.h"
*/
import "C"

import (
	"sync"
	"sync/atomic"
	"unsafe"
)

// ruleStatic is a table rule's metadata as the report shows it.
type ruleStatic struct {
	id, framework, citation, title string
	kind                           RuleKind
	holders                        []string
}

// reasonStatic is what a condition key stands for (aigov_reason_row.key:
// one key, one kind, rule, fact and test text).
type reasonStatic struct {
	kind             C.int
	rule, fact, test string
}

// tableCache is an immutable snapshot: a report loads it once, without a
// lock, and what it met for the first time is published afterwards as a
// grown copy (publish). The table's strings are finite, so the copies stop
// after the first reports.
type tableCache struct {
	rules   []*ruleStatic   // by table rule index
	reasons []*reasonStatic // by condition key
	strs    map[uintptr]string
	fast    ptrStrings // strs again, for the lookups
}

// ptrStrings maps the address of a table string to its Go copy: open
// addressing with linear probing, built once per snapshot and then only
// read. A report makes thousands of these lookups (every evidence item,
// crosswalk link and question rule); a Go map spends most of each on hashing.
type ptrStrings struct {
	keys  []uintptr
	vals  []string
	shift uint
}

func newPtrStrings(m map[uintptr]string) ptrStrings {
	bits := uint(4)
	for 1<<bits < 2*len(m) {
		bits++
	}
	p := ptrStrings{keys: make([]uintptr, 1<<bits), vals: make([]string, 1<<bits), shift: 64 - bits}
	mask := uintptr(len(p.keys) - 1)
	for k, v := range m {
		i := p.slot(k)
		for p.keys[i] != 0 {
			i = (i + 1) & mask
		}
		p.keys[i], p.vals[i] = k, v
	}
	return p
}

// slot is where the probe for k starts (Fibonacci hashing: the top bits of
// k times 2^64/phi; addresses differ in their low bits).
func (p *ptrStrings) slot(k uintptr) uintptr {
	return uintptr((uint64(k) * 0x9E3779B97F4A7C15) >> p.shift)
}

func (p *ptrStrings) get(k uintptr) (string, bool) {
	if len(p.keys) == 0 {
		return "", false
	}
	mask := uintptr(len(p.keys) - 1)
	for i := p.slot(k); ; i = (i + 1) & mask {
		switch p.keys[i] {
		case k:
			return p.vals[i], true
		case 0:
			return "", false
		}
	}
}

// cacheState is the Table's part: the current snapshot and the lock that
// orders publishers.
type cacheState struct {
	snap atomic.Pointer[tableCache]
	mu   sync.Mutex
}

func (c *cacheState) load() *tableCache {
	if s := c.snap.Load(); s != nil {
		return s
	}
	return &tableCache{}
}

// cacheAdds is what one report found missing from the snapshot.
type cacheAdds struct {
	rules   map[uint32]*ruleStatic
	reasons map[uint32]*reasonStatic
	strs    map[uintptr]string
}

func (a *cacheAdds) empty() bool {
	return len(a.rules) == 0 && len(a.reasons) == 0 && len(a.strs) == 0
}

// publish replaces the snapshot with one that also holds adds.
func (c *cacheState) publish(adds *cacheAdds) {
	if adds.empty() {
		return
	}
	c.mu.Lock()
	defer c.mu.Unlock()
	old := c.load()
	next := &tableCache{strs: make(map[uintptr]string, len(old.strs)+len(adds.strs))}
	for k, v := range old.strs {
		next.strs[k] = v
	}
	for k, v := range adds.strs {
		next.strs[k] = v
	}
	next.fast = newPtrStrings(next.strs)
	next.rules = grownCopy(old.rules, adds.rules)
	next.reasons = grownCopy(old.reasons, adds.reasons)
	c.snap.Store(next)
}

// grownCopy is old with adds written in (by index), long enough for all.
func grownCopy[T any](old []*T, adds map[uint32]*T) []*T {
	n := len(old)
	for k := range adds {
		if int(k) >= n {
			n = int(k) + 1
		}
	}
	out := make([]*T, n)
	copy(out, old)
	for k, v := range adds {
		out[k] = v
	}
	return out
}

// str returns a string the table owns (rule metadata, names, ids), converted
// once per table: its address is its key, and the table's strings never move.
func (b *builder) str(p *C.char) string {
	if p == nil {
		return ""
	}
	key := uintptr(unsafe.Pointer(p))
	if s, ok := b.cache.fast.get(key); ok {
		return s
	}
	if s, ok := b.adds.strs[key]; ok {
		return s
	}
	s := C.GoString(p)
	if b.adds.strs == nil {
		b.adds.strs = map[uintptr]string{}
	}
	b.adds.strs[key] = s
	return s
}

// rule returns table rule ri's metadata, read from reported rule i
// (aigov_report_obligation) the first time the table reports it.
func (b *builder) rule(ri C.uint, i int) (*ruleStatic, error) {
	if int(ri) < len(b.cache.rules) && b.cache.rules[ri] != nil {
		return b.cache.rules[ri], nil
	}
	if rs, ok := b.adds.rules[uint32(ri)]; ok {
		return rs, nil
	}
	var ob C.aigov_obligation
	ob.size = C.size_t(unsafe.Sizeof(ob))
	if rc := C.aigov_report_obligation(&ob, b.rep, C.size_t(i)); rc != C.AIGOV_OK {
		return nil, accessorError(rc, "aigov_report_obligation")
	}
	rs := &ruleStatic{id: b.str(ob.id), framework: b.str(ob.framework), citation: b.str(ob.citation),
		title: b.str(ob.title), kind: kindOf(int(ob.kind)), holders: masked(roleNames, ob.holders, len(roleNames))}
	if b.adds.rules == nil {
		b.adds.rules = map[uint32]*ruleStatic{}
	}
	b.adds.rules[uint32(ri)] = rs
	return rs, nil
}

// reasonOf returns what condition key `row.key` stands for, read from reason
// k of reported rule i (aigov_report_obligation_reason, which alone gives
// the test text) the first time the table reports it.
func (b *builder) reasonOf(row *C.aigov_reason_row, i, k int) (*reasonStatic, error) {
	key := uint32(row.key)
	if int(key) < len(b.cache.reasons) && b.cache.reasons[key] != nil {
		return b.cache.reasons[key], nil
	}
	if rs, ok := b.adds.reasons[key]; ok {
		return rs, nil
	}
	var c C.aigov_condition
	c.size = C.size_t(unsafe.Sizeof(c))
	if rc := C.aigov_report_obligation_reason(&c, b.rep, C.size_t(i), C.size_t(k)); rc != C.AIGOV_OK {
		return nil, accessorError(rc, "aigov_report_obligation_reason")
	}
	rs := &reasonStatic{kind: c.kind, rule: b.str(c.rule), fact: b.str(c.fact), test: C.GoString(&c.test[0])}
	if b.adds.reasons == nil {
		b.adds.reasons = map[uint32]*reasonStatic{}
	}
	b.adds.reasons[key] = rs
	return rs, nil
}
