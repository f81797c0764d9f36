package config

// BackendType is where state is kept: a local file or an S3 object.
type BackendType string

const (
	BackendLocal BackendType = "local"
	BackendS3    BackendType = "s3"
)

// Backend says where Terraform state lives.
type Backend struct {
	// Type is BackendLocal or BackendS3. Default: BackendLocal.
	Type BackendType `json:"type"`
	// Path is the local state file, relative to the stack's directory
	// (cdktf.out/stacks/<name>/) and inside it (local only).
	// Default: "terraform.tfstate".
	Path *string `json:"path"`
	// Bucket, Key and Region locate the state object (s3). The bucket must
	// exist: state storage is the one thing a stack cannot create for itself.
	// Region default: the stack's region.
	Bucket string `json:"bucket"`
	Key    string `json:"key"`
	Region string `json:"region"`
	// UseLockfile locks state with a lock object next to it (s3; Terraform
	// 1.10+, no DynamoDB table needed). Default: true.
	UseLockfile *bool `json:"use_lockfile"`
}

// StatePath is the local state file, relative to the stack directory.
func (b Backend) StatePath() string {
	if b.Path == nil {
		return DefaultStatePath
	}
	return *b.Path
}
