package main

import (
	"context"
	"fmt"
	"net/http"
	"strings"
	"time"

	"github.com/platform-team/webstack/internal/tfharness"
	"github.com/platform-team/webstack/stacks/config"
)

// whyStopped explains a Terraform run that did not finish, when the reason
// is one a user needs told plainly: an interrupt, another run holding the
// state lock, state Terraform could not save, or an emulator that died. It
// returns nil for any other failure.
func (r *runner) whyStopped(ctx context.Context, env config.Environment, w *tfharness.Workspace, endpoint string, err error, command string) error {
	if errored := r.keepErroredState(env); errored != "" {
		return fmt.Errorf("%s of %s failed: %s", command, r.env, errored)
	}
	if ctx.Err() != nil {
		return r.interrupted(ctx, env, w, command)
	}
	if lock, held := tfharness.HeldLock(err); held {
		unlock := ""
		if lock.ID != "" {
			unlock = fmt.Sprintf(" If that run is gone (its process or machine died) and the lock stays, release it: "+
				"(cd %s && terraform force-unlock %s)", tfharness.Display(r.stackDir()), lock.ID)
		}
		return fmt.Errorf("%s of %s refused: another Terraform run holds the state lock of %s: %s. Nothing was changed; "+
			"wait for that run to finish, then run make %s ENV=%s again.%s", command, r.env, r.statePlace(env), lock, command, r.env, unlock)
	}
	if endpoint != "" && !answers(endpoint) {
		return fmt.Errorf("%s of %s stopped: the emulator at %s stopped answering during the run. The state (%s) is intact: "+
			"it holds what Terraform saved, which lived in that emulator's memory; make deploy ENV=%s starts afresh on a new emulator "+
			"(the state is moved aside, not deleted)\n(Terraform's full output: %s)", command, r.env, endpoint, r.statePlace(env), r.env, r.logFile())
	}
	return nil
}

// interrupted reports a run stopped by Ctrl-C (or SIGTERM): Terraform was
// told to stop, finished what it had started and saved the state.
func (r *runner) interrupted(ctx context.Context, env config.Environment, w *tfharness.Workspace, command string) error {
	verb := map[string]string{"deploy": "created", "destroy": "destroyed"}[command]
	done := r.prog.created
	if command == "destroy" {
		done = nil
	}
	say("interrupted: Terraform finished the operations it had started, saved the state and stopped")
	if command == "deploy" {
		say("%d resource(s) %s by this run%s", len(done), verb, listed(done, 12))
	} else {
		say("%d resource(s) %s by this run", r.prog.done, verb)
	}
	check, cancel := context.WithTimeout(context.WithoutCancel(ctx), 2*time.Minute)
	defer cancel()
	if inState, err := w.StateAddresses(check); err == nil {
		say("state is saved: %s holds %d resource(s)", r.statePlace(env), len(inState))
	} else {
		say("state: %s (it could not be listed: %v)", r.statePlace(env), err)
	}
	next := fmt.Sprintf("make deploy ENV=%s carries on from the saved state; make destroy ENV=%s removes what was created", r.env, r.env)
	if command == "destroy" {
		next = fmt.Sprintf("make destroy ENV=%s carries on", r.env)
	}
	return fmt.Errorf("%s of %s interrupted; next: %s", command, r.env, next)
}

// listed is ": a, b, c" for up to n items, with how many more.
func listed(items []string, n int) string {
	if len(items) == 0 {
		return ""
	}
	shown := items[:min(n, len(items))]
	s := ": " + strings.Join(shown, ", ")
	if more := len(items) - len(shown); more > 0 {
		s += fmt.Sprintf(" and %d more", more)
	}
	return s
}

// answers says whether something answers HTTP at endpoint.
func answers(endpoint string) bool {
	c := http.Client{Timeout: 3 * time.Second}
	resp, err := c.Get(strings.TrimRight(endpoint, "/") + "/moto-api/")
	if err != nil {
		return false
	}
	resp.Body.Close()
	return true
}
