// Package iostreams holds the standard streams of one dbcd invocation and
// decides, once, whether output is coloured.
package iostreams

import (
	"bytes"
	"io"
	"os"

	"github.com/mattn/go-isatty"
)

// IOStreams are the input and output streams of one command invocation.
type IOStreams struct {
	In     io.Reader
	Out    io.Writer
	ErrOut io.Writer

	inTTY, outTTY, errTTY bool
	color                 bool
}

// System returns the process's streams. Colour is on when standard output is
// a terminal, NO_COLOR is not set (https://no-color.org) and TERM is not "dumb";
// getenv is how the environment is read.
func System(getenv func(string) string) *IOStreams {
	s := &IOStreams{
		In:     os.Stdin,
		Out:    os.Stdout,
		ErrOut: os.Stderr,
		inTTY:  isTerminal(os.Stdin),
		outTTY: isTerminal(os.Stdout),
		errTTY: isTerminal(os.Stderr),
	}
	s.color = s.outTTY && getenv("NO_COLOR") == "" && getenv("TERM") != "dumb"
	return s
}

func isTerminal(f *os.File) bool {
	return isatty.IsTerminal(f.Fd()) || isatty.IsCygwinTerminal(f.Fd())
}

// Test returns streams backed by buffers, with no terminal and no colour.
func Test() (s *IOStreams, in, out, errOut *bytes.Buffer) {
	in, out, errOut = &bytes.Buffer{}, &bytes.Buffer{}, &bytes.Buffer{}
	return &IOStreams{In: in, Out: out, ErrOut: errOut}, in, out, errOut
}

// ColorEnabled reports whether output may use colour and styling.
func (s *IOStreams) ColorEnabled() bool { return s.color }

// DisableColor turns colour off, as --no-color does.
func (s *IOStreams) DisableColor() { s.color = false }

// SetTTY marks the streams as terminals (or not), for tests.
func (s *IOStreams) SetTTY(in, out, errOut bool) { s.inTTY, s.outTTY, s.errTTY = in, out, errOut }

// SetColorEnabled forces colour on or off, for tests.
func (s *IOStreams) SetColorEnabled(on bool) { s.color = on }

// IsStdinTTY reports whether standard input is a terminal; prompts are only
// shown when it is.
func (s *IOStreams) IsStdinTTY() bool { return s.inTTY }

// IsStdoutTTY reports whether standard output is a terminal.
func (s *IOStreams) IsStdoutTTY() bool { return s.outTTY }

// IsStderrTTY reports whether standard error is a terminal; live progress
// is drawn there only when it is.
func (s *IOStreams) IsStderrTTY() bool { return s.errTTY }
