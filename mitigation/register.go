package mitigation

import (
	"errors"
	"fmt"
	"slices"
	"strings"

	"github.com/servicecredit/engine/kpi"
)

// Scope is what a register's records are checked against: the KPIs and
// organisations of the contract and the months it runs. A contract gives
// its own with contract.Contract.MitigationScope.
type Scope struct {
	KPIs  []string  // the contract's KPI ids
	Orgs  []string  // the contract's organisations; a record's Org must be one of them or empty
	First kpi.Month // first month of the contract
	Last  kpi.Month // last month of the contract
}

// Register is a validated set of mitigation records, indexed to answer
// whether a KPI-month is mitigated and by which record. Build one with
// NewRegister; it is never modified afterwards, so it is safe for
// concurrent use. A nil *Register, like the zero Register, holds no
// records.
type Register struct {
	records []Record
	byKey   map[key]int // KPI-org-month to the index of the record covering it
}

type key struct {
	kpi, org string
	month    kpi.Month
}

// NewRegister validates records against scope and indexes them.
//
// It reports every problem it finds, each as an *Error wrapping
// ErrInvalidRecord that names the record (by Ref and by Index) and the
// field at fault (Path), sorted by message and joined with errors.Join: a KPI
// missing or not in scope, an organisation not in scope, an empty reason,
// a missing effect, a Deemed record without a Green, Amber or Red status,
// a Relief record with a deemed status, a Ref used by an earlier record, a
// missing From, a range that ends before it starts, months outside
// scope.First..scope.Last, and a record covering a KPI-month that an
// earlier record already covers for the same organisation (a record
// without an organisation overlaps every organisation's records; records
// for two different organisations never overlap). On any problem it
// returns no register.
//
// The records are copied: later changes to the slice do not affect the
// register, and NewRegister does not modify it.
func NewRegister(records []Record, scope Scope) (*Register, error) {
	var errs []error
	kpis := map[string]bool{}
	for _, id := range scope.KPIs {
		kpis[id] = true
	}
	orgs := map[string]bool{}
	for _, o := range scope.Orgs {
		orgs[o] = true
	}
	refs := map[string]int{}
	reg := &Register{records: slices.Clone(records), byKey: map[key]int{}}
	for i, r := range records {
		name := r.name(i)
		bad := func(path, format string, args ...any) *Error {
			e := &Error{Record: name, Index: i, KPI: r.KPI, Org: r.Org, Path: path, Msg: fmt.Sprintf(format, args...)}
			errs = append(errs, e)
			return e
		}
		if r.Ref != "" {
			if j, dup := refs[r.Ref]; dup {
				bad("Ref", "ref repeats record %d", j+1)
			} else {
				refs[r.Ref] = i
			}
		}
		switch {
		case r.KPI == "":
			bad("KPI", "kpi not set")
		case !kpis[r.KPI]:
			bad("KPI", "no such kpi in the contract")
		}
		if r.Org != "" && !orgs[r.Org] {
			bad("Org", "organisation %q is not served by the contract", r.Org)
		}
		if strings.TrimSpace(r.Reason) == "" {
			bad("Reason", "reason is empty")
		}
		switch r.Effect {
		case Relief:
			if r.Deemed != 0 {
				bad("Deemed", "deemed status %s given for a relief record", r.Deemed)
			}
		case Deemed:
			switch r.Deemed {
			case kpi.Green, kpi.Amber, kpi.Red:
			case 0:
				bad("Deemed", "deemed status not set (want green, amber or red)")
			default:
				bad("Deemed", "deemed status %s not allowed (want green, amber or red)", r.Deemed)
			}
		default:
			bad("Effect", "effect not set (want relief or deemed)")
		}
		if r.From.IsZero() {
			bad("From", "from month not set")
			continue
		}
		last := r.Last()
		if last.Before(r.From) {
			bad("To", "range %s..%s ends before it starts", r.From, last)
			continue
		}
		if r.From.Before(scope.First) || last.After(scope.Last) {
			e := bad("From", "%s outside the contract's %s..%s", span(r.From, last), scope.First, scope.Last)
			if e.Month = r.From; !r.From.Before(scope.First) && !r.From.After(scope.Last) {
				e.Month = scope.Last.AddMonths(1) // the first month past the end
			}
			continue
		}
		// Each overlapping record is reported once, with the months the
		// two share; they are consecutive, as both records' months are.
		type shared struct{ from, to kpi.Month }
		overlaps := map[int]*shared{}
		var order []int
		for n := range last.Sub(r.From) + 1 {
			m := r.From.AddMonths(n)
			for _, o := range overlapOrgs(r.Org, scope.Orgs) {
				k := key{r.KPI, o, m}
				j, taken := reg.byKey[k]
				if !taken {
					reg.byKey[k] = i
					continue
				}
				if s, ok := overlaps[j]; ok {
					s.to = m
				} else {
					overlaps[j] = &shared{m, m}
					order = append(order, j)
				}
			}
		}
		for _, j := range order {
			bad("From", "overlaps %s in %s", records[j].name(j), span(overlaps[j].from, overlaps[j].to)).Month = overlaps[j].from
		}
	}
	if len(errs) > 0 {
		slices.SortStableFunc(errs, func(a, b error) int { return strings.Compare(a.Error(), b.Error()) })
		return nil, errors.Join(errs...)
	}
	for i := range reg.records {
		reg.records[i].Ref = reg.records[i].name(i)
	}
	return reg, nil
}

// overlapOrgs lists the organisations a record for org covers: itself, or
// every organisation (and the whole service, "") when org is empty.
func overlapOrgs(org string, all []string) []string {
	if org != "" {
		return []string{org}
	}
	return append([]string{""}, all...)
}

// Lookup returns the record that mitigates KPI id for organisation org in
// month m, and whether there is one. A record without an organisation
// answers for every organisation of the scope and for org "" (the whole
// service). The returned record is a copy whose Ref is always set: a
// record given without one is cited as "record N", its 1-based position
// in NewRegister's input. Lookup on a nil *Register finds nothing.
func (r *Register) Lookup(id, org string, m kpi.Month) (Record, bool) {
	if r == nil {
		return Record{}, false
	}
	i, ok := r.byKey[key{id, org, m}]
	if !ok {
		return Record{}, false
	}
	return r.records[i], true
}

// Records returns a copy of the register's records in input order, each
// with its Ref set as Lookup returns it; nil for a nil *Register.
func (r *Register) Records() []Record {
	if r == nil {
		return nil
	}
	return slices.Clone(r.records)
}
