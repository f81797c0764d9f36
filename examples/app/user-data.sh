#!/bin/bash
# An example application for the web tier (app.user_data): a small JSON
# service on Python's standard library, which Amazon Linux 2023 ships, so it
# serves without a route out. It keeps the tier's contract: it answers the
# health check (health_check.path on app_port, with 200) within seconds of
# boot, as a systemd unit, so a reboot serves again.
#
# The two settings below must match the environment file's app_port and
# health_check.path (testdata/variants/app.json uses them).
set -euo pipefail
APP_PORT=8080
HEALTH_PATH=/healthz

install -d -m 0755 /opt/hello
cat > /opt/hello/app.py <<'PY'
"""hello: answers the load balancer's health check and says which instance served."""
import http.server
import json
import os
import socket

PORT = int(os.environ["APP_PORT"])
HEALTH = os.environ["HEALTH_PATH"]


class Handler(http.server.BaseHTTPRequestHandler):
    server_version = "hello/1.0"

    def _send(self, status, body):
        data = json.dumps(body).encode()
        self.send_response(status)
        self.send_header("Content-Type", "application/json")
        self.send_header("Content-Length", str(len(data)))
        self.end_headers()
        self.wfile.write(data)

    def do_GET(self):
        if self.path == HEALTH:
            self._send(200, {"status": "ok"})
        elif self.path == "/":
            self._send(200, {"app": "hello", "host": socket.gethostname()})
        else:
            self._send(404, {"error": "not found"})

    def log_message(self, fmt, *args):  # the load balancer checks often: stay quiet
        pass


http.server.ThreadingHTTPServer(("", PORT), Handler).serve_forever()
PY

cat > /etc/systemd/system/hello.service <<UNIT
[Unit]
Description=hello, the example application
After=network.target

[Service]
Environment=APP_PORT=$APP_PORT HEALTH_PATH=$HEALTH_PATH
ExecStart=/usr/bin/python3 /opt/hello/app.py
DynamicUser=yes
AmbientCapabilities=CAP_NET_BIND_SERVICE
Restart=always
RestartSec=1

[Install]
WantedBy=multi-user.target
UNIT
systemctl daemon-reload
systemctl enable --now hello.service
