// Package csvfile reads the CSV files people keep (exported from a
// spreadsheet or an ITSM tool) one row at a time, with what every reader
// of such files needs beside encoding/csv:
//
//   - a UTF-8 byte order mark, which Excel writes, is skipped;
//   - a file whose columns are separated by semicolons or tabs (a
//     spreadsheet's export in many locales) is one problem with a hint,
//     found in its header, instead of a problem for every row;
//   - a quote that is never closed is reported at the line where it
//     opened, not at the end of the file;
//   - the documented limits (MaxBytes, MaxLines, MaxRow, MaxField) are refused with a
//     clear message as soon as they are reached, before the row or the
//     file is held: a file of any size costs at most one row's memory.
//
// Rows may have any number of fields; the caller checks them against the
// header.
package csvfile
