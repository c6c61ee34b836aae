package mitigation

import (
	"errors"
	"fmt"
	"slices"
	"strings"
	"time"

	"github.com/servicecredit/engine/kpi"
)

// Effect is what an agreed mitigation does to a KPI-month. The zero Effect
// is invalid: a record must say what it grants.
type Effect uint8

// The effects a mitigation can have.
const (
	// Relief relieves the supplier of service credits for the KPI-month;
	// the status stays as measured. This is the usual case.
	Relief Effect = iota + 1
	// Deemed replaces the KPI-month's status with the record's Deemed
	// status, such as deeming a month Green; credits follow the deemed
	// status.
	Deemed
)

var effectWords = []string{"effect", "relief", "deemed"}

// String returns "relief" or "deemed".
func (e Effect) String() string {
	if e >= Relief && e <= Deemed {
		return effectWords[e]
	}
	return fmt.Sprintf("effect(%d)", e)
}

// MarshalText implements encoding.TextMarshaler.
func (e Effect) MarshalText() ([]byte, error) {
	if e >= Relief && e <= Deemed {
		return []byte(effectWords[e]), nil
	}
	return nil, fmt.Errorf("effect %d: %w", e, kpi.ErrUnknownWord)
}

// UnmarshalText implements encoding.TextUnmarshaler.
func (e *Effect) UnmarshalText(b []byte) error {
	for i := Relief; i <= Deemed; i++ {
		if effectWords[i] == string(b) {
			*e = i
			return nil
		}
	}
	return fmt.Errorf("effect %q: %w (want one of relief, deemed)", b, kpi.ErrUnknownWord)
}

// Record is one agreed mitigation, as a performance report's mitigation
// table lists it: which KPI-months it covers, why it was granted, and what
// it grants.
type Record struct {
	Ref         string    // a reference for the record, such as "MIT-2021-03"; must be unique when set
	KPI         string    // the KPI's id
	Org         string    // the organisation; empty covers every organisation
	From        kpi.Month // first month covered
	To          kpi.Month // last month covered; zero means From only
	Reason      string    // why mitigation was granted
	Impact      string    // the impact on the service
	PathToGreen string    // how performance returns to target
	AgreedOn    time.Time // the date the customer agreed it (date only; any time of day is ignored)
	AgreedBy    string    // who agreed it
	Effect      Effect    // what it grants
	Deemed      kpi.Status
}

// Last returns the last month r covers: To, or From when To is zero.
func (r Record) Last() kpi.Month {
	if r.To.IsZero() {
		return r.From
	}
	return r.To
}

// Covers reports whether r covers KPI id for organisation org in month m.
// A record with no organisation covers every organisation.
func (r Record) Covers(id, org string, m kpi.Month) bool {
	return r.KPI == id && (r.Org == "" || r.Org == org) && !m.Before(r.From) && !m.After(r.Last())
}

// name returns the record's Ref, or "record N" (1-based position in the
// register's input) when it has none.
func (r Record) name(i int) string {
	if r.Ref != "" {
		return r.Ref
	}
	return fmt.Sprintf("record %d", i+1)
}

// Scope is what a register's records are checked against: the KPIs and
// organisations of the contract and the months it runs.
type Scope struct {
	KPIs  []string  // the contract's KPI ids
	Orgs  []string  // the contract's organisations; a record's Org must be one of them or empty
	First kpi.Month // first month of the contract
	Last  kpi.Month // last month of the contract
}

// ErrInvalidRecord is wrapped by every problem NewRegister finds.
var ErrInvalidRecord = errors.New("invalid mitigation record")

// Error is one problem with a mitigation record: which record and what is
// wrong. It unwraps to ErrInvalidRecord.
type Error struct {
	Record string // the record's Ref, or "record N"
	KPI    string // the record's KPI id
	Msg    string
}

// Error returns "mitigation MIT-3: kpi KPI09: overlaps MIT-1 in 2021-06".
func (e *Error) Error() string {
	return "mitigation " + e.Record + ": kpi " + e.KPI + ": " + e.Msg
}

// Unwrap returns ErrInvalidRecord.
func (e *Error) Unwrap() error { return ErrInvalidRecord }

// Register is a validated set of mitigation records, indexed to answer
// whether a KPI-month is mitigated and by which record. Build one with
// NewRegister; a nil *Register holds no records.
type Register struct {
	records []Record
	byKey   map[key]int // KPI-org-month to the index of the record covering it
}

type key struct {
	kpi, org string
	month    kpi.Month
}

// NewRegister validates records against scope and indexes them. It reports
// every problem found, each as an *Error: a KPI or organisation the
// contract does not have, a month outside the contract, a range that ends
// before it starts, a missing effect or reason, a deemed status that is
// not Green, Amber or Red, a repeated Ref, and two records covering the
// same KPI-month for the same organisation (a record without an
// organisation overlaps every organisation's). On any problem it returns
// no register. The records are copied: later changes to the slice do not
// affect the register.
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
		bad := func(format string, args ...any) {
			errs = append(errs, &Error{Record: name, KPI: r.KPI, Msg: fmt.Sprintf(format, args...)})
		}
		if r.Ref != "" {
			if j, dup := refs[r.Ref]; dup {
				bad("ref repeats record %d", j+1)
			}
			refs[r.Ref] = i
		}
		if !kpis[r.KPI] {
			bad("no such kpi in the contract")
		}
		if r.Org != "" && !orgs[r.Org] {
			bad("organisation %q is not served by the contract", r.Org)
		}
		if strings.TrimSpace(r.Reason) == "" {
			bad("reason is empty")
		}
		switch r.Effect {
		case Relief:
			if r.Deemed != 0 {
				bad("deemed status %s given for a relief record", r.Deemed)
			}
		case Deemed:
			if r.Deemed != kpi.Green && r.Deemed != kpi.Amber && r.Deemed != kpi.Red {
				bad("deemed status must be green, amber or red")
			}
		default:
			bad("effect not set (want relief or deemed)")
		}
		if r.From.IsZero() {
			bad("from month not set")
			continue
		}
		last := r.Last()
		if last.Before(r.From) {
			bad("range %s..%s ends before it starts", r.From, last)
			continue
		}
		if r.From.Before(scope.First) || last.After(scope.Last) {
			bad("months %s..%s outside the contract's %s..%s", r.From, last, scope.First, scope.Last)
			continue
		}
		for m := r.From; !m.After(last); m = m.AddMonths(1) {
			for _, o := range overlapOrgs(r.Org, scope.Orgs) {
				k := key{r.KPI, o, m}
				if j, taken := reg.byKey[k]; taken {
					bad("overlaps %s in %s", records[j].name(j), m)
					continue
				}
				reg.byKey[k] = i
			}
		}
	}
	for i := range reg.records {
		reg.records[i].Ref = reg.records[i].name(i)
	}
	if len(errs) > 0 {
		slices.SortStableFunc(errs, func(a, b error) int { return strings.Compare(a.Error(), b.Error()) })
		return nil, errors.Join(errs...)
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
// month m, and whether there is one. The returned record's Ref is always
// set: a record given without one is cited as "record N", its 1-based
// position in NewRegister's input.
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
// with its Ref set as Lookup returns it.
func (r *Register) Records() []Record {
	if r == nil {
		return nil
	}
	return slices.Clone(r.records)
}
