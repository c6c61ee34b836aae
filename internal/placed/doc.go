// Package placed words a problem found in a file the one way every file
// reader of the module does (load's and the measurement packages'): the
// place, the record, the field with the text found in it, and what is
// wrong,
//
//	tickets.csv:4:31: ticket "INC0042": resolved "2023-03-01T09:00:00Z": before logged 2023-03-02T09:00:00Z
//
// leaving out whatever the problem does not have. Cause takes a file
// error's operation and path off its cause, since the problem names the
// file already.
package placed
