package iostreams

import "testing"

func TestSystemColorDecision(t *testing.T) {
	// Under `go test` standard output is not a terminal, so colour is off
	// whatever the environment says.
	s := System(func(string) string { return "" })
	if s.IsStdoutTTY() && !s.ColorEnabled() {
		t.Fatal("terminal without NO_COLOR should be coloured")
	}
	if !s.IsStdoutTTY() && s.ColorEnabled() {
		t.Fatal("non-terminal output must not be coloured")
	}
	s = System(func(k string) string {
		if k == "NO_COLOR" {
			return "1"
		}
		return ""
	})
	if s.ColorEnabled() {
		t.Fatal("NO_COLOR must disable colour")
	}
}

func TestTestStreams(t *testing.T) {
	s, _, out, _ := Test()
	if s.ColorEnabled() || s.IsStdoutTTY() {
		t.Fatal("test streams must be plain")
	}
	s.SetColorEnabled(true)
	s.DisableColor()
	if s.ColorEnabled() {
		t.Fatal("DisableColor did not disable")
	}
	_, _ = s.Out.Write([]byte("x"))
	if out.String() != "x" {
		t.Fatalf("out = %q", out.String())
	}
}
