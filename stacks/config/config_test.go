package config

import (
	"reflect"
	"testing"

	"github.com/platform-team/webstack/field"
)

// Decoding and the stack's own keys work without any part: an empty file is
// the defaults; the file's problems come with their keys; a Check's problem
// on a value the file could not give is dropped.
func TestParseAlone(t *testing.T) {
	env, ps := Parse("environments/dev.json", []byte(`{}`))
	if len(ps) > 0 || !reflect.DeepEqual(env.Config, Defaults("dev")) {
		t.Fatalf("an empty file is the defaults: %v %+v", ps, env.Config)
	}
	check := func(Config) Problems {
		return Problems{
			{Field: field.NewPath("app_port"), Kind: field.OutOfRange, Msg: "left out for its type: dropped"},
			{Field: field.NewPath("min_size"), Kind: field.OutOfRange, Msg: "kept"},
		}
	}
	_, ps = Parse("environments/dev.json", []byte(`{"project": "Shop", "app_port": "80", "backend": {"type": "s3"}}`), check)
	got := map[string]field.Kind{}
	for _, p := range ps {
		got[p.Field.String()] = p.Kind
		if p.File != "environments/dev.json" {
			t.Errorf("problem without its file: %v", p)
		}
	}
	want := map[string]field.Kind{"project": field.Invalid, "app_port": KindType, "backend.bucket": field.Invalid,
		"backend.key": field.Invalid, "min_size": field.OutOfRange}
	if !reflect.DeepEqual(got, want) {
		t.Errorf("problems %v\nwant %v", got, want)
	}
}

// A file-level problem (a byte-order mark, UTF-16, a bad file name) comes
// with the file's other problems, not instead of them.
func TestEncodingProblemsDoNotHideOthers(t *testing.T) {
	utf16 := []byte{0xFF, 0xFE}
	for _, r := range `{"az_cont": 3, "region": "mars-1"}` {
		utf16 = append(utf16, byte(r), 0)
	}
	for name, tc := range map[string]struct {
		path string
		data []byte
		want []string
	}{
		"bom":       {"e/dev.json", append([]byte{0xEF, 0xBB, 0xBF}, `{"az_cont": 3, "region": "mars-1"}`...), []string{"", "az_cont", "region"}},
		"utf-16":    {"e/dev.json", utf16, []string{"", "az_cont", "region"}},
		"latin-1":   {"e/dev.json", []byte("{\"owner\": \"caf\xe9\", \"region\": \"mars-1\"}"), []string{"", "region"}},
		"file name": {"e/Dev.json", []byte(`{"environment": "dev", "region": "mars-1"}`), []string{"", "region"}},
	} {
		_, ps := Parse(tc.path, tc.data)
		var got []string
		for _, p := range ps {
			got = append(got, p.Field.String())
		}
		if !reflect.DeepEqual(got, tc.want) {
			t.Errorf("%s: problems on %q, want %q: %v", name, got, tc.want, ps)
		}
	}
}
