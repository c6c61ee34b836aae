package record_test

import (
	"testing"
	"time"

	"github.com/servicecredit/engine/measure/record"
)

func FuzzParseDuration(f *testing.F) {
	for _, s := range []string{"8h", "7h30m", "90s", "1h0m30s", "0s", "", "1.5h", "-1h", "30m2h", "999999999h"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		d, err := record.ParseDuration(s)
		if err != nil {
			return
		}
		text, err := d.MarshalText()
		if err != nil {
			t.Fatalf("%q parsed to %v but does not marshal: %v", s, time.Duration(d), err)
		}
		back, err := record.ParseDuration(string(text))
		if err != nil || back != d {
			t.Fatalf("%q -> %q -> %v, %v", s, text, back, err)
		}
	})
}
