package stacks

import (
	"os"
	"reflect"
	"regexp"
	"slices"
	"strings"
	"testing"

	"github.com/platform-team/webstack/stacks/config"
)

// The README's configuration table lists exactly the keys Config has.
func TestReadmeTableListsEveryKey(t *testing.T) {
	data, err := os.ReadFile("../README.md")
	if err != nil {
		t.Fatal(err)
	}
	cell := regexp.MustCompile("^\\| (`[a-z_.0-9]+`(?:, `[a-z_.0-9]+`)*) \\|")
	var documented []string
	for _, line := range strings.Split(string(data), "\n") {
		m := cell.FindStringSubmatch(line)
		if m == nil {
			continue
		}
		parent := ""
		for _, k := range strings.Split(m[1], ", ") {
			k = strings.Trim(k, "`")
			if strings.HasPrefix(k, ".") { // "`health_check.interval`, `.timeout`"
				k = parent + k
			} else if i := strings.LastIndex(k, "."); i > 0 {
				parent = k[:i]
			}
			documented = append(documented, k)
		}
	}
	slices.Sort(documented)
	if keys := configKeys("", reflect.TypeOf(config.Config{})); !slices.Equal(documented, keys) {
		t.Errorf("README table keys differ from Config:\n README: %v\n Config: %v", documented, keys)
	}
}
