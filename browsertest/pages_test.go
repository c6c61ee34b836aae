package browsertest

import (
	"bytes"
	"encoding/json"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"

	"github.com/servicecredit/engine/internal/synth"
)

// page is a page the command wrote, with what the browser must find in
// it: the evaluation or reconciliation in the command's JSON.
type page struct {
	name      string // out/NAME-*.png
	path      string // the HTML file
	reconcile bool
	eval      evaluation     // an evaluation's page: the JSON of the same evaluation
	recon     reconciliation // a reconciliation's page: the JSON of the same reconciliation
}

// evaluation is what the browser test reads of `evaluate -format json`
// (docs/json-output.md).
type evaluation struct {
	Months []struct {
		Month    string     `json:"month"`
		Cells    []jsonCell `json:"cells"`
		Combined []jsonCell `json:"combined"`
	} `json:"months"`
}

type jsonCell struct {
	KPI        string `json:"kpi"`
	Org        string `json:"organisation"`
	Kind       string `json:"kind"`
	Rounded    string `json:"rounded"`
	Absence    string `json:"absence"`
	Raw        string `json:"raw"`
	Status     string `json:"status"`
	Mitigation string `json:"mitigation"`
}

// reconciliation is what the browser test reads of `reconcile -format
// json`.
type reconciliation struct {
	Findings []struct {
		Place    string `json:"place"`
		File     string `json:"file"`
		Line     int    `json:"line"`
		Cell     int    `json:"cell"`
		Check    string `json:"check"`
		Severity string `json:"severity"`
		Verdict  string `json:"verdict"`
	} `json:"findings"`
}

// buildCLI builds the command into dir and returns its path.
func buildCLI(t *testing.T, dir string) string {
	t.Helper()
	bin := filepath.Join(dir, "servicecredit")
	cmd := exec.Command("go", "build", "-o", bin, "github.com/servicecredit/engine/cmd/servicecredit")
	if out, err := cmd.CombinedOutput(); err != nil {
		t.Fatalf("building the command: %v\n%s", err, out)
	}
	return bin
}

// cli runs the command in dir and returns its standard output; want is
// the exit status it must give.
func cli(t *testing.T, bin, dir string, want int, args ...string) []byte {
	t.Helper()
	cmd := exec.Command(bin, args...)
	cmd.Dir = dir
	var out, errOut bytes.Buffer
	cmd.Stdout, cmd.Stderr = &out, &errOut
	err := cmd.Run()
	code := 0
	if ee, ok := err.(*exec.ExitError); ok {
		code = ee.ExitCode()
	} else if err != nil {
		t.Fatalf("servicecredit %s: %v", strings.Join(args, " "), err)
	}
	if code != want {
		t.Fatalf("servicecredit %s: exit status %d, want %d\n%s", strings.Join(args, " "), code, want, errOut.String())
	}
	return out.Bytes()
}

// writePages writes, with the command, the page of a generated contract
// of 50 KPIs over 120 months for two organisations, the page of every
// shipped example's evaluation (contract.yaml, measurements.csv and,
// where there is one, mitigations.yaml), the Lincolnshire example's with
// its sealed months revised (-seals), and the pages of the
// reconciliations the README shows; each beside the same evaluation or
// reconciliation in JSON.
func writePages(t *testing.T, bin, dir string) []page {
	t.Helper()
	var pages []page
	evaluate := func(name, from string, files ...string) {
		args := append([]string{"evaluate"}, files...)
		html := cli(t, bin, from, 0, append(args, "-format", "html")...)
		js := cli(t, bin, from, 0, append(args, "-format", "json")...)
		p := page{name: name, path: filepath.Join(dir, name+".html")}
		if err := json.Unmarshal(js, &p.eval); err != nil {
			t.Fatalf("%s: the JSON: %v", name, err)
		}
		if err := os.WriteFile(p.path, html, 0o644); err != nil {
			t.Fatal(err)
		}
		pages = append(pages, p)
	}
	// The generated page first: it takes the longest, and the others run
	// beside it.
	gen := filepath.Join(dir, "generated")
	if err := os.MkdirAll(gen, 0o755); err != nil {
		t.Fatal(err)
	}
	p := synth.Generate(19, 0, synth.Shape{KPIs: 50, Months: 120, Orgs: 2, Failures: 10})
	if err := synth.WriteFiles(gen, p); err != nil {
		t.Fatal(err)
	}
	evaluate("generated-50x120x2", gen, "contract.yaml", "measurements.csv", "mitigations.csv")
	if n := len(pages[0].eval.Months); n != 120 {
		t.Fatalf("the generated contract: %d months evaluated, want 120", n)
	}
	examples, err := filepath.Glob(filepath.Join("..", "examples", "*", "contract.yaml"))
	if err != nil || len(examples) < 3 {
		t.Fatalf("the shipped examples: %v %v", examples, err)
	}
	for _, c := range examples {
		ex := filepath.Dir(c)
		files := []string{"contract.yaml", "measurements.csv"}
		if _, err := os.Stat(filepath.Join(ex, "mitigations.yaml")); err == nil {
			files = append(files, "mitigations.yaml")
		}
		evaluate(filepath.Base(ex), ex, files...)
	}
	// The Lincolnshire cycle: months sealed, then a value corrected and a
	// mitigation agreed late: the page with its revisions.
	evaluate("lincolnshire-revisions", filepath.Join("..", "examples", "lincolnshire"), "contract.yaml",
		filepath.Join("monthly", "measurements-corrected.csv"), "mitigations.yaml", "-seals", filepath.Join("monthly", "seals"))
	reconcile := func(name, from string, code int, args ...string) {
		args = append([]string{"reconcile"}, args...)
		html := cli(t, bin, from, code, append(args, "-format", "html")...)
		js := cli(t, bin, from, code, append(args, "-format", "json")...)
		p := page{name: name, path: filepath.Join(dir, name+".html"), reconcile: true}
		if err := json.Unmarshal(js, &p.recon); err != nil {
			t.Fatalf("%s: the JSON: %v", name, err)
		}
		if err := os.WriteFile(p.path, html, 0o644); err != nil {
			t.Fatal(err)
		}
		pages = append(pages, p)
	}
	ex := func(name string) string { return filepath.Join("..", "examples", name) }
	reconcile("lincolnshire-reconcile", ex("lincolnshire"), 0, "contract.yaml", "table1.tsv", "-relations", "relations.yaml",
		"-measurements", "measurements.csv", "-mitigations", "mitigations.yaml")
	reconcile("brent-lewisham-reconcile", ex("brent-lewisham"), 3, "contract.yaml", "brent-published.tsv", "lewisham-published.tsv",
		"-relations", "relations.yaml")
	reconcile("claims-reconcile", ex("claims"), 3, "contract.yaml", "pack.tsv", "-relations", "relations.yaml",
		"-measurements", "measurements.csv", "-claims", "claims.csv")

	return pages
}

// cellCount returns the number of heatmap cells an evaluation has.
func (e evaluation) cellCount() int {
	n := 0
	for _, m := range e.Months {
		n += len(m.Cells) + len(m.Combined)
	}
	return n
}
