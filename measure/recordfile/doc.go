// Package recordfile reads record files: CSV with a header row, one kind
// of record per file (tickets, outages, calls, survey responses, contact
// counts, backlog snapshots, device patches), into the values of package
// record. docs/records.md lists every kind's columns.
//
// # Files
//
// Header names are matched without regard to case or surrounding space;
// a UTF-8 byte order mark is skipped; unknown and repeated columns are
// errors; required columns must be present. Each field is trimmed of
// surrounding space. KindOfHeader tells a file's kind from its header
// row, by the one marking column it has, and Append reads a file of a
// kind into a record.Set.
//
// Timestamps are RFC 3339 with an offset. A timestamp without one is an
// error unless the reader is given the file's zone; then it is read in
// that zone, and a local time that does not exist there (in a
// spring-forward gap) or exists twice (in a fall-back overlap) is an
// error. Lists in a cell are separated by ";", intervals are two instants
// separated by "/", flags are yes/no or true/false (empty is no), decimals
// follow the one grammar of every file (internal/decimaltext: digits with
// an optional point, no exponent, no thousands separator), whole numbers
// are digits only and durations are written as 8h, 7h30m, 90s.
//
// # Errors
//
// A reader checks each record as far as it can on its own (the record
// package's Check functions) and reports every problem, each a
// *record.Error naming the file, line, column (where the problem is in one
// cell), the record and the field, wrapping record.ErrInvalidRecord,
// sorted by place and joined. A file with any problem yields no records.
package recordfile
