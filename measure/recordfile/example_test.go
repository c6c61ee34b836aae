package recordfile_test

import (
	"errors"
	"fmt"
	"strings"

	"github.com/servicecredit/engine/measure/record"
	"github.com/servicecredit/engine/measure/recordfile"
)

// A calls file is told by its header and read whole; a file with any
// problem yields no records, and every problem names the file, line,
// column, call and field.
func Example() {
	const calls = `id,organisation,queued,outcome,wait
C1,LBH,2021-06-01T09:00:00+01:00,answered,20s
C2,LBH,2021-06-01 09:01:00,abandoned,4
C3,LBH,2021-06-01T09:02:00+01:00,hung-up,1m5s
`
	kind, _ := recordfile.KindOfHeader(strings.Split(strings.SplitN(calls, "\n", 2)[0], ","))
	fmt.Println(kind)
	cs, err := recordfile.ReadCalls("calls.csv", strings.NewReader(calls), nil)
	fmt.Println(len(cs), "calls read;", errors.Is(err, record.ErrInvalidRecord))
	for _, e := range record.Errors(err) {
		fmt.Println(e)
	}
	// Output:
	// calls
	// 0 calls read; true
	// calls.csv:3:8: call "C2": queued "2021-06-01 09:01:00": no offset, and the file's zone is not named (want RFC 3339 with an offset, such as 2023-03-03T16:30:00Z or 2023-04-06T16:00:00+01:00)
	// calls.csv:3:38: call "C2": wait "4": not a duration (want hours, minutes and seconds such as 40s or 1m5s)
	// calls.csv:4:34: call "C3": outcome "hung-up": want one of answered, abandoned, callback, ivr-only
}
