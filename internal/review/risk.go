package review

// riskyTypes are resources whose replacement or destruction loses data or a
// name others depend on.
var riskyTypes = map[string]string{
	"aws_s3_bucket":            "stateful: its objects (access logs) go with it, and the name is free for anyone to take",
	"aws_lb":                   "name-bearing: a new load balancer has a new DNS name, and traffic drops while it is replaced",
	"aws_lb_target_group":      "name-bearing: listeners and the Auto Scaling group are re-attached",
	"aws_cloudwatch_log_group": "stateful: the logs it holds are deleted",
	"aws_kms_key":              "stateful: the old key is scheduled for deletion; what it encrypted becomes unreadable",
	"aws_autoscaling_group":    "runs the instances: a new group starts new ones and terminates the old",
}

// Risky says why replacing or destroying a resource of this type is risky.
func Risky(resourceType string) (why string, ok bool) {
	why, ok = riskyTypes[resourceType]
	return why, ok
}

// nameAttrs are the attributes that name a risky resource; AWS cannot rename
// those resources, so a change is very likely a replacement (the plan mode
// says for sure).
var nameAttrs = map[string]bool{"name": true, "name_prefix": true, "bucket": true, "bucket_prefix": true}

// likelyReplaced names the changed attributes of a risky resource that
// AWS cannot change in place.
func likelyReplaced(c BlockChange) []string {
	if _, ok := Risky(c.Type); !ok || !c.Resource {
		return nil
	}
	var out []string
	for _, a := range c.Attrs {
		if nameAttrs[a.Path] {
			out = append(out, a.Path)
		}
	}
	return out
}
