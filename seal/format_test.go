package seal_test

import (
	"bytes"
	"crypto/hmac"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
	"github.com/servicecredit/engine/contract"
	"github.com/servicecredit/engine/kpi"
	"github.com/servicecredit/engine/seal"
	"github.com/stretchr/testify/require"
)

var testKey = []byte("a key of at least sixteen bytes")

// TestRoundTrip: Parse gives back the seal Marshal wrote, with or without
// a key.
func TestRoundTrip(t *testing.T) {
	f := lincolnshire(t)
	s, err := seal.Close(f.c, f.input(), month("2021-10"), f.inputs)
	require.NoError(t, err)
	for _, key := range [][]byte{nil, testKey} {
		b, err := seal.Marshal(s, key)
		require.NoError(t, err)
		got, err := seal.Parse(b, key)
		require.NoError(t, err)
		if d := cmp.Diff(s, got); d != "" {
			t.Fatalf("round trip (-want +got):\n%s", d)
		}
		require.Empty(t, seal.Compare(s, got))
	}
}

// forge rewrites a seal file's body with edit and, when recompute is set,
// recomputes its digest (and HMAC under key) as a forger would, writing
// the file as Marshal does.
func forge(t *testing.T, file []byte, edit func(body map[string]any), recompute bool, key []byte) []byte {
	t.Helper()
	var env map[string]any
	dec := json.NewDecoder(bytes.NewReader(file))
	dec.UseNumber()
	require.NoError(t, dec.Decode(&env))
	edit(env["seal"].(map[string]any))
	body, err := json.Marshal(env["seal"])
	require.NoError(t, err)
	body = bytes.ReplaceAll(body, []byte(`\u003c`), []byte("<")) // encoding/json's HTML escapes, which seals do not use
	body = bytes.ReplaceAll(body, []byte(`\u003e`), []byte(">"))
	body = bytes.ReplaceAll(body, []byte(`\u0026`), []byte("&"))
	if recompute {
		sum := sha256.Sum256(body)
		env["digest"] = "sha256:" + hex.EncodeToString(sum[:])
		if key != nil {
			h := hmac.New(sha256.New, key)
			h.Write(body)
			env["hmac"] = "hmac-sha256:" + hex.EncodeToString(h.Sum(nil))
		}
	}
	return indented(t, env)
}

func firstCell(body map[string]any) map[string]any { return body["cells"].([]any)[0].(map[string]any) }

// TestParseDetectsEdits: any edit of a seal file is found and named; a
// forger who recomputes the digest is found only by the HMAC.
func TestParseDetectsEdits(t *testing.T) {
	f := lincolnshire(t)
	s, err := seal.Close(f.c, f.input(), month("2021-10"), f.inputs)
	require.NoError(t, err)
	plain, err := seal.Marshal(s, nil)
	require.NoError(t, err)
	keyed, err := seal.Marshal(s, testKey)
	require.NoError(t, err)
	for _, tc := range []struct {
		name string
		file []byte
		key  []byte
		want error
		msg  string
	}{
		{name: "a value changed", want: seal.ErrEdited, msg: "2021-10: the content's digest is sha256:",
			file: forge(t, plain, func(b map[string]any) { firstCell(b)["value"] = "99.95" }, false, nil)},
		{name: "a credit changed", want: seal.ErrEdited,
			file: forge(t, plain, func(b map[string]any) { b["credit"].(map[string]any)["credit"] = "1.00" }, false, nil)},
		{name: "a space added", want: seal.ErrEdited, msg: "the file differs from the seal's own form from byte",
			file: bytes.Replace(plain, []byte(`"digest":`), []byte(`"digest" :`), 1)},
		{name: "a key moved", want: seal.ErrEdited, msg: "the file differs from the seal's own form from byte 6", file: sealFirst(t, plain)},
		{name: "a month written as the packs write it", want: seal.ErrEdited,
			file: bytes.Replace(plain, []byte(`"month": "2021-10"`), []byte(`"month": "Oct-21"`), 1)},
		{name: "an unknown field", want: seal.ErrNotSeal, msg: `seal: json: unknown field "approved_by"`,
			file: forge(t, plain, func(b map[string]any) { b["approved_by"] = "me" }, true, nil)},
		{name: "not JSON", want: seal.ErrNotSeal, file: []byte("seal")},
		{name: "truncated", want: seal.ErrNotSeal, file: plain[:len(plain)/2]},
		{name: "two values", want: seal.ErrNotSeal, msg: "data after the JSON value", file: append(append([]byte{}, plain...), plain...)},
		{name: "another format", want: seal.ErrNotSeal, msg: `format "servicecredit/seal/v0": want "servicecredit/seal/v1"`,
			file: forge(t, plain, func(b map[string]any) { b["format"] = "servicecredit/seal/v0" }, true, nil)},
		{name: "a credit that is not a decimal", want: seal.ErrNotSeal, msg: `cells[0].credit "1e3": not a decimal`,
			file: forge(t, plain, func(b map[string]any) { firstCell(b)["credit"] = "1e3" }, true, nil)},
		{name: "no digest", want: seal.ErrNotSeal, msg: `digest "": want sha256: and 64 hexadecimal digits`,
			file: []byte(strings.Replace(string(plain), "\"digest\": \""+digestOfFile(t, plain)+"\"", "\"digest\": \"\"", 1))},
		{name: "forged digest, no key", key: nil, want: nil,
			file: forge(t, plain, func(b map[string]any) { firstCell(b)["value"] = "99.95" }, true, nil)},
		{name: "forged digest, with the key", key: testKey, want: seal.ErrUnauthenticated, msg: "no hmac (sealed without a key)",
			file: forge(t, plain, func(b map[string]any) { firstCell(b)["value"] = "99.95" }, true, nil)},
		{name: "forged digest over a keyed seal", key: testKey, want: seal.ErrUnauthenticated, msg: "the hmac does not match",
			file: forge(t, keyed, func(b map[string]any) { firstCell(b)["value"] = "99.95" }, true, nil)},
		{name: "forged with another key", key: testKey, want: seal.ErrUnauthenticated,
			file: forge(t, keyed, func(b map[string]any) { firstCell(b)["value"] = "99.95" }, true, []byte("another key of sixteen bytes"))},
		{name: "forged with the key itself", key: testKey, want: nil,
			file: forge(t, keyed, func(b map[string]any) { firstCell(b)["value"] = "99.95" }, true, testKey)},
		{name: "keyed seal read with another key", key: []byte("another key of sixteen bytes"), want: seal.ErrUnauthenticated, file: keyed},
		{name: "keyed seal read without a key", key: nil, want: nil, file: keyed},
	} {
		t.Run(tc.name, func(t *testing.T) {
			_, err := seal.Parse(tc.file, tc.key)
			if tc.want == nil {
				require.NoError(t, err)
				return
			}
			require.ErrorIs(t, err, tc.want)
			require.True(t, seal.IsUntrusted(err))
			if tc.msg != "" {
				require.ErrorContains(t, err, tc.msg)
			}
		})
	}
}

// sealFirst writes a seal file with its keys in another order.
func sealFirst(t *testing.T, file []byte) []byte {
	var env struct {
		Seal   json.RawMessage `json:"seal"`
		Digest string          `json:"digest"`
	}
	require.NoError(t, json.Unmarshal(file, &env))
	return indented(t, env)
}

func digestOfFile(t *testing.T, file []byte) string {
	var env struct {
		Digest string `json:"digest"`
	}
	require.NoError(t, json.Unmarshal(file, &env))
	return env.Digest
}

// TestReadKey: a key file's final newline is not part of the key; a short
// key is refused.
func TestReadKey(t *testing.T) {
	dir := t.TempDir()
	for _, tc := range []struct{ name, data, want, err string }{
		{name: "k1", data: "0123456789abcdef\n", want: "0123456789abcdef"},
		{name: "k2", data: "0123456789abcdef\r\n", want: "0123456789abcdef"},
		{name: "k3", data: "0123456789abcdef\n\n", want: "0123456789abcdef\n"},
		{name: "k4", data: "short\n", err: "k4: key of 5 bytes: want at least 16"},
	} {
		name := dir + "/" + tc.name
		writeFile(t, name, []byte(tc.data))
		got, err := seal.ReadKey(name)
		if tc.err != "" {
			require.EqualError(t, err, dir+"/"+tc.err)
			continue
		}
		require.NoError(t, err)
		require.Equal(t, tc.want, string(got))
	}
}

// FuzzParse: Parse never panics, and whatever it accepts is exactly what
// Marshal writes for it.
func FuzzParse(f *testing.F) {
	c := small()
	s, err := seal.Close(c, contract.Input{Measurements: []kpi.Measurement{{KPI: "A", Org: "X", Month: month("2021-05"), Value: dec("98.5")}}},
		month("2021-05"), seal.Inputs{})
	require.NoError(f, err)
	for _, key := range [][]byte{nil, testKey} {
		b, err := seal.Marshal(s, key)
		require.NoError(f, err)
		f.Add(b)
	}
	f.Add([]byte(`{"digest":"","seal":null}`))
	f.Add([]byte(`{"seal":{"cells":[{}]}}`))
	f.Fuzz(func(t *testing.T, data []byte) {
		got, err := seal.Parse(data, nil)
		if err != nil {
			if !seal.IsUntrusted(err) {
				t.Fatalf("Parse error %v wraps none of the seal's sentinels", err)
			}
			return
		}
		var env struct {
			HMAC string `json:"hmac"`
		}
		_ = json.Unmarshal(data, &env)
		again, err := seal.Marshal(got, nil)
		if err != nil {
			t.Fatal(err)
		}
		if env.HMAC == "" && !bytes.Equal(again, data) {
			t.Fatalf("accepted a file Marshal would not write:\n%s\nwant\n%s", data, again)
		}
	})
}

// indented writes v as Marshal writes a seal file: indented by two
// spaces, without HTML escapes.
func indented(t *testing.T, v any) []byte {
	t.Helper()
	var out bytes.Buffer
	enc := json.NewEncoder(&out)
	enc.SetEscapeHTML(false)
	enc.SetIndent("", "  ")
	require.NoError(t, enc.Encode(v))
	return out.Bytes()
}
