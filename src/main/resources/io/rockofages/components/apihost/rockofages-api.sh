#!/bin/bash
# Written by rockofages. Starts the API container, and starts it again whenever its environment
# changes: the database password is read from Secrets Manager on every run (at boot and from a
# timer), so a rotated password reaches the container without a new instance.
set -euo pipefail
dir="${ROCKOFAGES_DIR:-/etc/rockofages}"
next="$(mktemp "$dir/.api.env.XXXXXX")"
trap 'rm -f "$next"' EXIT
cp "$dir/api.env" "$next"
arn="$(sed -n 's/^DATABASE_SECRET_ARN=//p' "$dir/api.env")"
if [ -n "$arn" ]; then
  secret="$(aws secretsmanager get-secret-value --region "$(cut -d: -f4 <<<"$arn")" --secret-id "$arn" \
    --query SecretString --output text)"
  ROCKOFAGES_SECRET="$secret" python3 - "$dir/api.env" >>"$next" <<'PY'
import json, os, sys, urllib.parse
env = dict(line.rstrip("\n").split("=", 1) for line in open(sys.argv[1]) if "=" in line)
password = json.loads(os.environ["ROCKOFAGES_SECRET"])["password"]
if "\n" in password or "\r" in password:
    sys.exit("the database password spans lines, which an env file cannot hold")
quote = lambda part: urllib.parse.quote(part, safe="")
print("DATABASE_PASSWORD=" + password)
print("DATABASE_URL=postgresql://%s:%s@%s:%s/%s" % (quote(env["DATABASE_USER"]), quote(password),
      env["DATABASE_HOST"], env["DATABASE_PORT"], quote(env["DATABASE_NAME"])))
PY
fi
running="$(docker inspect -f '{{.State.Running}}' @NAME@ 2>/dev/null || true)"
if [ "$running" = true ] && cmp -s "$next" "$dir/api.effective.env"; then
  exit 0
fi
mv "$next" "$dir/api.effective.env"
docker rm -f @NAME@ >/dev/null 2>&1 || true
docker run -d --name @NAME@ --restart unless-stopped --env-file "$dir/api.effective.env" -p @PORTS@ @IMAGE@
