package record

import (
	"fmt"
	"strconv"
	"time"

	"github.com/servicecredit/engine/measure/internal/problem"
)

// maxDurationHours bounds a Duration: ten years.
const maxDurationHours = 87600

// Duration is a length of time written as hours, minutes and seconds, such
// as "8h", "7h30m" or "90s", for targets and thresholds in options. It is
// a time.Duration with a text form. The zero Duration is "0s".
type Duration time.Duration

// ParseDuration parses a duration written as one or more whole numbers
// each followed by h, m or s, largest unit first, as "4h", "7h30m",
// "1h0m30s". It rejects signs, fractions and the other units of
// time.ParseDuration, so a target is always read exactly as written, and
// durations longer than ten years (87600h).
func ParseDuration(s string) (Duration, error) {
	bad := func(msg string) (Duration, error) {
		return 0, &problem.Error{Field: "duration", Text: s, Quoted: true, Msg: msg + " (want hours, minutes and seconds such as 8h or 7h30m)", Err: problem.ErrInvalidOptions}
	}
	if s == "" {
		return bad("empty")
	}
	var total time.Duration
	last := 4 // the unit rank most recently used: h=3, m=2, s=1
	for i := 0; i < len(s); {
		j := i
		for j < len(s) && s[j] >= '0' && s[j] <= '9' {
			j++
		}
		if j == i || j == len(s) || j-i > 9 {
			return bad("malformed")
		}
		n, _ := strconv.Atoi(s[i:j])
		var unit time.Duration
		var rank int
		switch s[j] {
		case 'h':
			unit, rank = time.Hour, 3
		case 'm':
			unit, rank = time.Minute, 2
		case 's':
			unit, rank = time.Second, 1
		default:
			return bad("unknown unit")
		}
		if rank >= last {
			return bad("units out of order")
		}
		last = rank
		if time.Duration(n) > maxDurationHours*time.Hour/unit {
			return bad(fmt.Sprintf("longer than %dh", maxDurationHours))
		}
		total += time.Duration(n) * unit
		if total > maxDurationHours*time.Hour {
			return bad(fmt.Sprintf("longer than %dh", maxDurationHours))
		}
		i = j + 1
	}
	return Duration(total), nil
}

// String returns d as "7h30m": hours, minutes and seconds, leaving out
// zero parts; "0s" for zero. A negative or sub-second duration prints as
// time.Duration does.
func (d Duration) String() string {
	t := time.Duration(d)
	if t < 0 || t%time.Second != 0 {
		return t.String()
	}
	if t == 0 {
		return "0s"
	}
	var b []byte
	h, m, s := t/time.Hour, t%time.Hour/time.Minute, t%time.Minute/time.Second
	if h > 0 {
		b = strconv.AppendInt(b, int64(h), 10)
		b = append(b, 'h')
	}
	if m > 0 {
		b = strconv.AppendInt(b, int64(m), 10)
		b = append(b, 'm')
	}
	if s > 0 {
		b = strconv.AppendInt(b, int64(s), 10)
		b = append(b, 's')
	}
	return string(b)
}

// MarshalText implements encoding.TextMarshaler with the String form. It
// fails for a negative or sub-second duration, which ParseDuration could
// not read back.
func (d Duration) MarshalText() ([]byte, error) {
	if d < 0 || time.Duration(d)%time.Second != 0 {
		return nil, &problem.Error{Field: "duration", Msg: time.Duration(d).String() + " is negative or not whole seconds", Err: problem.ErrInvalidOptions}
	}
	return []byte(d.String()), nil
}

// UnmarshalText implements encoding.TextUnmarshaler as ParseDuration.
func (d *Duration) UnmarshalText(b []byte) error {
	v, err := ParseDuration(string(b))
	*d = v
	return err
}
