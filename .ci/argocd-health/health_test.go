// Runs deploy/argocd's health.lua the way Argo CD does: gopher-lua (the interpreter Argo CD embeds)
// with the object as the global "obj" (JSON numbers as Lua numbers, arrays as 1-based tables),
// on the committed testdata (exact status and message, as health_test.yaml says) and on the objects
// the operator wrote in this build's real-API-server tests (target/argocd-testdata, status by state).
package argocdhealth

import (
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"

	lua "github.com/yuin/gopher-lua"
	"sigs.k8s.io/yaml"
)

const customization = "../../deploy/argocd/resource_customizations/rockofages.io/RockOfAges"

type health struct {
	Status  string `json:"status"`
	Message string `json:"message"`
}

type healthTests struct {
	Tests []struct {
		HealthStatus health `json:"healthStatus"`
		InputPath    string `json:"inputPath"`
	} `json:"tests"`
}

func TestCommittedTestdata(t *testing.T) {
	raw, err := os.ReadFile(filepath.Join(customization, "health_test.yaml"))
	if err != nil {
		t.Fatal(err)
	}
	var cases healthTests
	if err := yaml.Unmarshal(raw, &cases); err != nil {
		t.Fatal(err)
	}
	if len(cases.Tests) == 0 {
		t.Fatal("health_test.yaml has no tests")
	}
	for _, c := range cases.Tests {
		got := evaluate(t, filepath.Join(customization, c.InputPath))
		if got != c.HealthStatus {
			t.Errorf("%s: got %+v, want %+v", c.InputPath, got, c.HealthStatus)
		}
	}
}

// The states ArgoCdHealthOnRealServerTest captures, and the health Argo CD must read from each.
var statusByState = map[string]string{
	"fresh":               "Progressing",
	"provisioning":        "Progressing",
	"ready":               "Healthy",
	"stale-generation":    "Progressing",
	"stalled":             "Degraded",
	"observe-out-of-sync": "Degraded",
	"paused":              "Suspended",
	"deletion-paused":     "Suspended",
	"deleting":            "Progressing",
	"security-advisory":   "Healthy",
}

func TestObjectsFromThisBuild(t *testing.T) {
	dir := os.Getenv("FRESH_TESTDATA")
	if dir == "" {
		t.Skip("FRESH_TESTDATA not set: run by .ci/run after the Maven tests")
	}
	for state, want := range statusByState {
		got := evaluate(t, filepath.Join(dir, state+".yaml"))
		t.Logf("%s: %s: %s", state, got.Status, got.Message)
		if got.Status != want {
			t.Errorf("%s: got %+v, want status %s", state, got, want)
		}
		if got.Message == "" {
			t.Errorf("%s: no message", state)
		}
	}
}

func evaluate(t *testing.T, path string) health {
	t.Helper()
	raw, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	asJSON, err := yaml.YAMLToJSON(raw)
	if err != nil {
		t.Fatal(err)
	}
	var object interface{}
	if err := json.Unmarshal(asJSON, &object); err != nil {
		t.Fatal(err)
	}
	script, err := os.ReadFile(filepath.Join(customization, "health.lua"))
	if err != nil {
		t.Fatal(err)
	}
	state := lua.NewState(lua.Options{SkipOpenLibs: true})
	defer state.Close()
	for _, open := range []struct {
		name string
		fn   lua.LGFunction
	}{{lua.LoadLibName, lua.OpenPackage}, {lua.BaseLibName, lua.OpenBase}, {lua.TabLibName, lua.OpenTable},
		{lua.StringLibName, lua.OpenString}, {lua.MathLibName, lua.OpenMath}} {
		state.Push(state.NewFunction(open.fn))
		state.Push(lua.LString(open.name))
		state.Call(1, 0)
	}
	state.SetGlobal("obj", toLua(state, object))
	if err := state.DoString(string(script)); err != nil {
		t.Fatalf("%s: %v", path, err)
	}
	result, ok := state.Get(-1).(*lua.LTable)
	if !ok {
		t.Fatalf("%s: health.lua returned no table", path)
	}
	return health{Status: lua.LVAsString(result.RawGetString("status")),
		Message: strings.TrimSpace(lua.LVAsString(result.RawGetString("message")))}
}

func toLua(state *lua.LState, value interface{}) lua.LValue {
	switch v := value.(type) {
	case map[string]interface{}:
		table := state.NewTable()
		for key, item := range v {
			table.RawSetString(key, toLua(state, item))
		}
		return table
	case []interface{}:
		table := state.NewTable()
		for _, item := range v {
			table.Append(toLua(state, item))
		}
		return table
	case float64:
		return lua.LNumber(v)
	case bool:
		return lua.LBool(v)
	case string:
		return lua.LString(v)
	default:
		return lua.LNil
	}
}
