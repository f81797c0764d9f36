// Package iamdoc writes IAM policy documents as JSON at synth time.
//
// Values may hold Terraform tokens (an ARN not known until apply): they are
// strings to encoding/json and resolve inside the JSON string at apply. Building
// documents here rather than with the aws_iam_policy_document data source keeps
// the synthesized policy readable in snapshots and checkable by the synth-time
// security policy without a Terraform run.
package iamdoc

import (
	"encoding/json"
	"fmt"
)

// Document is an IAM policy document.
type Document struct {
	Version   string      `json:"Version"`
	Statement []Statement `json:"Statement"`
}

// Statement is one statement. Action and Resource are always lists, so a
// reader (or a rule) never has to handle the string-or-list ambiguity.
type Statement struct {
	Sid       string                       `json:"Sid,omitempty"`
	Effect    string                       `json:"Effect"`
	Principal map[string]any               `json:"Principal,omitempty"`
	Action    []string                     `json:"Action"`
	Resource  []string                     `json:"Resource,omitempty"`
	Condition map[string]map[string]string `json:"Condition,omitempty"`
}

// New returns a document holding statements, with the current policy language version.
func New(statements ...Statement) Document {
	return Document{Version: "2012-10-17", Statement: statements}
}

// JSON renders the document. Keys of maps come out sorted, so output is stable.
func (d Document) JSON() string {
	b, err := json.Marshal(d)
	if err != nil { // only reachable with unmarshalable Principal values: a bug, not input
		panic(fmt.Sprintf("iamdoc: %v", err))
	}
	return string(b)
}

// Allow is an Allow statement.
func Allow(sid string, actions, resources []string) Statement {
	return Statement{Sid: sid, Effect: "Allow", Action: actions, Resource: resources}
}

// AssumeRole is the trust policy letting an AWS service assume a role, with
// optional conditions (aws:SourceAccount and the like) against confused deputies.
func AssumeRole(service string, condition map[string]map[string]string) Document {
	return New(Statement{
		Sid:       "TrustService",
		Effect:    "Allow",
		Principal: map[string]any{"Service": service},
		Action:    []string{"sts:AssumeRole"},
		Condition: condition,
	})
}
