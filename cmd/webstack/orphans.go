package main

import (
	"cmp"
	"context"
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"sort"
	"strings"

	"github.com/aws/aws-sdk-go-v2/aws"
	awsconfig "github.com/aws/aws-sdk-go-v2/config"
	"github.com/aws/aws-sdk-go-v2/credentials"
	"github.com/aws/aws-sdk-go-v2/service/s3"

	"github.com/platform-team/webstack/internal/orphans"
	"github.com/platform-team/webstack/internal/tfharness"
	"github.com/platform-team/webstack/stacks/config"
)

// importsFile holds the import blocks of an adopting deploy (ADOPT=1); it is
// removed when the deploy ends.
const importsFile = "webstack_adopt.tf.json"

// randomStrings lists the random_string resources of the synthesized stack
// that depend on nothing (no keepers): the stack's suffix, drawn before
// anything else.
func (r *runner) randomStrings() ([]string, error) {
	data, err := os.ReadFile(filepath.Join(r.stackDir(), "cdk.tf.json"))
	if err != nil {
		return nil, err
	}
	var c struct {
		Resource map[string]map[string]map[string]any `json:"resource"`
	}
	if err := json.Unmarshal(data, &c); err != nil {
		return nil, err
	}
	var out []string
	for name, body := range c.Resource["random_string"] {
		if body["keepers"] == nil && body["depends_on"] == nil {
			out = append(out, "random_string."+name)
		}
	}
	sort.Strings(out)
	return out, nil
}

// suffixFirst draws the stack's random suffixes, alone, before anything else
// is created, when the state has none: a run killed later then leaves only
// resources whose names end with a suffix the state knows, which the next
// deploy can find (see checkOrphans).
func (r *runner) suffixFirst(ctx context.Context, w *tfharness.Workspace) error {
	state, err := w.StatePull(ctx)
	if err != nil {
		return r.logged(err)
	}
	want, err := r.randomStrings()
	if err != nil {
		return err
	}
	have := orphans.Results(state)
	var missing []string
	for _, addr := range want {
		if _, ok := have[strings.TrimPrefix(addr, "random_string.")]; !ok {
			missing = append(missing, addr)
		}
	}
	if len(missing) == 0 {
		return nil
	}
	say("drawing the random suffixes first (%s), so whatever a killed run leaves carries a name the state knows",
		strings.Join(missing, ", "))
	return r.logged(w.ApplyTargets(ctx, missing))
}

// awsConfig reaches the account the stack deploys to: the emulator, or AWS
// with the caller's credentials (as the provider finds them).
func awsConfig(ctx context.Context, env config.Environment, endpoint string) (aws.Config, error) {
	if endpoint != "" {
		return aws.Config{Region: env.Config.Region, BaseEndpoint: aws.String(endpoint),
			Credentials: credentials.NewStaticCredentialsProvider("test", "test", "")}, nil
	}
	return awsconfig.LoadDefaultConfig(ctx, awsconfig.WithRegion(env.Config.Region))
}

// checkOrphans looks, before a deploy applies anything, for resources of
// this copy of the stack (its tags and its suffix) in the account that its
// state does not know: what a killed or interrupted run created after
// Terraform last saved state (or whose creation it gave up on). Applying
// would create them again beside the old ones, which would run on, billed,
// in no state. Each that is a resource of the configuration not yet in the
// state is adopted (an import block, so the apply takes it over); any other
// stops the deploy before it changes anything, with the command that
// deletes it.
func (r *runner) checkOrphans(ctx context.Context, w *tfharness.Workspace, env config.Environment, endpoint string) error {
	os.Remove(filepath.Join(r.stackDir(), importsFile)) // an earlier run's, killed before it removed it
	state, err := w.StatePull(ctx)
	if err != nil {
		return r.logged(err)
	}
	results := orphans.Results(state)
	if len(results) == 0 {
		return nil // nothing drawn, so nothing created
	}
	cfg, err := awsConfig(ctx, env, endpoint)
	if err != nil {
		return fmt.Errorf("looking for resources a killed run left: %w", err)
	}
	// Another run is applying (the state lock is held): what it created
	// since it last saved state is not orphaned, and the plan below is
	// refused by the lock, saying who holds it.
	if r.stateLocked(ctx, env, cfg) {
		return nil
	}
	known, err := orphans.Known(state)
	if err != nil {
		return err
	}
	copyOf := stackCopy(env, results)
	found, err := orphans.Scan(ctx, cfg, copyOf, known, endpoint != "")
	if err != nil {
		return fmt.Errorf("looking for resources a killed run left: %w", err)
	}
	configJSON, err := os.ReadFile(filepath.Join(r.stackDir(), "cdk.tf.json"))
	if err != nil {
		return err
	}
	if err := orphans.Match(found, configJSON, results); err != nil {
		return err
	}
	inState, err := tfharness.Addresses(state)
	if err != nil {
		return err
	}
	taken := map[string]bool{}
	for _, a := range inState {
		taken[a] = true
	}
	// What has no name of its own is found through what it attaches to,
	// which the state holds or this deploy adopts.
	refs := orphans.StateRefs(state)
	refs.Adopt(found)
	named, err := orphans.Probe(ctx, cfg, configJSON, refs, taken)
	if err != nil {
		return fmt.Errorf("looking for resources a killed run left: %w", err)
	}
	found = orphans.Merge(found, named)
	if len(found) == 0 {
		return nil
	}
	var adopt, remove []orphans.Orphan
	for _, o := range found {
		if o.Address != "" && !taken[o.Address] {
			taken[o.Address] = true
			adopt = append(adopt, o)
		} else {
			remove = append(remove, o)
		}
	}
	if len(remove) > 0 {
		var lines []string
		for _, o := range remove {
			why := "matches no resource of the configuration"
			if o.Address != "" {
				why = o.Address + " is in the state already, as another one"
			}
			lines = append(lines, fmt.Sprintf("    %s (%s)\n      delete: %s", o.ARN, why, o.RemoveCommand(endpoint)))
		}
		return fmt.Errorf("deploy of %s stopped before changing anything: %d resource(s) of this copy (suffix %s) exist but "+
			"are not in its state (%s) and cannot be adopted: left by an interrupted or killed run, they would stay, billed, "+
			"in no state:\n%s\nnext: delete them, then make deploy ENV=%s (it adopts the %d others it found)",
			r.env, len(remove), strings.Join(copyOf.Suffixes, ", "), r.statePlace(env), strings.Join(lines, "\n"), r.env, len(adopt))
	}
	data, n := orphans.ImportBlocks(adopt)
	var lines []string
	for _, o := range adopt {
		lines = append(lines, "    "+o.String())
	}
	say("adopting %d resource(s) an interrupted or killed run created but did not save in the state "+
		"(import blocks in %s):\n%s", n, filepath.Join(tfharness.Display(r.stackDir()), importsFile), strings.Join(lines, "\n"))
	return os.WriteFile(filepath.Join(r.stackDir(), importsFile), data, 0o644)
}

// checkLeftovers fails a destroy that left anything of the stack copy whose
// state was before (its tags and suffixes) in the account.
func (r *runner) checkLeftovers(ctx context.Context, env config.Environment, endpoint string, before []byte) error {
	results := orphans.Results(before)
	if len(results) == 0 {
		return nil
	}
	copyOf := stackCopy(env, results)
	cfg, err := awsConfig(ctx, env, endpoint)
	if err != nil {
		return err
	}
	left, err := orphans.Leftovers(ctx, cfg, copyOf, endpoint != "")
	if err != nil {
		return fmt.Errorf("looking for anything destroy left: %w", err)
	}
	if len(left) == 0 {
		say("nothing of this copy (suffix %s) is left in the account", strings.Join(copyOf.Suffixes, ", "))
		return nil
	}
	var lines []string
	for _, o := range left {
		lines = append(lines, fmt.Sprintf("    %s\n      delete: %s", o.ARN, o.RemoveCommand(endpoint)))
	}
	return fmt.Errorf("destroy of %s finished, but %d resource(s) of this copy (suffix %s) are still in the account, "+
		"in no state (an interrupted or killed run made them):\n%s", r.env, len(left), strings.Join(copyOf.Suffixes, ", "),
		strings.Join(lines, "\n"))
}

// stateLocked says whether another run holds the state lock: a lock on the
// local state file, or the lock object next to the S3 state.
func (r *runner) stateLocked(ctx context.Context, env config.Environment, cfg aws.Config) bool {
	b := env.Config.Backend
	if b.Type == config.BackendLocal {
		return locked(r.statePath(env))
	}
	region := cmp.Or(b.Region, env.Config.Region)
	client := s3.NewFromConfig(cfg, func(o *s3.Options) { o.Region = region; o.UsePathStyle = cfg.BaseEndpoint != nil })
	_, err := client.HeadObject(ctx, &s3.HeadObjectInput{Bucket: aws.String(b.Bucket), Key: aws.String(b.Key + ".tflock")})
	return err == nil
}

// stackCopy is how the account knows this copy of env's stack: its tags and
// the suffixes its state drew (results).
func stackCopy(env config.Environment, results map[string]string) orphans.Copy {
	c := env.Config
	copyOf := orphans.Copy{Tags: map[string]string{"Project": c.Project, "Environment": c.Environment, "ManagedBy": config.ManagedBy}}
	for _, v := range results {
		copyOf.Suffixes = append(copyOf.Suffixes, v)
	}
	slices.Sort(copyOf.Suffixes)
	return copyOf
}
