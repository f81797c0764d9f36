// Command standin-random serves the stand-in hashicorp/random provider
// (internal/standin/random). Terraform starts it; it is not run by hand.
package main

import (
	"context"
	"flag"
	"log"
	"os"
	"time"

	"github.com/hashicorp/terraform-plugin-framework/providerserver"

	"github.com/platform-team/webstack/internal/standin/random"
)

func main() {
	debug := flag.Bool("debug", false, "run with support for debuggers")
	flag.Parse()
	go exitWithParent(os.Getppid())
	err := providerserver.Serve(context.Background(), random.New, providerserver.ServeOpts{
		Address: random.Address,
		Debug:   *debug,
	})
	if err != nil {
		log.Fatal(err)
	}
}

// exitWithParent ends the provider when Terraform, which started it, is gone
// (killed, so it could not stop its plugins): a plugin left running would
// outlive every deploy that used it. A new parent (init) means the old one died.
func exitWithParent(parent int) {
	for range time.Tick(time.Second) {
		if os.Getppid() != parent {
			os.Exit(0)
		}
	}
}
