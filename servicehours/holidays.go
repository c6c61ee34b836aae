package servicehours

import (
	"encoding/json"
	"fmt"
	"slices"
	"strings"

	"github.com/servicecredit/engine/internal/joined"
	"github.com/servicecredit/engine/kpi"
)

// feed is the shape of the GOV.UK bank holidays JSON: divisions by name,
// each with its events.
type feed map[string]struct {
	Division string `json:"division"`
	Events   []struct {
		Title   string `json:"title"`
		Date    string `json:"date"`
		Notes   string `json:"notes"`
		Bunting bool   `json:"bunting"`
	} `json:"events"`
}

// ParseBankHolidays reads the bank holidays of one division, such as
// "england-and-wales", "scotland" or "northern-ireland", from data in the
// shape GOV.UK publishes:
//
//	{"england-and-wales": {"division": "england-and-wales",
//	  "events": [{"title": "Good Friday", "date": "2023-04-07", "notes": "", "bunting": false}]}}
//
// It returns the dates sorted, each once, ready for Calendar.Closed. Other
// divisions are not checked and unknown fields are ignored.
//
// It fails with ErrUnknownDivision, listing the divisions data has, if
// division is not one of them; and with ErrSyntax if data is not JSON of
// that shape, a division's "division" field names another division, or an
// event's date is not a date (every such problem is reported).
func ParseBankHolidays(data []byte, division string) ([]kpi.Date, error) {
	var f feed
	if err := json.Unmarshal(data, &f); err != nil {
		return nil, &Error{Where: "bank holidays", Msg: "not the GOV.UK bank holidays json: " + jsonProblem(err), Err: ErrSyntax}
	}
	div, ok := f[division]
	if !ok {
		known := make([]string, 0, len(f))
		for name := range f {
			known = append(known, fmt.Sprintf("%q", name))
		}
		slices.Sort(known)
		list := "none"
		if len(known) > 0 {
			list = strings.Join(known, ", ")
		}
		return nil, &Error{Where: "bank holidays: division", Input: division, Msg: "not in the feed; it has " + list, Err: ErrUnknownDivision}
	}
	where := fmt.Sprintf("bank holidays %s", division)
	var errs []*Error
	if div.Division != "" && div.Division != division {
		errs = append(errs, &Error{Where: where + ": division", Input: div.Division, Msg: "names another division", Err: ErrSyntax})
	}
	dates := make([]kpi.Date, 0, len(div.Events))
	for i, e := range div.Events {
		d, err := kpi.ParseDate(e.Date)
		if err != nil {
			msg := "want YYYY-MM-DD"
			if pe, ok := err.(*kpi.DateError); ok {
				msg = pe.Msg
			}
			errs = append(errs, &Error{Where: fmt.Sprintf("%s: events[%d]: date", where, i), Input: e.Date, Msg: msg, Err: ErrSyntax})
			continue
		}
		dates = append(dates, d)
	}
	if err := joined.Sorted(errs); err != nil {
		return nil, err
	}
	slices.SortFunc(dates, kpi.Date.Compare)
	return slices.Compact(dates), nil
}

// jsonProblem describes a decoding error without its package's wording
// about Go types.
func jsonProblem(err error) string {
	switch e := err.(type) {
	case *json.SyntaxError:
		return fmt.Sprintf("malformed at byte %d", e.Offset)
	case *json.UnmarshalTypeError:
		field := e.Field
		if field == "" {
			field = "top level"
		}
		return fmt.Sprintf("%s at byte %d: want %s, have %s", field, e.Offset, jsonKind(e.Type.Kind().String()), e.Value)
	default:
		return "malformed"
	}
}

func jsonKind(goKind string) string {
	switch goKind {
	case "map", "struct":
		return "object"
	case "slice":
		return "array"
	case "bool":
		return "boolean"
	}
	return goKind
}
