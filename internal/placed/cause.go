package placed

import (
	"errors"
	"io/fs"
)

// Cause returns err without the operation and path of an *fs.PathError
// (an *os.PathError) in its chain, which a problem placed in the file
// already names: "cannot read: no such file or directory", not "cannot
// read: open m.csv: no such file or directory". Any other error is
// returned as it is.
func Cause(err error) error {
	var pe *fs.PathError
	if errors.As(err, &pe) {
		return pe.Err
	}
	return err
}
