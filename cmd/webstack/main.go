// Command webstack holds the project's tools beside the cdktf app (main.go):
//
//	webstack rules                 print the security policy's rule table
package main

import (
	"fmt"
	"os"

	"webstack/policy"
	"webstack/policy/rules"
)

const usage = `usage: webstack <command>

commands:
  rules     print the security policy's rules (id, severity, description, control ids)`

func main() {
	if len(os.Args) < 2 {
		fmt.Fprintln(os.Stderr, usage)
		os.Exit(2)
	}
	switch os.Args[1] {
	case "rules":
		fmt.Print(policy.Table(rules.All()))
	default:
		fmt.Fprintln(os.Stderr, usage)
		os.Exit(2)
	}
}
