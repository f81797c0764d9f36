package reviewer

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
)

// Source reads files of the revision a change is reviewed against.
type Source interface {
	// name says what the base is, for the report: "main (54e5741)".
	name() string
	// read returns the file at path (relative to the project root) and
	// whether the base has it.
	read(path string) ([]byte, bool, error)
	// list returns the names of the files in dir that end in .json.
	list(dir string) ([]string, error)
}

// gitBase is a revision of the repository the command runs in.
type gitBase struct {
	rev, label string
}

// GitBase turns BASE into a revision: as given, or the merge base
// with the main branch (main, else origin/main), or HEAD when there is none.
func GitBase(ctx context.Context, rev string) (Source, error) {
	if _, err := git(ctx, "rev-parse", "--git-dir"); err != nil {
		return nil, errors.New("not in a git repository: give the base as -base-dir <a checkout of it>")
	}
	label := rev
	if rev == "" {
		rev, label = "HEAD", "HEAD"
		for _, branch := range []string{"main", "origin/main"} {
			if mb, err := git(ctx, "merge-base", "HEAD", branch); err == nil {
				rev, label = strings.TrimSpace(mb), "merge base with "+branch
				break
			}
		}
	}
	full, err := git(ctx, "rev-parse", "--verify", "--quiet", rev+"^{commit}")
	if err != nil {
		return nil, fmt.Errorf("BASE %q is not a commit of this repository (try a branch, a tag or a commit id)", rev)
	}
	sha := strings.TrimSpace(full)
	return gitBase{rev: sha, label: fmt.Sprintf("%s (%s)", label, sha[:min(len(sha), 9)])}, nil
}

func (g gitBase) name() string { return g.label }

func (g gitBase) read(path string) ([]byte, bool, error) {
	out, err := git(context.Background(), "show", g.rev+":./"+filepath.ToSlash(path))
	if err != nil {
		// git show fails the same way for a path the revision lacks.
		if exists, lsErr := git(context.Background(), "ls-tree", "--name-only", g.rev, "--", path); lsErr == nil && strings.TrimSpace(exists) == "" {
			return nil, false, nil
		}
		return nil, false, err
	}
	return []byte(out), true, nil
}

func (g gitBase) list(dir string) ([]string, error) {
	out, err := git(context.Background(), "ls-tree", "--name-only", g.rev, "--", dir+"/")
	if err != nil {
		return nil, err
	}
	var names []string
	for _, line := range strings.Split(strings.TrimSpace(out), "\n") {
		if strings.HasSuffix(line, ".json") {
			names = append(names, filepath.Base(line))
		}
	}
	return names, nil
}

func git(ctx context.Context, args ...string) (string, error) {
	cmd := exec.CommandContext(ctx, "git", args...)
	var stdout, stderr bytes.Buffer
	cmd.Stdout, cmd.Stderr = &stdout, &stderr
	if err := cmd.Run(); err != nil {
		return "", fmt.Errorf("git %s: %v: %s", strings.Join(args, " "), err, strings.TrimSpace(stderr.String()))
	}
	return stdout.String(), nil
}

// DirBase is a checkout of the base in a directory (a git worktree, or a
// copy CI made), laid out like the project.
type DirBase struct{ Dir string }

func (d DirBase) name() string { return d.Dir }

func (d DirBase) read(path string) ([]byte, bool, error) {
	data, err := os.ReadFile(filepath.Join(d.Dir, path))
	if errors.Is(err, os.ErrNotExist) {
		return nil, false, nil
	}
	return data, err == nil, err
}

func (d DirBase) list(dir string) ([]string, error) {
	paths, err := filepath.Glob(filepath.Join(d.Dir, dir, "*.json"))
	var names []string
	for _, p := range paths {
		names = append(names, filepath.Base(p))
	}
	return names, err
}
