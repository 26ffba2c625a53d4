package report

import (
	"os"
	"reflect"
	"strings"
	"testing"
)

// TestContentDocCoversKeys checks that docs/content.md, the contract as
// authors read it, names every key a source file may write: a key added
// to the model without a word for the people who write reports fails here.
func TestContentDocCoversKeys(t *testing.T) {
	t.Parallel()
	data, err := os.ReadFile("../../docs/content.md")
	if err != nil {
		t.Fatal(err)
	}
	doc := string(data)
	seen := map[reflect.Type]bool{}
	var walk func(reflect.Type)
	walk = func(rt reflect.Type) {
		for rt.Kind() == reflect.Pointer || rt.Kind() == reflect.Slice {
			rt = rt.Elem()
		}
		if rt.Kind() != reflect.Struct || seen[rt] {
			return
		}
		seen[rt] = true
		for i := range rt.NumField() {
			f := rt.Field(i)
			name, _, _ := strings.Cut(f.Tag.Get("toml"), ",")
			if f.Anonymous && name == "" {
				walk(f.Type) // Data and Provenance: their keys are the struct's own
				continue
			}
			if name == "" || name == "-" {
				continue
			}
			// A key is named as it is written: alone, as a table or as
			// an array of tables.
			if !strings.Contains(doc, "`"+name+"`") && !strings.Contains(doc, "`["+name+"]`") && !strings.Contains(doc, "`[["+name+"]]`") {
				t.Errorf("docs/content.md does not name the key `%s` (%s.%s)", name, rt.Name(), f.Name)
			}
			walk(f.Type)
		}
	}
	for _, v := range []any{Config{}, Page{}, Report{}, Section{}} {
		walk(reflect.TypeOf(v))
	}
}
