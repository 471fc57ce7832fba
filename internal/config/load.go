package config

import (
	"bytes"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"reflect"
	"regexp"
	"sort"
	"strconv"
	"strings"

	"github.com/go-viper/mapstructure/v2"
	"github.com/spf13/viper"
	"go.yaml.in/yaml/v3"
)

// keyDelim separates nested keys inside viper; rule ids contain dots, so the
// usual "." cannot be used.
const keyDelim = "::"

// Options tell Load where to look.
type Options struct {
	// Path is the file given with --config; empty means dbcd.yaml in Dir.
	Path string
	// Dir is the working directory; empty means the process's.
	Dir string
	// Getenv reads the environment (for DBCD_* overrides and ${VAR}).
	Getenv func(string) string
}

// ErrNotFound is wrapped by Load's error when there is no configuration file.
var ErrNotFound = errors.New("configuration file not found")

// Load reads, expands and validates the configuration. When the file has
// problems it returns an *Error listing all of them (and, when the file could
// be read at all, the partially decoded configuration).
func Load(opts Options) (*Config, error) {
	getenv := opts.Getenv
	if getenv == nil {
		getenv = os.Getenv
	}
	path := opts.Path
	if path == "" {
		path = FileName
	}
	display := path
	if !filepath.IsAbs(path) && opts.Dir != "" {
		path = filepath.Join(opts.Dir, path)
	}
	data, err := os.ReadFile(path)
	if err != nil {
		if errors.Is(err, fs.ErrNotExist) {
			return nil, fmt.Errorf("%s: %w (run `dbcd init` to write one, or pass --config)", display, ErrNotFound)
		}
		return nil, fmt.Errorf("reading %s: %w", display, err)
	}
	abs, err := filepath.Abs(path)
	if err != nil {
		return nil, err
	}
	cfg, ps := parse(data, getenv)
	if cfg != nil {
		cfg.Path, cfg.Root = abs, filepath.Dir(abs)
	}
	if len(ps) > 0 {
		return cfg, &Error{File: display, Problems: ps}
	}
	return cfg, nil
}

var yamlLine = regexp.MustCompile(`line (\d+)`)

// parse turns the bytes of dbcd.yaml into a Config and its problems.
func parse(data []byte, getenv func(string) string) (*Config, []Problem) {
	ps := &problems{pos: map[string][2]int{}}
	var doc yaml.Node
	if err := yaml.Unmarshal(data, &doc); err != nil {
		p := Problem{Code: "syntax", Message: "invalid YAML: " + strings.TrimPrefix(err.Error(), "yaml: "),
			Help: "fix the YAML syntax; a YAML linter shows the exact spot"}
		if m := yamlLine.FindStringSubmatch(err.Error()); m != nil {
			p.Line, _ = strconv.Atoi(m[1])
			p.Column = 1
		}
		return nil, []Problem{p}
	}
	if len(doc.Content) == 0 {
		return nil, []Problem{{Code: "empty", Message: "the file is empty", Help: "run `dbcd init` for a starter configuration"}}
	}
	root := doc.Content[0]
	if root.Kind != yaml.MappingNode {
		return nil, []Problem{{Line: root.Line, Column: root.Column, Code: "wrong-type",
			Message: "the file must be a mapping of keys (migrations:, stages:, ...), got " + describe(root)}}
	}
	checkNode(ps, "", root, reflect.TypeOf(Config{}))
	shapeProblems := len(ps.list)
	for _, p := range ps.list {
		if p.Code == "duplicate-key" {
			return nil, ps.sorted()
		}
	}

	v := viper.NewWithOptions(viper.KeyDelimiter(keyDelim))
	v.SetConfigType("yaml")
	if err := v.ReadConfig(bytes.NewReader(data)); err != nil {
		ps.add("", "syntax", "", "invalid YAML: %v", err)
		return nil, ps.sorted()
	}
	for k, val := range defaults {
		v.SetDefault(k, val)
	}
	fromEnv := map[string]string{} // dotted key -> variable name
	for _, key := range leafKeys(reflect.TypeOf(Config{}), "") {
		name := "DBCD_" + strings.ToUpper(strings.ReplaceAll(key, keyDelim, "_"))
		if val := getenv(name); val != "" {
			v.Set(key, val)
			fromEnv[strings.ReplaceAll(key, keyDelim, ".")] = name
		}
	}

	settings := v.AllSettings()
	expanded := map[string]bool{}
	expandTree(ps, "", settings, getenv, expanded)

	cfg := &Config{}
	dec, err := mapstructure.NewDecoder(&mapstructure.DecoderConfig{
		Result:           cfg,
		WeaklyTypedInput: true,
		DecodeHook:       mapstructure.ComposeDecodeHookFunc(durationHook, ruleConfigHook),
	})
	if err != nil {
		ps.add("", "internal", "", "%v", err)
		return nil, ps.sorted()
	}
	if err := dec.Decode(settings); err != nil && shapeProblems == 0 {
		for _, line := range decodeErrors(err) {
			key, msg := line[0], line[1]
			if env, ok := fromEnv[key]; ok {
				msg += " (from " + env + ")"
			}
			ps.add(key, "bad-value", "", "%s", msg)
		}
	}
	validate(ps, cfg, expanded)
	return cfg, ps.sorted()
}

// leafKeys lists the scalar keys of t reachable without passing through a
// list or a map: those a DBCD_* variable can override.
func leafKeys(t reflect.Type, prefix string) []string {
	var keys []string
	for i := 0; i < t.NumField(); i++ {
		f := t.Field(i)
		tag := f.Tag.Get("mapstructure")
		if tag == "" || tag == "-" {
			continue
		}
		key := tag
		if prefix != "" {
			key = prefix + keyDelim + tag
		}
		switch {
		case f.Type == durationType:
			keys = append(keys, key)
		case f.Type.Kind() == reflect.Struct:
			keys = append(keys, leafKeys(f.Type, key)...)
		case f.Type.Kind() == reflect.String, f.Type.Kind() == reflect.Int, f.Type.Kind() == reflect.Bool:
			keys = append(keys, key)
		}
	}
	sort.Strings(keys)
	return keys
}

// expandTree expands ${VAR} in every string of the settings tree, recording
// which keys received a variable's value (their values are never quoted in
// messages) and reporting unset variables by name.
func expandTree(ps *problems, path string, node any, getenv func(string) string, expanded map[string]bool) any {
	switch n := node.(type) {
	case map[string]any:
		for _, k := range sortedKeys(n) {
			n[k] = expandTree(ps, join(path, k), n[k], getenv, expanded)
		}
	case []any:
		for i := range n {
			n[i] = expandTree(ps, fmt.Sprintf("%s[%d]", path, i), n[i], getenv, expanded)
		}
	case string:
		out, missing, err := expandVars(n, getenv)
		if err != nil {
			ps.add(path, "bad-variable", "", "%v", err)
			return n
		}
		for _, name := range missing {
			ps.add(path, "unset-variable", "set it in the environment (in Bitbucket: a secured repository or deployment variable), or give a default with ${"+name+":-value}",
				"environment variable %s is not set", name)
		}
		if out != n {
			expanded[path] = true
		}
		return out
	}
	return node
}

func durationHook(from, to reflect.Type, data any) (any, error) {
	if to != durationType {
		return data, nil
	}
	switch d := data.(type) {
	case string:
		v, err := parseDuration(d)
		return Duration(v), err
	case int:
		if d == 0 {
			return Duration(0), nil
		}
		return nil, fmt.Errorf("a duration needs a unit, e.g. %ds", d)
	}
	return data, nil
}

func ruleConfigHook(from, to reflect.Type, data any) (any, error) {
	if to != ruleConfigType {
		return data, nil
	}
	switch d := data.(type) {
	case string:
		return RuleConfig{Level: d}, nil
	case map[string]any:
		rc := RuleConfig{Options: map[string]any{}}
		for k, v := range d {
			if k == "level" {
				rc.Level = fmt.Sprint(v)
				continue
			}
			rc.Options[k] = v
		}
		return rc, nil
	}
	return RuleConfig{Level: fmt.Sprint(data)}, nil
}

// decodeErrors splits a mapstructure error into (key, message) pairs.
func decodeErrors(err error) [][2]string {
	var out [][2]string
	var walk func(error)
	walk = func(e error) {
		if j, ok := e.(interface{ Unwrap() []error }); ok {
			for _, x := range j.Unwrap() {
				walk(x)
			}
			return
		}
		var de *mapstructure.DecodeError
		if errors.As(e, &de) {
			out = append(out, [2]string{de.Name(), de.Unwrap().Error()})
			return
		}
		out = append(out, [2]string{"", e.Error()})
	}
	walk(err)
	return out
}
