//go:build !unix

package jsiirt

// QuietNodeBanner does nothing where a program cannot run itself again.
func QuietNodeBanner() {}
