package load

import (
	"errors"
	"regexp"
	"strconv"
	"strings"

	"github.com/servicecredit/engine/contract"
	"github.com/servicecredit/engine/internal/joined"
	"github.com/servicecredit/engine/reconcile"
	yaml "go.yaml.in/yaml/v4"
)

// The relations file's structures; docs/reconcile.md describes them.
type (
	relationsDTO struct {
		Tables      []relTableDTO      `yaml:"tables"`
		Rows        []relRowDTO        `yaml:"rows"`
		Totals      []relSumDTO        `yaml:"totals"`
		Shares      []relShareDTO      `yaml:"shares"`
		Complements []relComplementDTO `yaml:"complements"`
		Periods     []relPeriodDTO     `yaml:"periods"`
		Severity    *relSeverityDTO    `yaml:"severity"`
	}
	relTableDTO struct {
		File         *yString `yaml:"file"`
		Title        *yString `yaml:"title"`
		Organisation *yString `yaml:"organisation"`
	}
	relRowDTO struct {
		Label *yString `yaml:"label"`
		KPI   *yString `yaml:"kpi"`
		ID    *yString `yaml:"id"`
		Unit  *yUnit   `yaml:"unit"`
		Board *yBoard  `yaml:"board"`
	}
	relSumDTO struct {
		Total *yString  `yaml:"total"`
		Parts []yString `yaml:"parts"`
	}
	relShareDTO struct {
		KPI         *yString `yaml:"kpi"`
		Numerator   *yString `yaml:"numerator"`
		Denominator *yString `yaml:"denominator"`
	}
	relComplementDTO struct {
		KPI *yString `yaml:"kpi"`
		Of  *yString `yaml:"of"`
	}
	relPeriodDTO struct {
		KPI  *yString `yaml:"kpi"`
		Rule *yRule   `yaml:"rule"`
	}
	// relSeverityDTO has one field per check kind, in reconcile.Kinds order.
	relSeverityDTO struct {
		Heading    *ySeverity `yaml:"heading"`
		Label      *ySeverity `yaml:"label"`
		Shape      *ySeverity `yaml:"shape"`
		Cell       *ySeverity `yaml:"cell"`
		Target     *ySeverity `yaml:"target"`
		RAG        *ySeverity `yaml:"rag"`
		Value      *ySeverity `yaml:"value"`
		Attainable *ySeverity `yaml:"attainable"`
		Share      *ySeverity `yaml:"share"`
		Complement *ySeverity `yaml:"complement"`
		Total      *ySeverity `yaml:"total"`
		Period     *ySeverity `yaml:"period"`
		Overall    *ySeverity `yaml:"overall"`
		Combined   *ySeverity `yaml:"combined"`
		Board      *ySeverity `yaml:"board"`
		Claim      *ySeverity `yaml:"claim"`
	}
	yBoard    = yWord[reconcile.BoardCount, *reconcile.BoardCount]
	yRule     = yWord[reconcile.Rule, *reconcile.Rule]
	ySeverity = yWord[reconcile.Severity, *reconcile.Severity]
)

// relationDTOs are the relations file's structures, whose fields an
// unknown-field error lists.
var relationDTOs = []any{contractRelationsDTO{}, relationsDTO{}, relTableDTO{}, relRowDTO{}, relSumDTO{}, relShareDTO{}, relComplementDTO{}, relPeriodDTO{}, relSeverityDTO{}}

// bySeverity returns the severities set, in reconcile.Kinds order.
func (d *relSeverityDTO) bySeverity() []*ySeverity {
	return []*ySeverity{d.Heading, d.Label, d.Shape, d.Cell, d.Target, d.RAG, d.Value, d.Attainable, d.Share,
		d.Complement, d.Total, d.Period, d.Overall, d.Combined, d.Board, d.Claim}
}

// Relations reads a relations file, YAML (or the same in JSON), as
// docs/reconcile.md describes: which organisation each pack table belongs
// to, the rows the contract does not hold, and the totals, shares,
// complements, period rules and severities a reconciliation checks by.
// The relations are checked against contract c (reconcile.Relations.Validate)
// and each problem is placed at the field it is about. A file of nothing
// but comments declares nothing.
//
// It reports every problem, each as an *Error naming the file, line,
// column and field, sorted and joined; on any problem it returns the zero
// Relations.
func Relations(name string, data []byte, c *contract.Contract) (reconcile.Relations, error) {
	ps := &problems{file: name}
	if blankYAML(data) {
		return reconcile.Relations{}, nil // declares nothing
	}
	var dto relationsDTO
	doc := decodeYAML(ps, data, &dto)
	if doc == nil || !ps.ok() {
		return reconcile.Relations{}, ps.err()
	}
	return relations(&converter{doc: doc, ps: ps}, "", &dto, c)
}

// reconcileKey is the contract file's key of the relations it declares.
const reconcileKey = "reconcile"

// contractRelationsDTO is the part of a contract file ContractRelations
// reads: its reconcile section, which holds a relations file's keys.
type contractRelationsDTO struct {
	Reconcile *relationsDTO `yaml:"reconcile"`
}

// ContractRelations reads the relations a contract file declares in its
// reconcile section, which holds exactly a relations file's keys
// (docs/reconcile.md), for contract c, the contract Contract read from the
// same file. declared reports whether the file has a reconcile key at
// all; a section that is empty or null declares nothing, as a relations
// file of nothing but comments does. Problems are reported as Relations
// reports them, at the contract file's lines and columns and with their
// paths under "reconcile." ("reconcile.tables[0].organisation").
// ContractRelations does not check the rest of the file: Contract does,
// and calls ContractRelations when the file has a reconcile key.
func ContractRelations(name string, data []byte, c *contract.Contract) (rel reconcile.Relations, declared bool, err error) {
	ps := &problems{file: name}
	doc := &document{ps: ps, root: new(yaml.Node)}
	if err := yaml.Load(data, doc.root); err != nil {
		doc.loadErrors(err, data)
		return reconcile.Relations{}, false, ps.err()
	}
	top := doc.root
	if top.Kind == yaml.DocumentNode && len(top.Content) > 0 {
		top = top.Content[0]
	}
	if top.Kind != yaml.MappingNode {
		return reconcile.Relations{}, false, nil // no section: Contract reports what the file is
	}
	for i := 0; i+1 < len(top.Content); i += 2 {
		if k := top.Content[i]; k.Value == reconcileKey {
			// The section alone, under its own key and at its own places,
			// so that every path and place is the contract file's.
			doc.root = &yaml.Node{Kind: yaml.MappingNode, Tag: "!!map", Line: top.Line, Column: top.Column,
				Content: []*yaml.Node{k, top.Content[i+1]}}
			declared = true
			break
		}
	}
	if !declared {
		return reconcile.Relations{}, false, nil
	}
	var dto contractRelationsDTO
	if err := doc.root.Load(&dto, yaml.WithKnownFields()); err != nil {
		doc.index()
		doc.loadErrors(err, data)
	}
	if !ps.ok() || dto.Reconcile == nil {
		return reconcile.Relations{}, true, ps.err() // null declares nothing
	}
	rel, err = relations(&converter{doc: doc, ps: ps}, reconcileKey+".", dto.Reconcile, c)
	return rel, true, err
}

// contractRelations checks the reconcile section of data, a contract file
// read as c, when node, the section as Contract decoded it, is present.
func contractRelations(name string, data []byte, c *contract.Contract, node *yaml.Node) error {
	if node.Kind == 0 {
		return nil
	}
	_, _, err := ContractRelations(name, data, c)
	return err
}

// relations converts dto, read from cv's document with its paths under
// prefix ("" for a relations file, "reconcile." for a contract's section),
// and checks it against c, placing every problem at its field.
func relations(cv *converter, prefix string, dto *relationsDTO, c *contract.Contract) (reconcile.Relations, error) {
	doc, ps := cv.doc, cv.ps
	var rel reconcile.Relations
	rel.Tables = each(prefix+"tables", dto.Tables, func(p string, t *relTableDTO) reconcile.TableOrg {
		return reconcile.TableOrg{
			File:  cv.str(p+".file", t.File, "the pack file's name, such as brent.tsv"),
			Title: cv.str(p+".title", t.Title, ""),
			Org:   cv.str(p+".organisation", t.Organisation, "an organisation of the contract"),
		}
	})
	rel.Rows = each(prefix+"rows", dto.Rows, func(p string, r *relRowDTO) reconcile.Row {
		return reconcile.Row{
			Label: cv.str(p+".label", r.Label, "the row's label as printed"),
			KPI:   cv.str(p+".kpi", r.KPI, ""),
			ID:    cv.str(p+".id", r.ID, ""),
			Unit:  optWord(r.Unit),
			Board: optWord(r.Board),
		}
	})
	rel.Totals = each(prefix+"totals", dto.Totals, func(p string, s *relSumDTO) reconcile.Sum {
		if s.Parts == nil {
			doc.missing(p+".parts", "the ids whose figures add up to the total, such as [P1-VOL, P2-VOL]")
		}
		return reconcile.Sum{Total: cv.str(p+".total", s.Total, "the id of the total"), Parts: texts(s.Parts)}
	})
	rel.Shares = each(prefix+"shares", dto.Shares, func(p string, s *relShareDTO) reconcile.Share {
		return reconcile.Share{
			KPI:         cv.str(p+".kpi", s.KPI, "the id of the percentage"),
			Numerator:   cv.str(p+".numerator", s.Numerator, ""),
			Denominator: cv.str(p+".denominator", s.Denominator, "the id of the count the percentage is of"),
		}
	})
	rel.Complements = each(prefix+"complements", dto.Complements, func(p string, s *relComplementDTO) reconcile.Complement {
		return reconcile.Complement{
			KPI: cv.str(p+".kpi", s.KPI, "the id of a percentage"),
			Of:  cv.str(p+".of", s.Of, "the id of the percentage it complements"),
		}
	})
	rel.Periods = each(prefix+"periods", dto.Periods, func(p string, s *relPeriodDTO) reconcile.PeriodRule {
		return reconcile.PeriodRule{
			KPI:  cv.str(p+".kpi", s.KPI, "an id"),
			Rule: word(cv, p+".rule", s.Rule, "sum, recompute, last or none"),
		}
	})
	var severityKeys []string
	if dto.Severity != nil {
		for i, s := range dto.Severity.bySeverity() {
			if s != nil {
				k := reconcile.Kinds()[i]
				rel.Severity = append(rel.Severity, reconcile.SeverityRule{Kind: k, Severity: s.v})
				severityKeys = append(severityKeys, k.String())
			}
		}
	}
	if !ps.ok() {
		return reconcile.Relations{}, ps.err()
	}
	for _, e := range joined.Split(rel.Validate(c)) {
		var re *reconcile.RelationError
		if !errors.As(e, &re) {
			ps.add(pos{}, "", e.Error(), e)
			continue
		}
		path := prefix + relationPath(re.Path, severityKeys)
		ps.add(doc.at(path), path, re.Msg, e)
	}
	if !ps.ok() {
		return reconcile.Relations{}, ps.err()
	}
	return rel, nil
}

// blankYAML reports whether data holds nothing but blank lines and
// comments.
func blankYAML(data []byte) bool {
	for _, line := range strings.Split(string(data), "\n") {
		if l := strings.TrimSpace(line); l != "" && !strings.HasPrefix(l, "#") {
			return false
		}
	}
	return true
}

// relationFields are the relations file's keys of reconcile.Relations'
// Go field names.
var relationFields = map[string]string{
	"Tables": "tables", "File": "file", "Title": "title", "Org": "organisation", "Rows": "rows", "Label": "label",
	"KPI": "kpi", "ID": "id", "Unit": "unit", "Board": "board", "Totals": "totals", "Total": "total", "Parts": "parts",
	"Shares": "shares", "Numerator": "numerator", "Denominator": "denominator", "Complements": "complements", "Of": "of",
	"Periods": "periods", "Rule": "rule",
}

var severityPath = regexp.MustCompile(`^Severity\[(\d+)\](\..*)?$`)

// relationPath turns a Go path of reconcile.Relations, such as
// "Totals[0].Parts[2]", into the file's, "totals[0].parts[2]"; a
// severity's is its check's key under severity.
func relationPath(goPath string, severityKeys []string) string {
	if m := severityPath.FindStringSubmatch(goPath); m != nil {
		i, _ := strconv.Atoi(m[1])
		if i < len(severityKeys) {
			return "severity." + severityKeys[i]
		}
		return "severity"
	}
	var b strings.Builder
	for i, part := range strings.Split(goPath, ".") {
		name, index, _ := strings.Cut(part, "[")
		if i > 0 {
			b.WriteByte('.')
		}
		if f, ok := relationFields[name]; ok {
			name = f
		}
		b.WriteString(name)
		if index != "" {
			b.WriteString("[" + index)
		}
	}
	return b.String()
}
