package csvfile_test

import (
	"fmt"
	"io"
	"strings"

	"github.com/servicecredit/engine/internal/csvfile"
)

// A spreadsheet exported with semicolons is one problem, found in the
// header, with a hint; a comma-separated file reads row by row.
func Example() {
	for _, data := range []string{
		"kpi;month;value\nAVAIL;2021-06;99.9\nAVAIL;2021-07;99.8\n",
		"kpi,month,value\nAVAIL,2021-06,99.9\n",
	} {
		r := csvfile.NewReader(strings.NewReader(data))
		for {
			row, err := r.Read()
			if err == io.EOF {
				break
			}
			if err != nil {
				fmt.Println(err)
				break
			}
			fmt.Println(r.Line(), row)
		}
	}
	// Output:
	// line 1: columns separated by ";", not commas: save or export the file as comma-separated CSV
	// 1 [kpi month value]
	// 2 [AVAIL 2021-06 99.9]
}
