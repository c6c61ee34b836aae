package pack

import (
	"bufio"
	"errors"
	"fmt"
	"io"
	"slices"
	"strings"

	"github.com/servicecredit/engine/contract"
	"github.com/servicecredit/engine/internal/decimaltext"
	"github.com/servicecredit/engine/internal/nearest"
	"github.com/servicecredit/engine/kpi"
	"github.com/shopspring/decimal"
)

// ErrTable is wrapped by every problem Read reports.
var ErrTable = errors.New("invalid pack table")

// Error is one problem in a pack table: where it is and what is wrong. It
// unwraps to ErrTable.
type Error struct {
	File string // the file's name, as given to Read
	Line int    // 1-based line number
	Cell int    // 1-based cell number in the row; 0 when the whole row is at fault
	Text string // the cell's or row label's text
	Msg  string // what is wrong
}

// Error returns "brent.tsv:3: cell 8 "SEP-15": month out of sequence: want
// Sep-16 after Aug-16".
func (e *Error) Error() string {
	where := fmt.Sprintf("%s:%d: ", e.File, e.Line)
	switch {
	case e.Cell > 0:
		where += fmt.Sprintf("cell %d %q: ", e.Cell, e.Text)
	case e.Text != "":
		where += fmt.Sprintf("row %q: ", e.Text)
	}
	return where + e.Msg
}

// Unwrap returns ErrTable.
func (e *Error) Unwrap() error { return ErrTable }

// Read reads the pack table in r, named name in errors, as measurements of
// contract c's indicators for organisation org.
func Read(name string, r io.Reader, c *contract.Contract, org string) ([]kpi.Measurement, error) {
	if !slices.Contains(c.Orgs, org) {
		return nil, fmt.Errorf("%s: organisation %q is not served by contract %q: %w", name, org, c.Name, ErrTable)
	}
	byName := map[string]*contract.KPI{}
	var names []string
	for i := range c.KPIs {
		k := &c.KPIs[i]
		if k.Orgs != nil && !slices.Contains(k.Orgs, org) {
			continue
		}
		key := nearest.Normal(k.Name)
		byName[key] = k
		names = append(names, k.Name)
	}
	rd := &reader{file: name}
	var out []kpi.Measurement
	var months []kpi.Month
	seen := map[string]int{}
	sc := bufio.NewScanner(r)
	sc.Buffer(make([]byte, 0, 64*1024), 1024*1024)
	line := 0
	for sc.Scan() {
		line++
		text := strings.TrimSuffix(sc.Text(), "\r")
		if line == 1 {
			text = strings.TrimPrefix(text, "\uFEFF")
		}
		if strings.TrimSpace(text) == "" || strings.HasPrefix(text, "#") {
			continue
		}
		cells := strings.Split(text, "\t")
		switch {
		case len(cells) > 1 && strings.EqualFold(strings.TrimSpace(cells[1]), "target"):
			months = rd.heading(line, cells)
		case allEmpty(cells[1:]):
			// a section label: keeps the months of the heading before it
		case months == nil:
			rd.bad(line, 0, cells[0], "indicator row before any heading row of months")
		default:
			label := strings.TrimSpace(cells[0])
			k, ok := byName[nearest.Normal(label)]
			if !ok {
				msg := fmt.Sprintf("no indicator of that name measured for %s", org)
				if s := nearest.Name(label, names); s != "" {
					msg += fmt.Sprintf(" (did you mean %q?)", s)
				}
				rd.bad(line, 1, label, msg)
				continue
			}
			if prev, dup := seen[k.ID]; dup {
				rd.bad(line, 0, label, fmt.Sprintf("indicator %s already given on line %d", k.ID, prev))
				continue
			}
			seen[k.ID] = line
			if n := len(cells) - 2; n != len(months) {
				rd.bad(line, 0, label, fmt.Sprintf("%d values under %d month headings", max(n, 0), len(months)))
				continue
			}
			rd.target(line, cells[1], k)
			for i, m := range months {
				if v, ok := rd.value(line, i+3, cells[i+2], k); ok {
					v.KPI, v.Org, v.Month = k.ID, org, m
					out = append(out, v)
				}
			}
		}
	}
	if err := sc.Err(); err != nil {
		return nil, fmt.Errorf("%s: %w", name, err)
	}
	if len(rd.errs) > 0 {
		slices.SortStableFunc(rd.errs, func(a, b *Error) int {
			if a.Line != b.Line {
				return a.Line - b.Line
			}
			return a.Cell - b.Cell
		})
		errs := make([]error, len(rd.errs))
		for i, e := range rd.errs {
			errs[i] = e
		}
		return nil, errors.Join(errs...)
	}
	return out, nil
}

type reader struct {
	file string
	errs []*Error
}

func (rd *reader) bad(line, cell int, text, msg string) {
	rd.errs = append(rd.errs, &Error{File: rd.file, Line: line, Cell: cell, Text: text, Msg: msg})
}

// heading reads a heading row's months, which must follow one another.
func (rd *reader) heading(line int, cells []string) []kpi.Month {
	var months []kpi.Month
	for i, c := range cells[2:] {
		c = strings.TrimSpace(c)
		if c == "" && i == len(cells)-3 {
			break // a trailing tab
		}
		m, err := kpi.ParseMonth(c)
		if err != nil {
			rd.bad(line, i+3, c, "not a month (want APR-16 or 2016-04)")
			continue
		}
		if n := len(months); n > 0 && months[n-1].AddMonths(1) != m {
			rd.bad(line, i+3, c, fmt.Sprintf("month out of sequence: want %s after %s", months[n-1].AddMonths(1).Pack(), months[n-1].Pack()))
			m = months[n-1].AddMonths(1) // report later cells against the expected sequence
		}
		months = append(months, m)
	}
	if len(months) == 0 {
		rd.bad(line, 0, cells[0], "heading row without months")
	}
	return months
}

// target checks the pack's target cell against the contract.
func (rd *reader) target(line int, cell string, k *contract.KPI) {
	t := strings.TrimSpace(cell)
	switch {
	case k.Kind == kpi.Figure:
		if t != "" && !strings.EqualFold(t, "N/A") {
			rd.bad(line, 2, t, fmt.Sprintf("target given for %s, a figure with no target", k.ID))
		}
	case k.Relative != 0:
		if !strings.EqualFold(t, k.Relative.String()) {
			rd.bad(line, 2, t, fmt.Sprintf("target of %s is %q in the contract", k.ID, k.Relative.String()))
		}
	default:
		v, err := number(t, k.Unit)
		base, _ := k.Schedule.At(kpi.Month{})
		if t == "" {
			return // packs leave the target blank on some rows; the contract has it
		}
		if err != nil {
			rd.bad(line, 2, t, "target: "+err.Error())
			return
		}
		if !v.Equal(base.TSL) {
			rd.bad(line, 2, t, fmt.Sprintf("target differs from %s's tsl %s in the contract", k.ID, kpi.FormatValue(base.TSL)))
		}
	}
}

// value reads one value cell.
func (rd *reader) value(line, cell int, text string, k *contract.KPI) (kpi.Measurement, bool) {
	t := strings.TrimSpace(text)
	switch {
	case t == "", strings.EqualFold(t, "N/A"):
		return kpi.Measurement{Absent: kpi.NotApplicable}, true
	case strings.EqualFold(t, "UNVL"):
		return kpi.Measurement{Absent: kpi.Unavailable}, true
	}
	v, err := number(t, k.Unit)
	if err != nil {
		rd.bad(line, cell, t, err.Error())
		return kpi.Measurement{}, false
	}
	return kpi.Measurement{Value: v}, true
}

// number parses a pack's number by the grammar every file uses
// (internal/decimaltext): digits with an optional minus sign and decimal
// point, and a trailing "%" only for a percentage.
func number(s string, u kpi.Unit) (decimal.Decimal, error) {
	body := s
	if strings.HasSuffix(body, "%") {
		if u != kpi.Percent {
			return decimal.Decimal{}, fmt.Errorf("a %% sign on a %s value", u)
		}
		body = strings.TrimSpace(strings.TrimSuffix(body, "%"))
	}
	v, p := decimaltext.Parse(body)
	if p != decimaltext.OK {
		return decimal.Decimal{}, errors.New("not a number (want 99.5, 99.5% or UNVL, N/A)")
	}
	return v, nil
}

func allEmpty(cells []string) bool {
	for _, c := range cells {
		if strings.TrimSpace(c) != "" {
			return false
		}
	}
	return true
}
