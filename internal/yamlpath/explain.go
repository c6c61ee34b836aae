package yamlpath

import (
	"errors"
	"reflect"
	"regexp"
	"strconv"
	"strings"

	"go.yaml.in/yaml/v4"
)

// LoadErrors returns the problems in err, an error from the YAML
// library's Load, one by one, and false when err is none of its errors.
func LoadErrors(err error) ([]*yaml.LoadError, bool) {
	var many *yaml.LoadErrors
	var one *yaml.LoadError
	switch {
	case errors.As(err, &many):
		return many.Errors, true
	case errors.As(err, &one):
		return []*yaml.LoadError{one}, true
	}
	return nil, false
}

// Place says where a problem Explain words belongs: at the file, at a
// mapping's key, or at a value.
type Place int

// The places of a problem.
const (
	AtFile  Place = iota // the file as a whole: empty, or several documents
	AtKey                // the key of a field: unknown, or given twice
	AtValue              // a value that could not be loaded
)

// Path returns the path a problem at place p is reported under: key's
// for AtKey, value's for AtValue, none for AtFile.
func (p Place) Path(key, value string) string {
	switch p {
	case AtKey:
		return key
	case AtValue:
		return value
	}
	return ""
}

var (
	reUnknown   = regexp.MustCompile(`^field (.*) not found in type (\S+)$`)
	reRepeated  = regexp.MustCompile(`^mapping key "(.*)" already defined at line (\d+)`)
	reRepeated2 = regexp.MustCompile(`^field (.*) already set in type`)
	reConstruct = regexp.MustCompile("^cannot construct (!!\\w+)(?: `(.*)`)? into (\\S+)")
)

// Explain puts msg, the message of an error the YAML library reports
// while loading a parsed document into Go values, into the loaders'
// words, and says where it belongs. types are the Go values whose YAML
// keys an unknown field's message lists, found by the type name the
// library gives ("load.kpiDTO"); the first is the document's own, whose
// first key an empty file's message gives as an example. Problems the
// parser reports (the document is not YAML at all) are the caller's to
// word.
func Explain(msg string, types []any) (string, Place) {
	switch {
	case strings.Contains(msg, "no documents in stream"):
		example := ""
		if len(types) > 0 {
			if ks := keys(reflect.TypeOf(types[0])); len(ks) > 0 {
				example = ", such as " + ks[0] + ": ..."
			}
		}
		return "empty file (want a mapping of fields" + example + ")", AtFile
	case strings.Contains(msg, "expected single document"):
		return "more than one YAML document (want exactly one)", AtFile
	case reUnknown.MatchString(msg):
		m := reUnknown.FindStringSubmatch(msg)
		return "unknown field (want one of " + strings.Join(fieldsOf(m[2], types), ", ") + ")", AtKey
	case reRepeated.MatchString(msg):
		m := reRepeated.FindStringSubmatch(msg)
		return "field given twice (first at line " + m[2] + ")", AtKey
	case reRepeated2.MatchString(msg):
		return "field given twice", AtKey
	case reConstruct.MatchString(msg):
		m := reConstruct.FindStringSubmatch(msg)
		return "want " + want(m[3]) + ", not " + nodeWord(m[1], m[2]), AtValue
	}
	return "not understood: " + strings.TrimPrefix(msg, "yaml: "), AtValue
}

// want describes the Go type a value should have loaded into.
func want(typ string) string {
	switch {
	case strings.HasPrefix(typ, "[]"):
		return "a list"
	case typ == "int" || typ == "int32":
		return "a whole number"
	case typ == "bool":
		return "true or false"
	case typ == "string":
		return "a single value"
	}
	return "a mapping of fields"
}

// nodeWord describes a node by its tag and text.
func nodeWord(tag, text string) string {
	switch tag {
	case "!!map":
		return "a mapping"
	case "!!seq":
		return "a list"
	}
	return strconv.Quote(text)
}

// fieldsOf returns the YAML keys of the value of types whose type is
// named typ.
func fieldsOf(typ string, types []any) []string {
	for _, v := range types {
		if t := reflect.TypeOf(v); t.String() == typ {
			return keys(t)
		}
	}
	return []string{"the documented fields"}
}

// keys returns the YAML keys of struct type t, those of inlined structs
// in their place.
func keys(t reflect.Type) []string {
	var out []string
	for i := range t.NumField() {
		f := t.Field(i)
		k, opts, _ := strings.Cut(f.Tag.Get("yaml"), ",")
		switch {
		case strings.Contains(opts, "inline"):
			out = append(out, keys(f.Type)...)
		case k == "-" || !f.IsExported():
		case k == "":
			out = append(out, strings.ToLower(f.Name))
		default:
			out = append(out, k)
		}
	}
	return out
}
