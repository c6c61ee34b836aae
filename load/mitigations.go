package load

import (
	"bytes"
	"errors"
	"fmt"
	"path/filepath"
	"strings"

	"github.com/servicecredit/engine/contract"
	"github.com/servicecredit/engine/internal/joined"
	"github.com/servicecredit/engine/kpi"
	"github.com/servicecredit/engine/mitigation"
)

type yEffect = yWord[mitigation.Effect, *mitigation.Effect]

// The mitigations file's structures, in YAML or JSON.
type (
	mitigationsDTO struct {
		Mitigations []recordDTO `yaml:"mitigations"`
	}
	recordDTO struct {
		Ref          *yString `yaml:"ref"`
		KPI          *yString `yaml:"kpi"`
		Organisation *yString `yaml:"organisation"`
		From         *yMonth  `yaml:"from"`
		To           *yMonth  `yaml:"to"`
		Reason       *yString `yaml:"reason"`
		Impact       *yString `yaml:"impact"`
		PathToGreen  *yString `yaml:"path-to-green"`
		AgreedOn     *yDate   `yaml:"agreed-on"`
		AgreedBy     *yString `yaml:"agreed-by"`
		Effect       *yEffect `yaml:"effect"`
		Deemed       *yStatus `yaml:"deemed"`
	}
)

// The columns of a mitigations CSV file: the YAML fields.
var (
	mitigationColumns  = []string{"ref", "kpi", "organisation", "from", "to", "reason", "impact", "path-to-green", "agreed-on", "agreed-by", "effect", "deemed"}
	mitigationRequired = []string{"kpi", "from", "reason", "effect"}
)

// mitigationFile is a mitigations file read: its records and, for each,
// where each of its fields is.
type mitigationFile struct {
	ps      *problems
	records []mitigation.Record
	where   []func(field string) (string, pos) // by record: a field's name in errors and its place
}

// Mitigations reads a mitigations file: CSV when name ends in ".csv", YAML
// or JSON when it ends in ".yaml", ".yml" or ".json", with the fields of
// mitigation.Record as docs/contract-format.md describes. The records are
// not checked against a contract; Register does that.
//
// It reports every problem, each as an *Error naming the file, line,
// column and field, sorted and joined; on any problem it returns no
// records.
func Mitigations(name string, data []byte) ([]mitigation.Record, error) {
	f := readMitigations(name, data)
	if !f.ps.ok() {
		return nil, f.ps.err()
	}
	return f.records, nil
}

// Register reads a mitigations file as Mitigations does and builds the
// register of contract c from it, placing every problem
// mitigation.NewRegister finds (an unknown KPI, overlapping records, a
// month outside the contract) at the record and field it is about, by the
// record's position and the field's path the *mitigation.Error gives.
func Register(name string, data []byte, c *contract.Contract) (*mitigation.Register, error) {
	f := readMitigations(name, data)
	if !f.ps.ok() {
		return nil, f.ps.err()
	}
	reg, err := mitigation.NewRegister(f.records, c.MitigationScope())
	if err == nil {
		return reg, nil
	}
	for _, e := range joined.Split(err) {
		var me *mitigation.Error
		if !errors.As(e, &me) || me.Index < 0 || me.Index >= len(f.where) {
			f.ps.add(pos{}, "", e.Error(), e)
			continue
		}
		field, p := f.where[me.Index](recordFields[me.Path])
		f.ps.add(p, field, me.Problem(), e)
	}
	return nil, f.ps.err()
}

// recordFields names, by its Go field, each field of mitigation.Record a
// problem can be about, as a mitigations file spells it.
var recordFields = map[string]string{
	"Ref": "ref", "KPI": "kpi", "Org": "organisation", "From": "from", "To": "to", "Reason": "reason",
	"Impact": "impact", "PathToGreen": "path-to-green", "AgreedOn": "agreed-on", "AgreedBy": "agreed-by",
	"Effect": "effect", "Deemed": "deemed",
}

func readMitigations(name string, data []byte) *mitigationFile {
	f := &mitigationFile{ps: &problems{file: name}}
	switch strings.ToLower(filepath.Ext(name)) {
	case ".csv":
		f.readCSV(data)
	case ".yaml", ".yml", ".json":
		f.readYAML(data)
	default:
		f.ps.add(pos{}, "", "unknown file type (want a name ending in .csv, .yaml, .yml or .json)", nil)
	}
	return f
}

func (f *mitigationFile) readYAML(data []byte) {
	var dto mitigationsDTO
	doc := decodeYAML(f.ps, data, &dto)
	if doc == nil {
		return
	}
	if dto.Mitigations == nil && !doc.present("mitigations") {
		doc.missing("mitigations", "a list of agreed mitigations; [] for none")
	}
	cv := &converter{doc: doc, ps: f.ps}
	for i, d := range dto.Mitigations {
		p := fmt.Sprintf("mitigations[%d]", i)
		r := mitigation.Record{
			Ref:         cv.str(p+".ref", d.Ref, ""),
			KPI:         cv.str(p+".kpi", d.KPI, "the KPI's id"),
			Org:         cv.str(p+".organisation", d.Organisation, ""),
			From:        cv.month(p+".from", d.From, "the first month covered, such as 2021-06"),
			To:          cv.month(p+".to", d.To, ""),
			Reason:      cv.str(p+".reason", d.Reason, "why mitigation was granted"),
			Impact:      cv.str(p+".impact", d.Impact, ""),
			PathToGreen: cv.str(p+".path-to-green", d.PathToGreen, ""),
			AgreedBy:    cv.str(p+".agreed-by", d.AgreedBy, ""),
			Effect:      word(cv, p+".effect", d.Effect, "relief or deemed"),
		}
		if d.AgreedOn != nil {
			r.AgreedOn = d.AgreedOn.d
		}
		if d.Deemed != nil {
			r.Deemed = d.Deemed.v
		}
		f.records = append(f.records, r)
		f.where = append(f.where, func(field string) (string, pos) {
			if field == "" {
				return p, doc.at(p) // the record as a whole
			}
			return p + "." + field, doc.at(p + "." + field)
		})
	}
}

func (f *mitigationFile) readCSV(data []byte) {
	ps := f.ps
	t := readCSV(ps, bytes.NewReader(data), mitigationColumns, mitigationRequired)
	if t == nil {
		return
	}
	for ri := range t.rows {
		row := &t.rows[ri]
		text := func(col string, required bool) string {
			v, p := t.get(row, col)
			if v == "" && required {
				ps.add(p, col, "empty", nil)
			}
			return v
		}
		month := func(col string, required bool) kpi.Month {
			v, p := t.get(row, col)
			if v == "" {
				if required {
					ps.add(p, col, "empty (want a month such as 2021-06)", nil)
				}
				return kpi.Month{}
			}
			m, err := kpi.ParseMonth(v)
			if err != nil {
				ps.addText(p, col, v, monthWant, err)
			}
			return m
		}
		r := mitigation.Record{
			Ref:         text("ref", false),
			KPI:         text("kpi", true),
			Org:         text("organisation", false),
			From:        month("from", true),
			To:          month("to", false),
			Reason:      text("reason", true),
			Impact:      text("impact", false),
			PathToGreen: text("path-to-green", false),
			AgreedBy:    text("agreed-by", false),
		}
		if v, p := t.get(row, "agreed-on"); v != "" {
			var msg string
			if r.AgreedOn, msg = parseDate(v); msg != "" {
				ps.addText(p, "agreed-on", v, msg, nil)
			}
		}
		if v, p := t.get(row, "effect"); v == "" {
			ps.add(p, "effect", "empty (want relief or deemed)", nil)
		} else if err := r.Effect.UnmarshalText([]byte(v)); err != nil {
			ps.addText(p, "effect", v, wordProblem(err), err)
		}
		if v, p := t.get(row, "deemed"); v != "" {
			if err := r.Deemed.UnmarshalText([]byte(v)); err != nil {
				ps.addText(p, "deemed", v, wordProblem(err), err)
			}
		}
		f.records = append(f.records, r)
		f.where = append(f.where, func(field string) (string, pos) {
			_, p := t.get(row, field)
			return field, p
		})
	}
}
