// Package mitigation holds the register of agreed mitigations: the
// customer's written agreement that a KPI's failure in certain months is
// excused, as a performance report's mitigation table lists it.
//
// Start here: list the agreed Records (KPI, From, Reason, Effect; AgreedOn
// is a kpi.Date) and give them to contract.Input.MitigationRecords, which
// validates them against the contract; NewRegister(records,
// c.MitigationScope()) builds the Register itself, for Lookup. The
// runnable Example (go doc -all, or the package's page) builds a register,
// looks KPI-months up, and rejects an overlapping record.
//
// # Records
//
// A Record covers one KPI, for one organisation (Org) or, with Org empty,
// for every organisation the contract serves, in the months From..To
// inclusive; a zero To means the single month From. It says why it was
// granted (Reason, required), its impact, the path back to green, when
// and by whom it was agreed, and its Effect:
//
//	Relief  the supplier is relieved of service credits for the
//	        KPI-months; their status stays as measured and is still
//	        reported. This is the usual case.
//	Deemed  the KPI-months take the record's Deemed status (Green, Amber
//	        or Red) in place of the measured one, and credits follow the
//	        deemed status. A Deemed record must name that status; a Relief
//	        record must not.
//
// # Registers
//
// NewRegister checks records against the contract's Scope (its KPIs,
// organisations and months) and indexes them; Register.Lookup then answers
// whether a KPI-month for an organisation is mitigated, and by which
// record. A nil *Register holds no records, so a contract without
// mitigations needs none.
//
// No KPI-month may be covered twice. Two records overlap when they share
// a KPI and a month and either names the same organisation or either has
// no organisation (which covers them all); records for two different
// organisations never overlap. The later record in input order is the one
// reported:
//
//	mitigation MIT-3: kpi KPI09: overlaps MIT-1 in 2021-06..2021-07: invalid mitigation record
//
// # Errors
//
// NewRegister reports every problem at once, each an *Error naming the
// record (its Ref, or "record N" for the Nth record when it has none, and
// its position), its KPI and the field at fault (a Go path, "Deemed"),
// and wrapping ErrInvalidRecord, whose text ends the message, sorted by
// message and joined with errors.Join. On any problem it returns no register. It never modifies
// its input: the register keeps its own copy of the records, in which a
// record given without a Ref is given "record N".
package mitigation
