package recordfile_test

import (
	"fmt"
	"testing"
	"time"

	"github.com/servicecredit/engine/measure/record"
	"github.com/servicecredit/engine/measure/recordfile"
)

func TestReadBacklog(t *testing.T) {
	for _, tt := range []struct {
		name string
		why  string
		file string
	}{
		{"good", "two snapshots; REQ1 zone-less, read in London", "backlog-good.csv"},
		{"bad", "logged after the snapshot, a ticket twice in a snapshot, empty fields", "backlog-bad.csv"},
	} {
		t.Run(tt.name, func(t *testing.T) {
			es, err := recordfile.ReadBacklog(tt.file, open(t, tt.file), london)
			readCase(t, "backlog-"+tt.name+".golden", es, err, func(e record.BacklogEntry) string {
				return fmt.Sprintf("line %d: at %s %s %q %s logged %s", e.Source.Line, stampOrDash(e.Snapshot), e.ID, e.Org, e.Kind, stampOrDash(e.Logged))
			})
		})
	}
}

func TestReadPatches(t *testing.T) {
	for _, tt := range []struct {
		name string
		why  string
		file string
		zone *time.Location
	}{
		{"good", "every column; DT001's zone-less installation read in London", "patches-good.csv", london},
		{"bad", "every problem with file:line:column, device, patch and field: an unknown column, empties, a date not RFC 3339, installed before released, a repeat, a zone-less time with no zone named", "patches-bad.csv", nil},
	} {
		t.Run(tt.name, func(t *testing.T) {
			ps, err := recordfile.ReadPatches(tt.file, open(t, tt.file), tt.zone)
			readCase(t, "patches-"+tt.name+".golden", ps, err, func(p record.Patch) string {
				return fmt.Sprintf("%s %s line %d: %s %s released %s installed %s exemption %q",
					p.Device, p.Patch, p.Source.Line, p.Org, p.Class, p.Released.Format(time.RFC3339), stampOrDash(p.Installed), p.Exemption)
			})
		})
	}
}
