package tfharness

import (
	"fmt"
	"regexp"
	"strings"
)

// LockInfo is what Terraform says of a state lock another run holds.
type LockInfo struct {
	ID, Path, Operation, Who, Created string
}

var lockField = regexp.MustCompile(`(?m)^[\s│]*(ID|Path|Operation|Who|Created):\s*(.*?)\s*$`)

// HeldLock reads a Terraform failure: ok when it failed because another run
// holds the state lock, with what Terraform says of that run.
func HeldLock(err error) (LockInfo, bool) {
	if err == nil || !strings.Contains(err.Error(), "Error acquiring the state lock") {
		return LockInfo{}, false
	}
	var info LockInfo
	for _, m := range lockField.FindAllStringSubmatch(err.Error(), -1) {
		switch m[1] {
		case "ID":
			info.ID = m[2]
		case "Path":
			info.Path = m[2]
		case "Operation":
			info.Operation = strings.TrimPrefix(m[2], "OperationType")
		case "Who":
			info.Who = m[2]
		case "Created":
			info.Created = m[2]
		}
	}
	return info, true
}

// String says who holds the lock and since when.
func (l LockInfo) String() string {
	if l == (LockInfo{}) {
		return "a Terraform process (Terraform gave no details: the lock is on the state file itself)"
	}
	op := strings.ToLower(l.Operation)
	if op == "" {
		op = "a Terraform run"
	}
	s := fmt.Sprintf("%s by %s", op, orUnknown(l.Who))
	if l.Created != "" {
		s += " since " + l.Created
	}
	return s
}

func orUnknown(s string) string {
	if s == "" {
		return "(unknown)"
	}
	return s
}
