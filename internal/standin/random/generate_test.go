package random

import (
	"strings"
	"testing"
)

func count(s, set string) int {
	n := 0
	for _, c := range s {
		if strings.ContainsRune(set, c) {
			n++
		}
	}
	return n
}

func TestGenerateHonoursSetsAndMinimums(t *testing.T) {
	override := "#"
	for _, tc := range []struct {
		name    string
		spec    StringSpec
		allowed string
	}{
		{"suffix", StringSpec{Length: 6, Lower: true, Numeric: true}, lowerChars + numericChars},
		{"defaults", StringSpec{Length: 32, Lower: true, Upper: true, Numeric: true, Special: true},
			lowerChars + upperChars + numericChars + DefaultSpecial},
		{"override special", StringSpec{Length: 20, Lower: true, Special: true, MinSpecial: 5, OverrideSpecial: &override},
			lowerChars + "#"},
		{"minimums", StringSpec{Length: 8, Lower: true, Upper: true, Numeric: true, MinLower: 2, MinUpper: 3, MinNumeric: 3},
			lowerChars + upperChars + numericChars},
	} {
		t.Run(tc.name, func(t *testing.T) {
			for i := 0; i < 200; i++ {
				s, err := Generate(tc.spec)
				if err != nil {
					t.Fatal(err)
				}
				if int64(len(s)) != tc.spec.Length {
					t.Fatalf("length %d", len(s))
				}
				if count(s, tc.allowed) != len(s) {
					t.Fatalf("%q has characters outside the enabled sets", s)
				}
				if count(s, lowerChars) < int(tc.spec.MinLower) || count(s, upperChars) < int(tc.spec.MinUpper) ||
					count(s, numericChars) < int(tc.spec.MinNumeric) {
					t.Fatalf("%q misses a minimum", s)
				}
				if tc.spec.OverrideSpecial != nil && count(s, *tc.spec.OverrideSpecial) < int(tc.spec.MinSpecial) {
					t.Fatalf("%q misses min_special", s)
				}
			}
		})
	}
}

func TestGenerateIsRandom(t *testing.T) {
	seen := map[string]bool{}
	for i := 0; i < 1000; i++ {
		s, _ := Generate(StringSpec{Length: 6, Lower: true, Numeric: true})
		seen[s] = true
	}
	// 36^6 ≈ 2.2e9 values: a thousand draws colliding more than once means a broken source.
	if len(seen) < 999 {
		t.Errorf("only %d distinct values in 1000 draws", len(seen))
	}
	// Every position must vary (the minimums are shuffled in, not left at the front).
	first := map[byte]bool{}
	for i := 0; i < 200; i++ {
		s, _ := Generate(StringSpec{Length: 4, Lower: true, Numeric: true, MinNumeric: 1})
		first[s[0]] = true
	}
	if len(first) < 15 {
		t.Errorf("the first character took only %d values", len(first))
	}
}

func TestGenerateRefusesImpossibleSpecs(t *testing.T) {
	for name, spec := range map[string]StringSpec{
		"zero length":      {Length: 0, Lower: true},
		"nothing enabled":  {Length: 5},
		"minimums too big": {Length: 3, Lower: true, Upper: true, MinLower: 2, MinUpper: 2},
		"negative minimum": {Length: 3, Lower: true, MinLower: -1},
	} {
		if _, err := Generate(spec); err == nil {
			t.Errorf("%s: accepted", name)
		}
	}
}
