package main

import (
	"fmt"
	"runtime/debug"
)

// version prints the module version and VCS revision the binary was built
// from, as runtime/debug.ReadBuildInfo reports them. Reports never carry
// them: the same inputs give the same bytes however the binary was built.
func (e *env) version(args []string) int {
	fs := e.newFlags("version", "",
		`Version prints the module path and version of this binary and, when it was
built from a version-controlled checkout, the revision, its time and whether
the checkout had uncommitted changes. "(devel)" is the version of a binary
built inside a checkout (go build, go install ./cmd/servicecredit); go
install MODULE@VERSION records the version.`)
	pos, stop := e.parse(fs, args)
	if stop != nil {
		return *stop
	}
	if len(pos) > 0 {
		return e.usageError(fs, "want no arguments, got %d", len(pos))
	}
	info, ok := debug.ReadBuildInfo()
	if !ok {
		fmt.Fprintln(e.stdout, "servicecredit: no build information (built without module support)")
		return exitOK
	}
	fmt.Fprint(e.stdout, versionText(info))
	return exitOK
}

// versionText describes info: the module and its version, then the VCS
// revision, time and state when the build recorded them, and the Go
// version.
func versionText(info *debug.BuildInfo) string {
	s := fmt.Sprintf("servicecredit %s %s\n", info.Main.Path, info.Main.Version)
	settings := map[string]string{}
	for _, kv := range info.Settings {
		settings[kv.Key] = kv.Value
	}
	if rev := settings["vcs.revision"]; rev != "" {
		s += "revision " + rev
		if t := settings["vcs.time"]; t != "" {
			s += " (" + t + ")"
		}
		if settings["vcs.modified"] == "true" {
			s += ", with uncommitted changes"
		}
		s += "\n"
	} else {
		s += "revision unknown (not built from a version-controlled checkout)\n"
	}
	return s + "built with " + info.GoVersion + "\n"
}
