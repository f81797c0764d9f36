package random

import (
	"crypto/rand"
	"fmt"
	"math/big"
)

// Character sets of random_string, as hashicorp/random defines them.
const (
	lowerChars   = "abcdefghijklmnopqrstuvwxyz"
	upperChars   = "ABCDEFGHIJKLMNOPQRSTUVWXYZ"
	numericChars = "0123456789"
	// DefaultSpecial is the special set when override_special is unset.
	DefaultSpecial = "!@#$%&*()-_=+[]{}<>:?"
)

// StringSpec is what random_string's arguments ask for.
type StringSpec struct {
	Length                                     int64
	Lower, Upper, Numeric, Special             bool
	MinLower, MinUpper, MinNumeric, MinSpecial int64
	OverrideSpecial                            *string // nil: DefaultSpecial
}

// Generate returns a string drawn from crypto/rand that satisfies spec: every
// minimum met, every other character from the union of enabled sets, in a
// uniformly shuffled order.
func Generate(spec StringSpec) (string, error) {
	special := DefaultSpecial
	if spec.OverrideSpecial != nil {
		special = *spec.OverrideSpecial
	}
	sets := []struct {
		on    bool
		chars string
		min   int64
		name  string
	}{
		{spec.Lower, lowerChars, spec.MinLower, "min_lower"},
		{spec.Upper, upperChars, spec.MinUpper, "min_upper"},
		{spec.Numeric, numericChars, spec.MinNumeric, "min_numeric"},
		{spec.Special, special, spec.MinSpecial, "min_special"},
	}
	if spec.Length < 1 {
		return "", fmt.Errorf("length %d: must be at least 1", spec.Length)
	}
	var all string
	var required int64
	var out []byte
	for _, s := range sets {
		if s.min < 0 {
			return "", fmt.Errorf("%s %d: must not be negative", s.name, s.min)
		}
		required += s.min
		if !s.on || s.chars == "" {
			continue
		}
		all += s.chars
		for i := int64(0); i < s.min; i++ {
			c, err := pick(s.chars)
			if err != nil {
				return "", err
			}
			out = append(out, c)
		}
	}
	if required > spec.Length {
		return "", fmt.Errorf("length %d is less than the sum of the minimums (%d)", spec.Length, required)
	}
	if all == "" {
		return "", fmt.Errorf("every character set is disabled: enable lower, upper, numeric or special")
	}
	for int64(len(out)) < spec.Length {
		c, err := pick(all)
		if err != nil {
			return "", err
		}
		out = append(out, c)
	}
	// Fisher–Yates, so the minimum characters are not all at the front.
	for i := len(out) - 1; i > 0; i-- {
		j, err := rand.Int(rand.Reader, big.NewInt(int64(i+1)))
		if err != nil {
			return "", err
		}
		out[i], out[j.Int64()] = out[j.Int64()], out[i]
	}
	return string(out), nil
}

func pick(chars string) (byte, error) {
	n, err := rand.Int(rand.Reader, big.NewInt(int64(len(chars))))
	if err != nil {
		return 0, err
	}
	return chars[n.Int64()], nil
}
