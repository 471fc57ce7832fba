package config

import (
	"fmt"
	"reflect"
	"sort"
	"strconv"
	"strings"

	"go.yaml.in/yaml/v3"

	"github.com/dbcd/dbcd/internal/suggest"
)

var (
	durationType   = reflect.TypeOf(Duration(0))
	ruleConfigType = reflect.TypeOf(RuleConfig{})
)

// checkNode walks the YAML document against the shape of t, recording the
// position of every key and reporting unknown keys, duplicate keys and values
// of the wrong type.
func checkNode(ps *problems, path string, n *yaml.Node, t reflect.Type) {
	if n.Kind == yaml.AliasNode && n.Alias != nil {
		n = n.Alias
	}
	if n.Kind == yaml.ScalarNode && n.Tag == "!!null" {
		return // an empty value: the default applies
	}
	switch t {
	case durationType:
		if n.Kind != yaml.ScalarNode {
			ps.addAt(n, path, "wrong-type", "", "expected a duration such as 5s or 10m, got %s", describe(n))
		} else if _, err := parseDuration(n.Value); err != nil {
			ps.addAt(n, path, "bad-value", "", "%v", err)
		}
		return
	case ruleConfigType:
		checkRuleConfig(ps, path, n)
		return
	}
	switch t.Kind() {
	case reflect.Struct:
		if n.Kind != yaml.MappingNode {
			ps.addAt(n, path, "wrong-type", "", "expected a mapping of keys, got %s", describe(n))
			return
		}
		fields := structFields(t)
		eachKey(ps, path, n, func(key string, kn, vn *yaml.Node) {
			ft, ok := fields[key]
			if !ok {
				ps.addAt(kn, join(path, key), "unknown-key", "valid keys here: "+strings.Join(sortedKeys(fields), ", "),
					"unknown key %q%s", key, suggestKey(key, sortedKeys(fields)))
				return
			}
			checkNode(ps, join(path, key), vn, ft)
		})
	case reflect.Map:
		if n.Kind != yaml.MappingNode {
			ps.addAt(n, path, "wrong-type", "", "expected a mapping, got %s", describe(n))
			return
		}
		eachKey(ps, path, n, func(key string, _ *yaml.Node, vn *yaml.Node) {
			checkNode(ps, join(path, key), vn, t.Elem())
		})
	case reflect.Slice:
		if n.Kind != yaml.SequenceNode {
			ps.addAt(n, path, "wrong-type", "", "expected a list, got %s", describe(n))
			return
		}
		for i, e := range n.Content {
			p := fmt.Sprintf("%s[%d]", path, i)
			ps.pos[strings.ToLower(p)] = [2]int{e.Line, e.Column}
			checkNode(ps, p, e, t.Elem())
		}
	case reflect.String:
		if n.Kind != yaml.ScalarNode {
			ps.addAt(n, path, "wrong-type", "", "expected a string, got %s", describe(n))
		}
	case reflect.Bool:
		if n.Kind != yaml.ScalarNode || n.Tag != "!!bool" {
			ps.addAt(n, path, "wrong-type", "", "expected true or false, got %s", describe(n))
		}
	case reflect.Int:
		if n.Kind != yaml.ScalarNode || n.Tag != "!!int" {
			ps.addAt(n, path, "wrong-type", "", "expected an integer, got %s", describe(n))
		}
	}
}

// checkRuleConfig accepts `rule: level` or `rule: {level: ..., option: ...}`.
func checkRuleConfig(ps *problems, path string, n *yaml.Node) {
	switch n.Kind {
	case yaml.ScalarNode:
		return
	case yaml.MappingNode:
		hasLevel := false
		eachKey(ps, path, n, func(key string, _ *yaml.Node, vn *yaml.Node) {
			if key == "level" {
				hasLevel = true
				if vn.Kind != yaml.ScalarNode {
					ps.addAt(vn, join(path, key), "wrong-type", "", "expected error, warning or off, got %s", describe(vn))
				}
			}
		})
		if !hasLevel {
			ps.addAt(n, path, "missing-key", "", "a rule with options needs a level (error, warning or off)")
		}
	default:
		ps.addAt(n, path, "wrong-type", "", "expected a level (error, warning, off) or a mapping with level and options, got %s", describe(n))
	}
}

// eachKey calls fn for each key of a mapping node, recording key positions
// and reporting keys given twice.
func eachKey(ps *problems, path string, n *yaml.Node, fn func(key string, kn, vn *yaml.Node)) {
	seen := map[string]int{}
	for i := 0; i+1 < len(n.Content); i += 2 {
		kn, vn := n.Content[i], n.Content[i+1]
		if kn.Kind == yaml.ScalarNode && kn.Tag == "!!merge" {
			ps.addAt(kn, path, "bad-value", "", "YAML merge keys (<<) are not supported in dbcd.yaml")
			continue
		}
		key := kn.Value
		p := join(path, key)
		if first, dup := seen[key]; dup {
			ps.addAt(kn, p, "duplicate-key", "", "key %q is given twice (first on line %d)", key, first)
			continue
		}
		seen[key] = kn.Line
		ps.pos[strings.ToLower(p)] = [2]int{kn.Line, kn.Column}
		fn(key, kn, vn)
	}
}

func (ps *problems) addAt(n *yaml.Node, key, code, help, format string, args ...any) {
	ps.list = append(ps.list, Problem{Key: key, Line: n.Line, Column: n.Column, Code: code,
		Message: fmt.Sprintf(format, args...), Help: help})
}

func structFields(t reflect.Type) map[string]reflect.Type {
	m := map[string]reflect.Type{}
	for i := 0; i < t.NumField(); i++ {
		f := t.Field(i)
		tag := f.Tag.Get("mapstructure")
		if tag == "" || tag == "-" {
			continue
		}
		m[tag] = f.Type
	}
	return m
}

func sortedKeys[V any](m map[string]V) []string {
	keys := make([]string, 0, len(m))
	for k := range m {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	return keys
}

func join(path, key string) string {
	if path == "" {
		return key
	}
	return path + "." + key
}

// describe names what a node holds, for "expected X, got Y" messages.
func describe(n *yaml.Node) string {
	switch n.Kind {
	case yaml.MappingNode:
		return "a mapping"
	case yaml.SequenceNode:
		return "a list"
	case yaml.ScalarNode:
		switch n.Tag {
		case "!!int", "!!float":
			return "the number " + n.Value
		case "!!bool":
			return "the boolean " + n.Value
		}
		return strconv.Quote(n.Value)
	}
	return "an unsupported value"
}

// suggestKey returns ` (did you mean "x"?)` for the closest known key.
func suggestKey(key string, known []string) string {
	if best := suggest.Closest(key, known); best != "" {
		return fmt.Sprintf(" (did you mean %q?)", best)
	}
	return ""
}
