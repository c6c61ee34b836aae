package seal

import (
	"bytes"
	"crypto/hmac"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"fmt"
	"io"
	"os"
	"regexp"
	"strings"

	"github.com/servicecredit/engine/kpi"
)

// MaxSize is the largest seal file Parse reads: 128 MiB, a month of
// about 200,000 KPI-months.
const MaxSize = 128 << 20

// envelope is a seal file: the seal, its digest, and its HMAC when a key
// was given.
type envelope struct {
	Digest string          `json:"digest"`
	HMAC   string          `json:"hmac,omitempty"`
	Seal   json.RawMessage `json:"seal"`
}

// encode writes v as JSON with object keys sorted, HTML characters left
// as they are, and either no insignificant space (compact) or an indent
// of two spaces and a final newline. Structs are written through their
// JSON form, decoded into maps and written again, so that their keys are
// sorted whatever the order of their Go fields.
func encode(v any, indent bool) ([]byte, error) {
	raw, err := marshal(v, false)
	if err != nil {
		return nil, err
	}
	dec := json.NewDecoder(bytes.NewReader(raw))
	dec.UseNumber()
	var tree any
	if err := dec.Decode(&tree); err != nil {
		return nil, err
	}
	return marshal(tree, indent)
}

func marshal(v any, indent bool) ([]byte, error) {
	var b bytes.Buffer
	enc := json.NewEncoder(&b)
	enc.SetEscapeHTML(false)
	if indent {
		enc.SetIndent("", "  ")
	}
	if err := enc.Encode(v); err != nil {
		return nil, err
	}
	if !indent {
		b.Truncate(b.Len() - 1) // the Encoder's newline
	}
	return b.Bytes(), nil
}

// Body returns the bytes a seal's digest and HMAC are computed over: s as
// compact JSON, keys sorted (docs/monthly-cycle.md).
func Body(s *Seal) ([]byte, error) { return encode(s, false) }

// Digest returns "sha256:" and the hexadecimal SHA-256 of s's Body.
func Digest(s *Seal) (string, error) {
	b, err := Body(s)
	if err != nil {
		return "", err
	}
	return digestOf(b), nil
}

// Marshal returns the seal file of s: a JSON object holding "seal" (s),
// "digest" (Digest) and, when key is not empty, "hmac" ("hmac-sha256:"
// and the hexadecimal HMAC-SHA256 of the Body under key), keys sorted,
// indented by two spaces, with a final newline. The same seal and key
// always give the same bytes.
func Marshal(s *Seal, key []byte) ([]byte, error) {
	body, err := Body(s)
	if err != nil {
		return nil, err
	}
	env := envelope{Digest: digestOf(body), Seal: body}
	if len(key) > 0 {
		env.HMAC = mac(key, body)
	}
	return encode(env, true)
}

func mac(key, body []byte) string {
	h := hmac.New(sha256.New, key)
	h.Write(body)
	return "hmac-sha256:" + hex.EncodeToString(h.Sum(nil))
}

var (
	digestPattern = regexp.MustCompile(`^sha256:[0-9a-f]{64}$`)
	hmacPattern   = regexp.MustCompile(`^hmac-sha256:[0-9a-f]{64}$`)
)

// Parse reads a seal file and returns its seal once it has checked it:
// the file is a seal of this Format with every field known and valid, its
// digest is the SHA-256 of its Body, and its bytes are exactly those
// Marshal writes for it (an edit that keeps the JSON valid still changes
// them). With a key, it must also carry the HMAC of its Body under that
// key. Without one, an HMAC is not checked.
//
// A problem is an *Error wrapping ErrNotSeal, ErrEdited or
// ErrUnauthenticated, naming the month when the seal says one. A digest
// catches edits, not a forger who recomputes it; the HMAC does, as long as
// the key is kept from the forger.
func Parse(data []byte, key []byte) (*Seal, error) {
	if len(data) > MaxSize {
		return nil, &Error{Err: ErrNotSeal, Msg: fmt.Sprintf("%d bytes: larger than the limit of %d", len(data), MaxSize)}
	}
	var env envelope
	if err := strictDecode(data, &env); err != nil {
		return nil, &Error{Err: ErrNotSeal, Msg: err.Error()}
	}
	if len(env.Seal) == 0 || bytes.Equal(env.Seal, []byte("null")) {
		return nil, &Error{Err: ErrNotSeal, Msg: `no "seal"`}
	}
	s := &Seal{}
	if err := strictDecode(env.Seal, s); err != nil {
		return nil, &Error{Err: ErrNotSeal, Msg: "seal: " + err.Error()}
	}
	if err := s.check(); err != nil {
		return nil, &Error{Month: s.Month, Err: ErrNotSeal, Msg: err.Error()}
	}
	if !digestPattern.MatchString(env.Digest) {
		return nil, &Error{Month: s.Month, Err: ErrNotSeal, Msg: fmt.Sprintf("digest %q: want sha256: and 64 hexadecimal digits", clip(env.Digest))}
	}
	if env.HMAC != "" && !hmacPattern.MatchString(env.HMAC) {
		return nil, &Error{Month: s.Month, Err: ErrNotSeal, Msg: fmt.Sprintf("hmac %q: want hmac-sha256: and 64 hexadecimal digits", clip(env.HMAC))}
	}
	body, err := Body(s)
	if err != nil {
		return nil, &Error{Month: s.Month, Err: ErrNotSeal, Msg: err.Error()}
	}
	if got := digestOf(body); got != env.Digest {
		return nil, &Error{Month: s.Month, Err: ErrEdited, Msg: fmt.Sprintf("the content's digest is %s, the seal says %s", got, env.Digest)}
	}
	if len(key) > 0 {
		switch {
		case env.HMAC == "":
			return nil, &Error{Month: s.Month, Err: ErrUnauthenticated, Msg: "no hmac (sealed without a key)"}
		case !hmac.Equal([]byte(mac(key, body)), []byte(env.HMAC)):
			return nil, &Error{Month: s.Month, Err: ErrUnauthenticated, Msg: "the hmac does not match (edited, or sealed with another key)"}
		}
	}
	want, err := encode(envelope{Digest: env.Digest, HMAC: env.HMAC, Seal: body}, true)
	if err != nil {
		return nil, &Error{Month: s.Month, Err: ErrNotSeal, Msg: err.Error()}
	}
	if !bytes.Equal(want, data) {
		return nil, &Error{Month: s.Month, Err: ErrEdited, Msg: fmt.Sprintf("the file differs from the seal's own form from byte %d", firstDiff(want, data)+1)}
	}
	return s, nil
}

// strictDecode decodes data, which must hold exactly one JSON value,
// into v, refusing unknown fields.
func strictDecode(data []byte, v any) error {
	dec := json.NewDecoder(bytes.NewReader(data))
	dec.DisallowUnknownFields()
	if err := dec.Decode(v); err != nil {
		return err
	}
	if _, err := dec.Token(); err != io.EOF {
		return fmt.Errorf("data after the JSON value")
	}
	return nil
}

func firstDiff(a, b []byte) int {
	n := min(len(a), len(b))
	for i := 0; i < n; i++ {
		if a[i] != b[i] {
			return i
		}
	}
	return n
}

// clip cuts a quoted text to its first 40 bytes.
func clip(s string) string {
	if len(s) <= 40 {
		return s
	}
	return s[:40] + "..."
}

// check reports the first problem with a decoded seal's fields.
func (s *Seal) check() error {
	switch {
	case s.Format != Format:
		return fmt.Errorf("format %q: want %q", clip(s.Format), Format)
	case s.Month.IsZero():
		return fmt.Errorf("month missing")
	case s.From.IsZero() || s.From.After(s.Month):
		return fmt.Errorf("from %q: want a month not after %s", s.From.String(), s.Month)
	case !digestPattern.MatchString(s.Contract.Canonical):
		return fmt.Errorf("contract.canonical: want sha256: and 64 hexadecimal digits")
	case s.MoneyPlaces < 0 || s.MoneyPlaces > 6:
		return fmt.Errorf("money_places %d outside 0..6", s.MoneyPlaces)
	case s.Cells == nil || s.Lines == nil || s.Events == nil:
		return fmt.Errorf("cells, lines and events are required")
	}
	for _, d := range []string{s.Inputs.Contract, s.Inputs.Measurements, s.Inputs.Mitigations, s.Supersedes} {
		if d != "" && !digestPattern.MatchString(d) {
			return fmt.Errorf("digest %q: want sha256: and 64 hexadecimal digits", clip(d))
		}
	}
	for i, c := range s.Cells {
		if c.KPI == "" {
			return fmt.Errorf("cells[%d]: kpi missing", i)
		}
		for _, n := range []struct{ name, v string }{{"value", c.Value}, {"rounded", c.Rounded}, {"tsl", c.TSL}, {"msl", c.MSL}, {"baseline", c.Baseline}} {
			if n.v != "" && !isDecimal(n.v) {
				return fmt.Errorf("cells[%d].%s %q: not a decimal", i, n.name, clip(n.v))
			}
		}
		for _, n := range []struct{ name, v string }{{"points", c.Points}, {"credit", c.Credit}} {
			if !isDecimal(n.v) {
				return fmt.Errorf("cells[%d].%s %q: not a decimal", i, n.name, clip(n.v))
			}
		}
	}
	for i, l := range s.Lines {
		if l.Kind != "cap" && l.Kind != "withholding" && l.Kind != "earn-back" {
			return fmt.Errorf("lines[%d].kind %q: want cap, withholding or earn-back", i, clip(l.Kind))
		}
		if l.Kind == "earn-back" && (l.KPI == "" || l.Returns == "") {
			return fmt.Errorf("lines[%d]: earn-back without its kpi and returns", i)
		}
		if !isDecimal(l.Amount) {
			return fmt.Errorf("lines[%d].amount %q: not a decimal", i, clip(l.Amount))
		}
	}
	for _, n := range []struct{ name, v string }{{"charges", s.Credit.Charges}, {"uncapped", s.Credit.Uncapped}, {"cut", s.Credit.Cut}, {"credit", s.Credit.Credit}} {
		if !isDecimal(n.v) {
			return fmt.Errorf("credit.%s %q: not a decimal", n.name, clip(n.v))
		}
	}
	if s.Credit.Withheld != "" && !isDecimal(s.Credit.Withheld) {
		return fmt.Errorf("credit.withheld %q: not a decimal", clip(s.Credit.Withheld))
	}
	if s.Credit.EarnedBack != "" && !isDecimal(s.Credit.EarnedBack) {
		return fmt.Errorf("credit.earned_back %q: not a decimal", clip(s.Credit.EarnedBack))
	}
	return nil
}

// FileDigest returns "sha256:" and the hexadecimal SHA-256 of the bytes r
// holds, as Inputs records a file.
func FileDigest(r io.Reader) (string, error) {
	h := sha256.New()
	if _, err := io.Copy(h, r); err != nil {
		return "", err
	}
	return "sha256:" + hex.EncodeToString(h.Sum(nil)), nil
}

// ReadKey reads an HMAC key file: its bytes, less one final newline (LF
// or CR LF). A key shorter than 16 bytes is refused.
func ReadKey(name string) ([]byte, error) {
	data, err := os.ReadFile(name)
	if err != nil {
		return nil, err
	}
	key := []byte(strings.TrimSuffix(strings.TrimSuffix(string(data), "\n"), "\r"))
	if len(key) < 16 {
		return nil, fmt.Errorf("%s: key of %d bytes: want at least 16", name, len(key))
	}
	return key, nil
}

// monthFile matches a seal file's name, seal-2021-09.json.
var monthFile = regexp.MustCompile(`^seal-([0-9]{4}-[0-9]{2})\.json$`)

// FileName returns the name of month m's seal file in a seals directory:
// "seal-2021-09.json".
func FileName(m kpi.Month) string { return "seal-" + m.String() + ".json" }
