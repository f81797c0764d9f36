package config

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"regexp"
	"sort"
	"strings"
	"unicode/utf8"

	"github.com/platform-team/webstack/field"
)

// Environment is one loaded, defaulted and validated environment file.
type Environment struct {
	ID     string // the stack id: the file's base name without .json
	File   string // the path the file was read from
	Config Config
}

// stackID is what a file's base name must look like to be a stack id (and a
// directory under cdktf.out/stacks).
var stackID = regexp.MustCompile(`^[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?$`)

// A Check validates a decoded configuration beyond what Validate covers: a
// part of the stack checking its section through its construct. A problem
// it reports on a value the file could not give (left out for its type, or
// a file that could not be read) is dropped: that value's own problem is
// reported already.
type Check func(Config) Problems

// LoadDir loads every *.json file in dir, validating each with Validate and
// checks. It returns all problems of all files together, as Problems, so one
// run shows everything to fix.
func LoadDir(dir string, checks ...Check) ([]Environment, error) {
	paths, err := filepath.Glob(filepath.Join(dir, "*.json"))
	if err != nil {
		return nil, err
	}
	if len(paths) == 0 {
		return nil, Problems{{File: dir, Msg: "no environment files (*.json) found; add one, e.g. environments/dev.json"}}
	}
	sort.Strings(paths)
	return LoadFiles(paths, checks...)
}

// LoadFiles loads the given environment files; see LoadDir.
func LoadFiles(paths []string, checks ...Check) ([]Environment, error) {
	var envs []Environment
	var problems Problems
	for _, path := range paths {
		data, err := os.ReadFile(path)
		if err != nil {
			problems = append(problems, Problem{File: path, Kind: KindSyntax, Msg: err.Error()})
			continue
		}
		env, ps := Parse(path, data, checks...)
		problems = append(problems, ps...)
		if len(ps) == 0 {
			envs = append(envs, env)
		}
	}
	if len(problems) > 0 {
		return nil, problems
	}
	return envs, nil
}

// Parse reads one environment file's content and validates it with Validate
// and checks. path names the file in problems and gives the stack id. It
// reports every problem of the file at once: an unknown key or a value of
// the wrong type is reported, left out, and the rest of the file is still
// validated.
func Parse(path string, data []byte, checks ...Check) (Environment, Problems) {
	id := strings.TrimSuffix(filepath.Base(path), ".json")
	env := Environment{ID: id, File: path, Config: Defaults(id)}
	// A file-level problem does not hide the file's other problems: what
	// can be read is still validated.
	var problems Problems
	fail := func(kind field.Kind, msg string) (Environment, Problems) {
		return env, append(problems, Problem{File: path, Kind: kind, Msg: msg})
	}
	if !stackID.MatchString(id) {
		problems = append(problems, Problem{File: path, Kind: KindFileName, Msg: fmt.Sprintf("file name %q: the stack id "+
			"must be 1 to 63 lowercase letters, digits and hyphens, starting and ending with a letter or digit "+
			"(e.g. dev.json, prod-eu.json)", id)})
	}
	data, msg, readable := text(data)
	badBytes := msg != "" && readable && !utf8.Valid(data)
	if msg != "" {
		problems = append(problems, Problem{File: path, Kind: KindEncoding, Msg: msg})
	}
	if !readable {
		return env, problems
	}
	raw, duplicates, err := decodeTree(data)
	if err != nil {
		return fail(KindSyntax, describeSyntaxError(data, err))
	}
	if _, ok := raw.(map[string]any); !ok {
		return fail(KindSyntax, "must hold a JSON object ({ ... }) of configuration keys")
	}
	problems = append(problems, duplicates...)
	sh := shaper{}
	clean, _ := sh.check(field.Path{}, raw, configType)
	problems = append(problems, sh.problems...)
	// Decode what is left: every key known and of the right type.
	cleaned, err := json.Marshal(clean)
	if err == nil {
		dec := json.NewDecoder(bytes.NewReader(cleaned))
		dec.DisallowUnknownFields()
		err = dec.Decode(&env.Config)
	}
	if err != nil { // the shape check makes this unreachable
		return fail(KindSyntax, err.Error())
	}
	// Files the environment names are read now, relative to its repository;
	// their content is then checked with everything else.
	fileProblems := env.Config.readApp(ProjectRoot(path))
	problems = append(problems, fileProblems...)
	found := env.Config.Validate()
	for _, check := range checks {
		found = append(found, check(env.Config)...)
	}
	for _, p := range found.Dedupe() {
		if sh.dropped(p.Field) || (len(fileProblems) > 0 && p.Field == userDataKey) {
			continue // the value was left out, or its file unread; its problem is already reported
		}
		if v, ok := p.Value.(string); ok && badBytes && strings.ContainsRune(v, utf8.RuneError) {
			continue // a value the encoding problem spoiled: reported with it
		}
		if p.Field.String() == "environment" && !has(raw, "environment") && !stackID.MatchString(id) {
			continue // the file name's problem, reported already
		}
		if p.Field.String() == "environment" && !has(raw, "environment") {
			p.Msg += ` (the file name gives the environment; set "environment" or rename the file)`
		}
		problems = append(problems, p)
	}
	for i := range problems {
		problems[i].File = path
	}
	return env, problems
}

func has(raw any, key string) bool {
	obj, _ := raw.(map[string]any)
	_, ok := obj[key]
	return ok
}

// describeSyntaxError turns a decoding error into "line L, column C: ...".
func describeSyntaxError(data []byte, err error) string {
	var se *json.SyntaxError
	if errors.As(err, &se) {
		line, col := position(data, se.Offset+1) // Offset counts the bytes before the bad one
		return fmt.Sprintf("invalid JSON at line %d, column %d: %v", line, col, se)
	}
	if errors.Is(err, io.EOF) || errors.Is(err, io.ErrUnexpectedEOF) {
		return "invalid JSON: the file is empty or ends too early"
	}
	return "invalid JSON: " + err.Error()
}

func position(data []byte, offset int64) (line, col int) {
	line, col = 1, 1
	for i := int64(0); i < offset-1 && i < int64(len(data)); i++ {
		if data[i] == '\n' {
			line, col = line+1, 1
		} else {
			col++
		}
	}
	return line, col
}
