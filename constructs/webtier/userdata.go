package webtier

import (
	"bytes"
	"encoding/base64"
	"strings"
	"text/template"
)

// UserData is the bootstrap script of a web instance, inline (no file to
// fetch, nothing that may not exist). It serves the health check path and a
// page naming the instance and its AZ, read from IMDSv2. nginx is installed
// when package repositories are reachable; otherwise (no NAT) Python's
// standard library serves the same files, so the tier still becomes healthy.
//
// port and healthPath are validated upstream (a number; /[A-Za-z0-9._~/-]*),
// so they are safe to write into the script.
func UserData(port int, healthPath string) string {
	file := healthPath
	if strings.HasSuffix(file, "/") {
		file += "index.html"
	}
	var b bytes.Buffer
	if err := userDataTemplate.Execute(&b, struct {
		Port       int
		HealthFile string
	}{port, file}); err != nil {
		panic(err) // the template and its data are fixed: a bug, not input
	}
	return b.String()
}

// UserDataBase64 is UserData as a launch template takes it.
func UserDataBase64(port int, healthPath string) string {
	return base64.StdEncoding.EncodeToString([]byte(UserData(port, healthPath)))
}

var userDataTemplate = template.Must(template.New("user-data").Parse(`#!/bin/bash
# webstack web tier bootstrap: serve {{.HealthFile}} and a page naming this instance.
set -euo pipefail
port={{.Port}}
docroot=/var/www/webstack

imds=http://169.254.169.254/latest
token=$(curl -sS -X PUT "$imds/api/token" -H "X-aws-ec2-metadata-token-ttl-seconds: 300")
meta() { curl -sS -H "X-aws-ec2-metadata-token: $token" "$imds/meta-data/$1"; }
instance_id=$(meta instance-id)
az=$(meta placement/availability-zone)

mkdir -p "$docroot" "$(dirname "$docroot{{.HealthFile}}")"
cat > "$docroot/index.html" <<PAGE
<!doctype html>
<html><head><meta charset="utf-8"><title>webstack</title></head>
<body><h1>webstack</h1><p>Served by instance $instance_id in $az.</p></body></html>
PAGE
[ -e "$docroot{{.HealthFile}}" ] || echo ok > "$docroot{{.HealthFile}}"

if dnf install -y nginx; then
  cat > /etc/nginx/nginx.conf <<CONF
user nginx;
worker_processes auto;
error_log /var/log/nginx/error.log;
pid /run/nginx.pid;
events { worker_connections 1024; }
http {
  include /etc/nginx/mime.types;
  default_type text/plain;
  access_log /var/log/nginx/access.log;
  server_tokens off;
  server {
    listen $port default_server;
    root $docroot;
    index index.html;
  }
}
CONF
  systemctl enable --now nginx
else
  # No route to the package repositories (nat_gateways "none"): serve the
  # same files with Python's standard library, as an unprivileged user.
  cat > /etc/systemd/system/webstack-http.service <<UNIT
[Unit]
Description=webstack static server (fallback)
After=network-online.target
[Service]
ExecStart=/usr/bin/python3 -m http.server $port --directory $docroot
DynamicUser=yes
AmbientCapabilities=CAP_NET_BIND_SERVICE
Restart=always
[Install]
WantedBy=multi-user.target
UNIT
  systemctl daemon-reload
  systemctl enable --now webstack-http
fi
`))
