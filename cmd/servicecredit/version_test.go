package main

import (
	"runtime/debug"
	"strings"
	"testing"

	"github.com/stretchr/testify/require"
)

func TestVersionText(t *testing.T) {
	for _, tc := range []struct {
		name string
		info debug.BuildInfo
		want string
	}{
		{"installed at a version", debug.BuildInfo{GoVersion: "go1.26.8", Main: debug.Module{Path: "github.com/servicecredit/engine", Version: "v0.3.0"},
			Settings: []debug.BuildSetting{{Key: "vcs.revision", Value: "1f2e3d"}, {Key: "vcs.time", Value: "2026-11-30T10:00:00Z"}, {Key: "vcs.modified", Value: "false"}}},
			"servicecredit github.com/servicecredit/engine v0.3.0\nrevision 1f2e3d (2026-11-30T10:00:00Z)\nbuilt with go1.26.8\n"},
		{"built in a clone with changes", debug.BuildInfo{GoVersion: "go1.26.8", Main: debug.Module{Path: "github.com/servicecredit/engine", Version: "(devel)"},
			Settings: []debug.BuildSetting{{Key: "vcs.revision", Value: "abc"}, {Key: "vcs.modified", Value: "true"}}},
			"servicecredit github.com/servicecredit/engine (devel)\nrevision abc, with uncommitted changes\nbuilt with go1.26.8\n"},
		{"built without version control", debug.BuildInfo{GoVersion: "go1.26.8", Main: debug.Module{Path: "github.com/servicecredit/engine", Version: "(devel)"}},
			"servicecredit github.com/servicecredit/engine (devel)\nrevision unknown (not built from a version-controlled checkout)\nbuilt with go1.26.8\n"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			require.Equal(t, tc.want, versionText(&tc.info))
		})
	}
}

// TestVersionCommand checks the command prints the binary's own build
// information, and that reports do not: the same inputs give the same
// bytes however the binary was built.
func TestVersionCommand(t *testing.T) {
	code, out, errOut := cli(t, "", "", "version")
	require.Equal(t, 0, code, errOut)
	info, _ := debug.ReadBuildInfo()
	require.Equal(t, versionText(info), out)
	require.True(t, strings.HasPrefix(out, "servicecredit "))
	code, _, _ = cli(t, "", "", "version", "extra")
	require.Equal(t, 2, code)
	_, report, _ := cli(t, shipped, "", append([]string{"evaluate", "-format", "json"}, files...)...)
	require.NotEmpty(t, report)
	require.NotContains(t, report, info.GoVersion)
	if v := info.Main.Version; v != "" {
		require.NotContains(t, report, v)
	}
}
