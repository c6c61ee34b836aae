// Package recordfile reads record files: CSV with a header row, one kind
// of record per file (tickets, outages, calls, survey responses, contact
// counts, backlog snapshots, device patches), into the values of package
// record. docs/records.md lists every kind's columns.
//
// Start here: recordfile.ReadTickets(name, r, zone) and its siblings for
// one kind, KindOf to tell a file's kind from its header, Append to add a
// file to a record.Set. The runnable Example (go doc -all, or the
// package's page) reads a calls file.
//
// # Files
//
// Every file is read by the module's one CSV reader (internal/csvfile),
// as the measurements file is: a UTF-8 byte order mark is skipped, a file
// separated by semicolons or tabs is one problem at its header saying so,
// a quote never closed is placed at the line that opened it, and the
// documented limits of every CSV file (its size and lines, a row's and a
// field's bytes; docs/cli.md) are refused as soon as they are reached.
// Header names are matched without regard to case or surrounding space;
// unknown and repeated columns are errors; required columns must be
// present. Each field is trimmed of surrounding space. KindOfHeader tells
// a file's kind from its header row, by the one marking column it has;
// KindOf reads that row from a file and puts the file back; Append reads
// a file of a kind into a record.Set.
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
// cell), the record and the field, wrapping record.ErrInvalidRecord (or
// record.ErrLimit for a limit reached), sorted by place and joined. A file
// with any problem yields no records.
package recordfile
