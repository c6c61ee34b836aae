package browsertest

import (
	"bytes"
	"errors"
	"fmt"
	"slices"
	"strconv"
)

// Enough of PDF to walk the structure tree of a tagged PDF (ISO 32000-1,
// 14.7) as Chromium prints it: its objects are found through a classic
// cross-reference table, and only dictionaries, arrays, names, numbers,
// strings and references are read; streams are never decoded. It is how
// the test sees where the printed pages break: each table row is a TR
// structure element whose marked content lies on the pages it was
// printed on.

type (
	pdfRef   int
	pdfName  string
	pdfDict  map[pdfName]any
	pdfArray []any
	pdfWord  string // a keyword: true, false, null, R, obj, stream
)

// pdfFile is a PDF's objects by number, parsed when first asked for.
type pdfFile struct {
	data    []byte
	offsets map[int]int
	trailer pdfDict
	objects map[int]any
}

func readPDF(data []byte) (*pdfFile, error) {
	f := &pdfFile{data: data, offsets: map[int]int{}, objects: map[int]any{}}
	i := bytes.LastIndex(data, []byte("startxref"))
	if i < 0 {
		return nil, errors.New("pdf: no startxref")
	}
	p := &pdfParser{data: data, pos: i + len("startxref")}
	off, ok := p.value().(float64)
	if !ok {
		return nil, errors.New("pdf: startxref has no offset")
	}
	for at := int(off); at > 0; {
		p := &pdfParser{data: data, pos: at}
		if p.word() != "xref" {
			return nil, errors.New("pdf: the cross-reference is not a classic table (a cross-reference stream is not read)")
		}
		for {
			save := p.pos
			first, ok1 := p.value().(float64)
			count, ok2 := p.value().(float64)
			if !ok1 || !ok2 {
				p.pos = save
				break
			}
			for k := 0; k < int(count); k++ {
				p.skipSpace()
				if p.pos+18 > len(data) {
					return nil, errors.New("pdf: cross-reference table cut short")
				}
				entry := string(data[p.pos : p.pos+18])
				p.pos += 18
				n := int(first) + k
				if entry[17] == 'n' {
					o, err := strconv.Atoi(entry[:10])
					if err != nil {
						return nil, fmt.Errorf("pdf: cross-reference entry %q", entry)
					}
					if _, seen := f.offsets[n]; !seen {
						f.offsets[n] = o
					}
				}
			}
		}
		if p.word() != "trailer" {
			return nil, errors.New("pdf: no trailer after the cross-reference table")
		}
		tr, ok := p.value().(pdfDict)
		if !ok {
			return nil, errors.New("pdf: the trailer is not a dictionary")
		}
		if f.trailer == nil {
			f.trailer = tr
		}
		prev, _ := tr["Prev"].(float64)
		at = int(prev)
	}
	return f, nil
}

// get returns v, or the object it refers to.
func (f *pdfFile) get(v any) any {
	r, ok := v.(pdfRef)
	if !ok {
		return v
	}
	if o, ok := f.objects[int(r)]; ok {
		return o
	}
	off, ok := f.offsets[int(r)]
	if !ok {
		return nil
	}
	p := &pdfParser{data: f.data, pos: off}
	p.value() // the object number
	p.value() // its generation
	if p.word() != "obj" {
		return nil
	}
	o := p.value()
	f.objects[int(r)] = o
	return o
}

func (f *pdfFile) dict(v any) pdfDict {
	d, _ := f.get(v).(pdfDict)
	return d
}

// pages returns the number of each page object, in page order.
func (f *pdfFile) pages() map[pdfRef]int {
	out := map[pdfRef]int{}
	var walk func(v any)
	walk = func(v any) {
		d := f.dict(v)
		switch d["Type"] {
		case pdfName("Pages"):
			kids, _ := f.get(d["Kids"]).(pdfArray)
			for _, k := range kids {
				walk(k)
			}
		case pdfName("Page"):
			if r, ok := v.(pdfRef); ok {
				out[r] = len(out) + 1
			}
		}
	}
	walk(f.dict(f.trailer["Root"])["Pages"])
	return out
}

// printedRow is a TR structure element: the pages its content is on,
// and the pages of each of its cells' (TD or TH) content.
type printedRow struct {
	pages []int
	cells [][]int
}

// rows returns the table rows of a tagged PDF, in document order, each
// with the pages its marked content lies on; an error when the PDF has
// no structure tree.
func (f *pdfFile) rows() ([]printedRow, error) {
	root := f.dict(f.dict(f.trailer["Root"])["StructTreeRoot"])
	if root == nil {
		return nil, errors.New("pdf: not tagged: no structure tree")
	}
	pageNo := f.pages()
	var out []printedRow
	var current *printedRow
	cell := -1 // the index in current.cells of the cell being walked
	seen := map[pdfRef]bool{}
	// visit walks a structure element's kids; pg is the page its content
	// is on unless a kid says otherwise.
	var visit func(v any, pg any)
	visit = func(v any, pg any) {
		if r, ok := v.(pdfRef); ok {
			if seen[r] {
				return
			}
			seen[r] = true
		}
		switch x := f.get(v).(type) {
		case float64: // a marked-content id on the page pg
			n, ok := pageNo[asRef(pg)]
			if current == nil || !ok {
				return
			}
			if !slices.Contains(current.pages, n) {
				current.pages = append(current.pages, n)
			}
			if cell >= 0 && !slices.Contains(current.cells[cell], n) {
				current.cells[cell] = append(current.cells[cell], n)
			}
		case pdfArray:
			for _, k := range x {
				visit(k, pg)
			}
		case pdfDict:
			if p, ok := x["Pg"]; ok {
				pg = p
			}
			if x["Type"] == pdfName("MCR") {
				visit(x["MCID"], pg)
				return
			}
			if x["Type"] == pdfName("OBJR") {
				return
			}
			if x["S"] == pdfName("TR") {
				out = append(out, printedRow{})
				current = &out[len(out)-1]
				visit(x["K"], pg)
				current, cell = nil, -1
				return
			}
			if current != nil && (x["S"] == pdfName("TD") || x["S"] == pdfName("TH")) {
				current.cells = append(current.cells, nil)
				cell = len(current.cells) - 1
			}
			visit(x["K"], pg)
		}
	}
	visit(root["K"], nil)
	return out, nil
}

func asRef(v any) pdfRef {
	r, _ := v.(pdfRef)
	return r
}

// pdfParser reads PDF tokens from data at pos.
type pdfParser struct {
	data []byte
	pos  int
}

func (p *pdfParser) skipSpace() {
	for p.pos < len(p.data) {
		switch c := p.data[p.pos]; {
		case c == '%':
			for p.pos < len(p.data) && p.data[p.pos] != '\n' && p.data[p.pos] != '\r' {
				p.pos++
			}
		case c == ' ' || c == '\n' || c == '\r' || c == '\t' || c == '\f' || c == 0:
			p.pos++
		default:
			return
		}
	}
}

func delimiter(c byte) bool {
	return bytes.IndexByte([]byte("()<>[]{}/% \n\r\t\f\x00"), c) >= 0
}

// word reads a keyword or a number's text.
func (p *pdfParser) word() string {
	p.skipSpace()
	start := p.pos
	for p.pos < len(p.data) && !delimiter(p.data[p.pos]) {
		p.pos++
	}
	return string(p.data[start:p.pos])
}

// value reads one value: a number followed by another and R is a
// reference.
func (p *pdfParser) value() any {
	p.skipSpace()
	if p.pos >= len(p.data) {
		return nil
	}
	switch c := p.data[p.pos]; {
	case c == '/':
		p.pos++
		start := p.pos
		for p.pos < len(p.data) && !delimiter(p.data[p.pos]) {
			p.pos++
		}
		return pdfName(p.data[start:p.pos])
	case c == '<' && p.pos+1 < len(p.data) && p.data[p.pos+1] == '<':
		p.pos += 2
		d := pdfDict{}
		for {
			p.skipSpace()
			if p.pos+1 < len(p.data) && p.data[p.pos] == '>' && p.data[p.pos+1] == '>' {
				p.pos += 2
				return d
			}
			k, ok := p.value().(pdfName)
			if !ok {
				return d
			}
			d[k] = p.value()
		}
	case c == '<':
		end := bytes.IndexByte(p.data[p.pos:], '>')
		if end < 0 {
			p.pos = len(p.data)
			return nil
		}
		s := string(p.data[p.pos+1 : p.pos+end])
		p.pos += end + 1
		return s
	case c == '[':
		p.pos++
		var a pdfArray
		for {
			p.skipSpace()
			if p.pos >= len(p.data) {
				return a
			}
			if p.data[p.pos] == ']' {
				p.pos++
				return a
			}
			a = append(a, p.value())
		}
	case c == '(':
		depth := 0
		start := p.pos
		for p.pos < len(p.data) {
			switch p.data[p.pos] {
			case '\\':
				p.pos++
			case '(':
				depth++
			case ')':
				depth--
			}
			p.pos++
			if depth == 0 {
				break
			}
		}
		return string(p.data[start:p.pos])
	}
	w := p.word()
	if w == "" {
		p.pos++ // a stray delimiter
		return nil
	}
	n, err := strconv.ParseFloat(w, 64)
	if err != nil {
		return pdfWord(w)
	}
	// A reference: "12 0 R".
	save := p.pos
	if g := p.word(); g != "" {
		if _, err := strconv.Atoi(g); err == nil && p.word() == "R" {
			return pdfRef(n)
		}
	}
	p.pos = save
	return n
}
