package load_test

import (
	"bytes"
	"errors"
	"path/filepath"
	"strings"
	"testing"

	"github.com/servicecredit/engine/load"
)

// seeds adds the shipped file and the bad inputs whose names start with
// prefix to f's corpus.
func seeds(f *testing.F, shippedFile, prefix string, add func(data []byte, name string)) {
	add(read(f, shipped+shippedFile), shippedFile)
	files, _ := filepath.Glob("testdata/bad/" + prefix + "*")
	for _, p := range files {
		if !strings.HasSuffix(p, ".want") {
			add(read(f, p), filepath.Base(p))
		}
	}
}

// checkErr checks that err is nil or a list of *load.Error naming file.
func checkErr(t *testing.T, err error, file string) {
	t.Helper()
	if err == nil {
		return
	}
	if !errors.Is(err, load.ErrInvalid) {
		t.Fatalf("error does not wrap ErrInvalid: %v", err)
	}
	for _, e := range load.Errors(err) {
		var le *load.Error
		if !errors.As(e, &le) || le.File != file {
			t.Fatalf("problem %q is not a *load.Error naming %s", e, file)
		}
	}
}

func FuzzContract(f *testing.F) {
	seeds(f, "contract.yaml", "contract-", func(data []byte, _ string) { f.Add(data) })
	f.Fuzz(func(t *testing.T, data []byte) {
		c, err := load.Contract("c.yaml", data)
		checkErr(t, err, "c.yaml")
		if err == nil {
			if c == nil {
				t.Fatal("no error and no contract")
			}
			if verr := c.Validate(); verr != nil {
				t.Fatalf("contract loaded but invalid: %v", verr)
			}
		}
	})
}

func FuzzMeasurements(f *testing.F) {
	c := lincolnshire(f)
	seeds(f, "measurements.csv", "measurements-", func(data []byte, _ string) { f.Add(data) })
	f.Fuzz(func(t *testing.T, data []byte) {
		ms, err := load.Measurements("m.csv", bytes.NewReader(data), c)
		checkErr(t, err, "m.csv")
		if err == nil {
			for _, m := range ms {
				for i := range c.KPIs {
					if c.KPIs[i].ID == m.KPI {
						if cerr := m.Check(c.KPIs[i].Definition); cerr != nil {
							t.Fatalf("measurement loaded but invalid: %v", cerr)
						}
					}
				}
			}
		}
	})
}

func FuzzMitigations(f *testing.F) {
	c := lincolnshire(f)
	seeds(f, "mitigations.yaml", "mitigations-", func(data []byte, name string) {
		f.Add(data, strings.HasSuffix(name, ".csv"))
	})
	f.Add(read(f, "testdata/good/mitigations.csv"), true)
	f.Fuzz(func(t *testing.T, data []byte, csv bool) {
		name := "m.yaml"
		if csv {
			name = "m.csv"
		}
		_, err := load.Mitigations(name, data)
		checkErr(t, err, name)
		_, err = load.Register(name, data, c)
		checkErr(t, err, name)
	})
}
