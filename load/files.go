package load

import (
	"os"
	"path/filepath"

	"github.com/servicecredit/engine/contract"
	"github.com/servicecredit/engine/kpi"
	"github.com/servicecredit/engine/mitigation"
)

// ContractFile reads the contract file at path and loads it as Contract
// does, naming it in messages by its base name ("contract.yaml:18:16:
// ..."). A file that cannot be read is the *os.PathError os.ReadFile
// gives.
func ContractFile(path string) (*contract.Contract, error) {
	data, err := os.ReadFile(path)
	if err != nil {
		return nil, err
	}
	return Contract(filepath.Base(path), data)
}

// MeasurementsFile reads the measurements file at path against c as
// Measurements does, naming it in messages by its base name. A file that
// cannot be opened is the *os.PathError os.Open gives.
func MeasurementsFile(path string, c *contract.Contract) ([]kpi.Measurement, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	return Measurements(filepath.Base(path), f, c)
}

// MitigationsFile reads the mitigations file at path and builds c's
// register from it as Register does, naming it in messages by its base
// name. A file that cannot be read is the *os.PathError os.ReadFile
// gives.
func MitigationsFile(path string, c *contract.Contract) (*mitigation.Register, error) {
	data, err := os.ReadFile(path)
	if err != nil {
		return nil, err
	}
	return Register(filepath.Base(path), data, c)
}
