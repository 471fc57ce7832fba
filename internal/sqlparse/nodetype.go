package sqlparse

import (
	"reflect"
	"sync"

	pg_query "github.com/pganalyze/pg_query_go/v5"
	"google.golang.org/protobuf/reflect/protoreflect"
)

// NodeType is the type of a parse-tree node: which message of the Node
// oneof it holds (AlterTableStmt, IndexStmt, ...). The zero NodeType is an
// empty node.
type NodeType int32

// nodeOneof is the oneof of pg_query.Node that holds the message.
var nodeOneof = (&pg_query.Node{}).ProtoReflect().Descriptor().Oneofs().ByName("node")

var (
	nodeTypesOnce sync.Once
	nodeTypes     map[string]NodeType
)

// typeOfWrapper caches TypeOf by the Go type of the oneof's wrapper
// (reflect.Type -> NodeType): protoreflect's WhichOneof took a quarter of
// a microsecond a statement.
var typeOfWrapper sync.Map

// TypeOf returns the type of n; 0 for a nil or empty node.
func TypeOf(n *Node) NodeType {
	if n == nil || n.Node == nil {
		return 0
	}
	wrapper := reflect.TypeOf(n.Node)
	if t, ok := typeOfWrapper.Load(wrapper); ok {
		return t.(NodeType)
	}
	var t NodeType
	if fd := n.ProtoReflect().WhichOneof(nodeOneof); fd != nil {
		t = NodeType(fd.Number())
	}
	typeOfWrapper.Store(wrapper, t)
	return t
}

// NodeTypeNamed returns the node type of the message name, as pg_query and
// PostgreSQL's parsenodes.h spell it ("AlterTableStmt"); ok is false for a
// name that is no node type.
func NodeTypeNamed(name string) (t NodeType, ok bool) {
	nodeTypesOnce.Do(func() {
		fields := nodeOneof.Fields()
		nodeTypes = make(map[string]NodeType, fields.Len())
		for i := range fields.Len() {
			fd := fields.Get(i)
			if fd.Kind() == protoreflect.MessageKind {
				nodeTypes[string(fd.Message().Name())] = NodeType(fd.Number())
			}
		}
	})
	t, ok = nodeTypes[name]
	return t, ok
}
