#!/usr/bin/env bash
# The main job on one machine, no cloud and no cluster: build, start the AWS emulator on loopback,
# apply an example, show status, break something behind the tool's back, watch it fixed, destroy
# (held by the database's deletion protection until the manifest turns it off).
set -euo pipefail
cd "$(dirname "$0")/.."
PORT=${MOTO_PORT:-5123}
MANIFEST=${1:-examples/stack-secure.yaml}

mvn -B -q -ntp package -DskipTests
moto_server -H 127.0.0.1 -p "$PORT" >/tmp/rockofages-demo-moto.log 2>&1 &
MOTO_PID=$!
trap 'kill $MOTO_PID 2>/dev/null || true' EXIT
for _ in $(seq 50); do curl -fs "http://127.0.0.1:$PORT/moto-api/" >/dev/null 2>&1 && break; sleep 0.2; done

export AWS_ENDPOINT_URL="http://127.0.0.1:$PORT" AWS_ACCESS_KEY_ID=demo AWS_SECRET_ACCESS_KEY=demo AWS_REGION=us-east-1
roa() { java -jar target/rockofages.jar "$@"; }
# A script has nobody to ask: at a terminal, apply shows the plan and asks, destroy asks for the name.
YES=--auto-approve
SITE=(--site-content examples/site-files.yaml)

echo "== plan (exit 2: changes pending)"
roa plan -f "$MANIFEST" "${SITE[@]}" || true
echo "== apply"
roa apply $YES -f "$MANIFEST" "${SITE[@]}" --interval 1s -o yaml
echo "== drift: terminate the API instance behind the tool's back (boto3, which moto brings)"
python3 - "$PORT" <<'PY'
import sys, boto3
ec2 = boto3.client("ec2", endpoint_url=f"http://127.0.0.1:{sys.argv[1]}", region_name="us-east-1")
ids = [i["InstanceId"] for r in ec2.describe_instances(Filters=[
    {"Name": "tag:rockofages.io/component", "Values": ["api-instance"]},
    {"Name": "instance-state-name", "Values": ["running"]}])["Reservations"] for i in r["Instances"]]
ec2.terminate_instances(InstanceIds=ids)
print("terminated", ids)
PY
echo "== plan now shows the drift"
roa plan -f "$MANIFEST" "${SITE[@]}" || true
echo "== apply fixes it"
roa apply $YES -f "$MANIFEST" "${SITE[@]}" --interval 1s
echo "== destroy: held while the database's deletion protection is on (exit 1, nothing deleted)"
roa destroy $YES -f "$MANIFEST" "${SITE[@]}" --interval 1s || true
echo "== destroy with deletionProtection: false in the manifest"
UNPROTECTED=$(mktemp --suffix=.yaml)
sed 's/^    onDelete: Snapshot$/    onDelete: Snapshot\n    deletionProtection: false/' "$MANIFEST" >"$UNPROTECTED"
roa destroy $YES -f "$UNPROTECTED" "${SITE[@]}" --interval 1s
