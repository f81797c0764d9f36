package webtier

import (
	"bytes"
	"encoding/base64"
	"strings"
	"text/template"
)

// UserData is the default bootstrap script of a web instance, inline (no file
// to fetch, nothing that may not exist). It is written to serve first:
//
//   - The health-check file and a page exist, and Python's standard library
//     serves them on port (a systemd unit, so a reboot serves again), before
//     anything touches the network: an instance with no route out answers
//     its health check within seconds of boot.
//   - The page then names the instance and its zone from IMDSv2; every
//     metadata call is bounded in time, retried, and never fatal.
//   - nginx takes over in the background (a unit of its own, enabled until it
//     succeeds, so a reboot tries again) once the package repositories answer:
//     each install attempt is bounded, and the Python server keeps serving
//     until nginx's configuration is known good. The two units conflict, so
//     exactly one server holds the port, however often this script runs.
//
// port and healthPath are validated upstream (Props.Validate: a port no
// Amazon Linux daemon holds; a path of safe characters that names a file
// below the web root), so they are safe to write into the script.
func UserData(port int, healthPath string) string {
	file := healthPath
	if strings.HasSuffix(file, "/") {
		file += "index.html"
	}
	var b bytes.Buffer
	if err := userDataTemplate.Execute(&b, struct {
		Port, MetadataTimeout, InstallTimeout int
		HealthFile                            string
	}{port, metadataTimeout, installTimeout, file}); err != nil {
		panic(err) // the template and its data are fixed: a bug, not input
	}
	return b.String()
}

// UserDataBase64 is UserData as a launch template takes it.
func UserDataBase64(port int, healthPath string) string {
	return base64.StdEncoding.EncodeToString([]byte(UserData(port, healthPath)))
}

// Bounds of the bootstrap's network work, in seconds.
const (
	// metadataTimeout bounds one call to the instance metadata service; a
	// refused, stalled or failing service costs the page its names, nothing else.
	metadataTimeout = 2
	// installTimeout bounds one package install: with no route out, dnf
	// takes minutes to give up on its own.
	installTimeout = 180
)

var userDataTemplate = template.Must(template.New("user-data").Delims("[[", "]]").Parse(`#!/bin/bash
# webstack web tier bootstrap: serve [[.HealthFile]] and a page naming this
# instance on port [[.Port]] — first with Python's standard library, with no
# network needed; then with nginx, installed in the background when the
# package repositories answer. No step here can stop the serving.
set -uo pipefail

port=[[.Port]]
health_file=[[.HealthFile]]
docroot=/var/www/webstack
units=/etc/systemd/system

log() { echo "webstack-bootstrap: $*"; }

# page writes the start page atomically: the server never sends half a file.
page() {
  cat > "$docroot/.index.html.tmp" <<PAGE
<!doctype html>
<html><head><meta charset="utf-8"><title>webstack</title></head>
<body><h1>webstack</h1><p>Served by instance $1 in $2.</p></body></html>
PAGE
  mv -f "$docroot/.index.html.tmp" "$docroot/index.html"
}

mkdir -p "$docroot" "$(dirname "$docroot$health_file")"
[ -e "$docroot/index.html" ] || page "(unknown)" "(unknown zone)"
[ -e "$docroot$health_file" ] || echo ok > "$docroot$health_file"
chmod -R a+rX "$docroot"

# 1. Serve now. The unit conflicts with nginx: starting one stops the other.
cat > "$units/webstack-http.service" <<UNIT
[Unit]
Description=webstack web server (Python, until nginx takes over)
After=network.target
Conflicts=nginx.service

[Service]
ExecStart=/usr/bin/python3 -m http.server $port --directory $docroot
DynamicUser=yes
AmbientCapabilities=CAP_NET_BIND_SERVICE
Restart=always
RestartSec=1

[Install]
WantedBy=multi-user.target
UNIT
systemctl daemon-reload
if systemctl is-enabled --quiet nginx.service 2>/dev/null; then
  log "nginx serves port $port (an earlier run installed it)"
else
  systemctl enable --now webstack-http.service || log "could not start the Python server"
fi

# 2. Name the instance on the page: IMDSv2, every call bounded, never fatal.
imds=http://169.254.169.254/latest
curl_imds() {
  curl -fsS --connect-timeout 1 --max-time [[.MetadataTimeout]] --retry 2 --retry-delay 1 --retry-all-errors "$@" 2>/dev/null
}
token=$(curl_imds -X PUT "$imds/api/token" -H "X-aws-ec2-metadata-token-ttl-seconds: 300") || token=""
instance_id="(unknown)"
az="(unknown zone)"
if [ -n "$token" ]; then
  instance_id=$(curl_imds -H "X-aws-ec2-metadata-token: $token" "$imds/meta-data/instance-id") || instance_id="(unknown)"
  az=$(curl_imds -H "X-aws-ec2-metadata-token: $token" "$imds/meta-data/placement/availability-zone") || az="(unknown zone)"
else
  log "the instance metadata service did not answer: the page names no instance"
fi
page "$instance_id" "$az"

# 3. nginx, in the background, until it serves. The unit stays enabled until
# then, so a reboot tries again.
cat > /usr/local/sbin/webstack-nginx <<'INSTALL'
#!/bin/bash
# Installs nginx (each attempt bounded), configures it for the web root and
# hands it the port; the Python server serves until then, and again if nginx
# does not start.
set -uo pipefail
port=$1
docroot=$2
for attempt in 1 2 3 4 5; do
  if rpm -q nginx >/dev/null 2>&1 || timeout [[.InstallTimeout]] dnf install -y -q nginx; then
    break
  fi
  echo "webstack-nginx: attempt $attempt: the package repositories did not answer; trying again"
  sleep 30
done
rpm -q nginx >/dev/null 2>&1 || { echo "webstack-nginx: nginx is not installed; Python keeps serving"; exit 1; }
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
nginx -t || { echo "webstack-nginx: the nginx configuration is invalid; Python keeps serving"; exit 1; }
# Python is disabled first, so no boot starts both; starting nginx stops it
# (Conflicts=). This unit disables itself last: a power cut anywhere in
# between leaves it enabled, and the next boot finishes the handover.
systemctl disable webstack-http.service
if systemctl enable --now nginx.service; then
  echo "webstack-nginx: nginx serves port $port"
  systemctl disable webstack-nginx.service
else
  echo "webstack-nginx: nginx did not start; Python serves again"
  systemctl disable nginx.service
  systemctl enable --now webstack-http.service
  exit 1
fi
INSTALL
chmod 0755 /usr/local/sbin/webstack-nginx
cat > "$units/webstack-nginx.service" <<UNIT
[Unit]
Description=webstack: install nginx and hand it the port
After=network-online.target
Wants=network-online.target

[Service]
Type=simple
ExecStart=/usr/local/sbin/webstack-nginx $port $docroot

[Install]
WantedBy=multi-user.target
UNIT
systemctl daemon-reload
if ! systemctl is-enabled --quiet nginx.service 2>/dev/null; then
  systemctl enable webstack-nginx.service
  systemctl start --no-block webstack-nginx.service
fi
log "serving $health_file on port $port"
`))
