package tfhcl

import (
	"testing"

	"github.com/platform-team/webstack/internal/synthtest"
)

func TestMain(m *testing.M) { synthtest.Main(m) }
