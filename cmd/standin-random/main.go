// Command standin-random serves the stand-in hashicorp/random provider
// (internal/standin/random). Terraform starts it; it is not run by hand.
package main

import (
	"context"
	"flag"
	"log"

	"github.com/hashicorp/terraform-plugin-framework/providerserver"

	"github.com/platform-team/webstack/internal/standin/random"
)

func main() {
	debug := flag.Bool("debug", false, "run with support for debuggers")
	flag.Parse()
	err := providerserver.Serve(context.Background(), random.New, providerserver.ServeOpts{
		Address: random.Address,
		Debug:   *debug,
	})
	if err != nil {
		log.Fatal(err)
	}
}
