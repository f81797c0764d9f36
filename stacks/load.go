package stacks

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
)

// Environment is one loaded, defaulted and validated environment file.
type Environment struct {
	ID     string // the stack id: the file's base name without .json
	File   string // the path the file was read from
	Config Config
}

// stackID is what a file's base name must look like to be a stack id (and a
// directory under cdktf.out/stacks).
var stackID = regexp.MustCompile(`^[a-z0-9][a-z0-9-]{0,62}$`)

// LoadDir loads every *.json file in dir. It returns all problems of all
// files together, as Problems, so one run shows everything to fix.
func LoadDir(dir string) ([]Environment, error) {
	paths, err := filepath.Glob(filepath.Join(dir, "*.json"))
	if err != nil {
		return nil, err
	}
	if len(paths) == 0 {
		return nil, Problems{{File: dir, Msg: "no environment files (*.json) found; add one, e.g. environments/dev.json"}}
	}
	sort.Strings(paths)
	return LoadFiles(paths...)
}

// LoadFiles loads the given environment files; see LoadDir.
func LoadFiles(paths ...string) ([]Environment, error) {
	var envs []Environment
	var problems Problems
	for _, path := range paths {
		data, err := os.ReadFile(path)
		if err != nil {
			problems = append(problems, Problem{File: path, Msg: err.Error()})
			continue
		}
		env, ps := Parse(path, data)
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

// Parse reads one environment file's content. path names the file in
// problems and gives the stack id.
func Parse(path string, data []byte) (Environment, Problems) {
	id := strings.TrimSuffix(filepath.Base(path), ".json")
	env := Environment{ID: id, File: path, Config: Defaults(id)}
	if !stackID.MatchString(id) {
		return env, Problems{{File: path, Msg: fmt.Sprintf("file name %q: the stack id must be lowercase letters, "+
			"digits and hyphens, starting with a letter or digit (e.g. dev.json, prod-eu.json)", id)}}
	}

	var raw any
	if err := strictUnmarshal(data, &raw); err != nil {
		return env, Problems{{File: path, Msg: describeSyntaxError(data, err)}}
	}
	if _, ok := raw.(map[string]any); !ok {
		return env, Problems{{File: path, Msg: "must hold a JSON object ({ ... }) of configuration keys"}}
	}
	// Check the shape first: it reports every unknown key and wrong type at
	// once, where encoding/json would stop at the first.
	if ps := checkShape(path, "", raw, configType); len(ps) > 0 {
		return env, ps
	}
	dec := json.NewDecoder(bytes.NewReader(data))
	dec.DisallowUnknownFields()
	if err := dec.Decode(&env.Config); err != nil { // the shape check makes this unreachable in practice
		return env, Problems{{File: path, Msg: err.Error()}}
	}
	ps := env.Config.Validate()
	for i := range ps {
		ps[i].File = path
	}
	return env, ps
}

func strictUnmarshal(data []byte, v any) error {
	dec := json.NewDecoder(bytes.NewReader(data))
	dec.UseNumber()
	if err := dec.Decode(v); err != nil {
		return err
	}
	if dec.More() {
		return errors.New("unexpected content after the JSON object")
	}
	if _, err := dec.Token(); err == nil {
		return errors.New("unexpected content after the JSON object")
	}
	return nil
}

// describeSyntaxError turns a decoding error into "line L, column C: ...".
func describeSyntaxError(data []byte, err error) string {
	var se *json.SyntaxError
	if errors.As(err, &se) {
		line, col := position(data, se.Offset)
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
