package pgschema

import (
	"encoding/binary"
	"errors"
	"fmt"
)

// ModelVersion is the version of the serialised model ([Schema.MarshalModel]).
// It changes whenever the model's fields, or what they hold, change, so that
// a model written by another dbcd is never taken for this one's: together
// with [FormatVersion] it is checked by [UnmarshalModel].
const ModelVersion = 1

// modelMagic starts every serialised model.
const modelMagic = "dbcd schema model\n"

// ErrModelVersion is returned (wrapped) by [UnmarshalModel] for a model
// written with another dump format or model version.
var ErrModelVersion = errors.New("schema model of another version")

// errModelCorrupt is returned (wrapped) by UnmarshalModel for bytes that are
// not a whole model.
var errModelCorrupt = errors.New("malformed schema model")

// MarshalModel serialises the schema: everything [Schema.Dump], [Compare]
// and [Object] give, so that [UnmarshalModel] returns a schema that dumps
// to the same bytes and compares equal. The form is compact binary: a magic
// line, [FormatVersion] and [ModelVersion], then the objects in dump order,
// each string length-prefixed; catalog OIDs and dependency edges, which
// only Inspect's ordering needs, are left out. The same schema always gives
// the same bytes.
func (s *Schema) MarshalModel() ([]byte, error) {
	e := &encoder{buf: make([]byte, 0, 1<<16)}
	e.buf = append(e.buf, modelMagic...)
	e.uint(FormatVersion)
	e.uint(ModelVersion)
	e.uint(uint64(max(s.ServerVersion, 0)))
	e.strings(s.Unsupported)
	e.uint(uint64(len(s.objects)))
	for _, d := range s.objects {
		e.str(d.kind)
		e.str(d.name)
		e.uint(uint64(max(d.rank, 0)))
		for _, part := range [][]string{d.create, d.comments, d.owner, d.ownedSeqs, d.grants} {
			e.strings(part)
		}
		if d.table == nil {
			e.uint(0)
			continue
		}
		e.uint(1)
		e.table(d.table)
	}
	return e.buf, nil
}

// UnmarshalModel reads a model written by [Schema.MarshalModel]. It returns
// an error wrapping [ErrModelVersion] for a model of another dump format or
// model version, and an error for anything that is not a whole model.
func UnmarshalModel(data []byte) (*Schema, error) {
	if len(data) < len(modelMagic) || string(data[:len(modelMagic)]) != modelMagic {
		return nil, fmt.Errorf("%w: no model header", errModelCorrupt)
	}
	// One string for the whole model: every string read is a slice of it.
	d := &decoder{data: string(data[len(modelMagic):])}
	if format, model := d.uint(), d.uint(); d.err == nil && (format != FormatVersion || model != ModelVersion) {
		return nil, fmt.Errorf("%w (dump format %d, model %d; want %d, %d)", ErrModelVersion, format, model, FormatVersion, ModelVersion)
	}
	s := &Schema{ServerVersion: int(d.uint()), Unsupported: d.strings()}
	n := d.count()
	s.objects = make([]*definition, 0, n)
	for range n {
		def := &definition{kind: d.str(), name: d.str(), rank: int(d.uint())}
		def.create, def.comments, def.owner, def.ownedSeqs, def.grants = d.strings(), d.strings(), d.strings(), d.strings(), d.strings()
		switch d.uint() {
		case 0:
		case 1:
			def.table = d.table()
		default:
			d.fail()
		}
		if d.err == nil && (def.kind == "" || def.name == "" || (def.kind == "table") != (def.table != nil)) {
			d.fail()
		}
		if d.err != nil {
			break
		}
		s.objects = append(s.objects, def)
	}
	if d.err == nil && d.data != "" {
		d.fail()
	}
	if d.err != nil {
		return nil, fmt.Errorf("reading the schema model: %w", d.err)
	}
	return s, nil
}

type encoder struct{ buf []byte }

func (e *encoder) uint(v uint64) { e.buf = binary.AppendUvarint(e.buf, v) }

func (e *encoder) bool(v bool) {
	if v {
		e.uint(1)
	} else {
		e.uint(0)
	}
}

func (e *encoder) str(s string) {
	e.uint(uint64(len(s)))
	e.buf = append(e.buf, s...)
}

func (e *encoder) strings(list []string) {
	e.uint(uint64(len(list)))
	for _, s := range list {
		e.str(s)
	}
}

func (e *encoder) table(t *Table) {
	for _, s := range []string{t.Schema, t.Name, t.PartitionKey, t.PartitionOf, t.PartitionBound, t.AccessMethod, t.ReplicaIdentity} {
		e.str(s)
	}
	for _, b := range []bool{t.Partitioned, t.Unlogged, t.RowSecurity, t.ForceRowSecurity} {
		e.bool(b)
	}
	e.strings(t.Options)
	e.strings(t.Inherits)
	e.columns(t.Columns)
	e.columns(t.Inherited)
}

func (e *encoder) columns(cols []Column) {
	e.uint(uint64(len(cols)))
	for i := range cols {
		c := &cols[i]
		for _, s := range []string{c.Name, c.Type, c.Collation, c.Default, c.Generated, c.Identity, c.IdentityOptions,
			c.Storage, c.Compression, c.Statistics} {
			e.str(s)
		}
		e.bool(c.NotNull)
		e.strings(c.Options)
	}
}

// decoder reads what encoder wrote. After the first error every read
// returns a zero value and err stays set.
type decoder struct {
	data string
	err  error
}

func (d *decoder) fail() {
	if d.err == nil {
		d.err = errModelCorrupt
	}
	d.data = ""
}

func (d *decoder) uint() uint64 {
	if d.err != nil {
		return 0
	}
	var v uint64
	for i := 0; i < len(d.data) && i < binary.MaxVarintLen64; i++ {
		b := d.data[i]
		v |= uint64(b&0x7f) << (7 * i)
		if b < 0x80 {
			d.data = d.data[i+1:]
			return v
		}
	}
	d.fail()
	return 0
}

// count reads a number of items, each of which takes at least a byte, so a
// corrupt count cannot make a large allocation.
func (d *decoder) count() int {
	n := d.uint()
	if n > uint64(len(d.data)) {
		d.fail()
		return 0
	}
	return int(n)
}

func (d *decoder) bool() bool {
	switch d.uint() {
	case 0:
		return false
	case 1:
		return true
	}
	d.fail()
	return false
}

func (d *decoder) str() string {
	n := d.uint()
	if n > uint64(len(d.data)) {
		d.fail()
		return ""
	}
	s := d.data[:n]
	d.data = d.data[n:]
	return s
}

func (d *decoder) strings() []string {
	n := d.count()
	if n == 0 {
		return nil
	}
	out := make([]string, n)
	for i := range out {
		out[i] = d.str()
	}
	return out
}

func (d *decoder) table() *Table {
	t := &Table{Schema: d.str(), Name: d.str(), PartitionKey: d.str(), PartitionOf: d.str(), PartitionBound: d.str(),
		AccessMethod: d.str(), ReplicaIdentity: d.str()}
	t.Partitioned, t.Unlogged, t.RowSecurity, t.ForceRowSecurity = d.bool(), d.bool(), d.bool(), d.bool()
	t.Options, t.Inherits = d.strings(), d.strings()
	t.Columns, t.Inherited = d.columns(), d.columns()
	return t
}

func (d *decoder) columns() []Column {
	n := d.count()
	if n == 0 {
		return nil
	}
	out := make([]Column, n)
	for i := range out {
		c := &out[i]
		c.Name, c.Type, c.Collation, c.Default, c.Generated = d.str(), d.str(), d.str(), d.str(), d.str()
		c.Identity, c.IdentityOptions, c.Storage, c.Compression, c.Statistics = d.str(), d.str(), d.str(), d.str(), d.str()
		c.NotNull = d.bool()
		c.Options = d.strings()
	}
	return out
}
