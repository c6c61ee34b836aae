// Package yamlpath names the places of a YAML document's fields by path,
// such as "kpis[3].tsl", so that the file loaders can say where a problem
// is. Each loader keeps an Index of places in its own type of place; this
// package walks the document for it, by one rule, and words the YAML
// library's loading errors for it (Explain), so that every loader says the
// same thing.
package yamlpath
