package csvfile

// Lower sets the limits on a file's bytes and lines to bytes and lines
// until the returned function puts them back, so that a test of the
// limits reads kilobytes, not 128 MiB or 2 million lines. The tests of
// the command check the limits as shipped.
func Lower(bytes int64, lines int) (restore func()) {
	oldBytes, oldLines := maxBytes, maxLines
	maxBytes, maxLines = bytes, lines
	return func() { maxBytes, maxLines = oldBytes, oldLines }
}
