#!/usr/bin/env bash
# Adds a class data sharing archive to the image Jib built: the bridge then starts in ~6-7 s instead of ~10 s
# (BENCHMARKS.md, "Fifth round"). Spring Boot's documented way is a training run in the image (a Dockerfile's RUN);
# Jib runs nothing in the image, so this script does it after Jib: it unpacks the image's layers, starts the image's
# own java on the image's own class path (chroot, as the image's user) with -XX:ArchiveClassesAtExit until the bridge
# has started, and appends the archive to the image as one more layer at /app/storelink.jsa, where the
# entrypoint's -XX:SharedArchiveFile (pom.xml, Jib jvmFlags) looks for it.
#
# Java 17 accepts the archive only with the same JVM, the same class path (jars only: Jib's packaged mode) and jars of
# the same size and time (Jib writes every file with the same time), which is why it is made from the image itself.
# Without root (chroot, mounts) the image is left without the archive and the JVM starts without it (-Xshare:auto
# says nothing); ImageIT checks the archive in CI.
#
# Usage: add-cds-archive.sh <jib-image.tar> <main class>
set -euo pipefail

image=$1
main=$2
if [[ $(id -u) -ne 0 ]] || ! command -v unshare >/dev/null; then
  echo "image CDS archive: skipped (needs root and unshare for the training run in the image); the image starts without it"
  exit 0
fi

source "$(dirname "$0")/image-lib.sh"
started=$(date +%s%N)
work=$(mktemp -d "${TMPDIR:-/tmp}/storelink-cds.XXXXXX")
trap 'rm -rf "$work"' EXIT
mkdir -p "$work/image" "$work/rootfs" "$work/layer/app"
image_unpack "$image" "$work/image" "$work/rootfs"
config=$(cat "$work/image/config.json")
layers=$(image_layers "$work/image")
[[ -n $layers ]] || { echo "image CDS archive: no layers in $image's manifest.json" >&2; exit 1; }
if grep -q '"comment":"class data sharing archive"' <<<"$config"; then
  echo "image CDS archive: $image has one already"; exit 0
fi

# the image's environment (JDK_JAVA_OPTIONS: the same heap and GC as at run time), then the training's: endpoints
# that answer nothing, so nothing is read or written
mapfile -t env < <(image_list "$config" Env)
env+=(PORT=0 STORELINK_JOBS_ENABLED=false SHOPIFY_WEBHOOK_SECRET=training KAFKA_BOOTSTRAP_SERVERS=127.0.0.1:1
  SALESFORCE_LOGIN_URL=http://127.0.0.1:1 SALESFORCE_CLIENT_ID=training SALESFORCE_CLIENT_SECRET=training)
root=$work/rootfs
# a pid namespace of its own with a fresh /proc. The JVM runs until the bridge has started (its routes too, whose
# classes an exit at the context's refresh would leave out) and writes the archive when it is stopped.
env -i "${env[@]}" unshare --mount --pid --fork --propagation private \
  /bin/sh -c "$(image_chroot "$root" "$config" "mount -t proc proc")" training \
  java -XX:ArchiveClassesAtExit=/tmp/storelink.jsa -Xlog:cds=off -Xlog:cds+dynamic=off \
  -cp @/app/jib-classpath-file "$main" >"$work/training.log" 2>&1 &
training=$!
for _ in $(seq 1 600); do
  if grep -qs 'Started [A-Za-z]* in' "$work/training.log" || ! kill -0 "$training" 2>/dev/null; then break; fi
  sleep 0.5
done
pkill -TERM -P "$training" || true   # the JVM (the namespace's first process): a graceful stop, then the archive
for _ in $(seq 1 240); do kill -0 "$training" 2>/dev/null || break; sleep 0.5; done
if kill -0 "$training" 2>/dev/null || [[ ! -s $root/tmp/storelink.jsa ]]; then
  pkill -KILL -P "$training" || true
  tail -n 30 "$work/training.log" >&2
  echo "image CDS archive: the training run in the image failed (its log is above)" >&2
  exit 1
fi

# one more layer: /app/storelink.jsa, written like Jib's (fixed time, root-owned, readable by all)
install -m 0644 "$root/tmp/storelink.jsa" "$work/layer/app/storelink.jsa"
tar --sort=name --mtime=@1 --owner=0 --group=0 --numeric-owner -C "$work/layer" -cf "$work/layer.tar" app/storelink.jsa
diff_id=$(sha256sum "$work/layer.tar" | cut -d' ' -f1)
gzip -n -6 "$work/layer.tar"
digest=$(sha256sum "$work/layer.tar.gz" | cut -d' ' -f1)
mv "$work/layer.tar.gz" "$work/image/$digest.tar.gz"
sed -i "s/\"Layers\":\[\([^]]*\)\]/\"Layers\":[\1,\"$digest.tar.gz\"]/" "$work/image/manifest.json"
sed -i -e "s/\"diff_ids\":\[\([^]]*\)\]/\"diff_ids\":[\1,\"sha256:$diff_id\"]/" \
  -e "s/\"history\":\[\([^]]*\)\]/\"history\":[\1,{\"created\":\"1970-01-01T00:00:01Z\",\"author\":\"storelink\",\"created_by\":\"src\/image\/add-cds-archive.sh\",\"comment\":\"class data sharing archive\"}]/" \
  "$work/image/config.json"
grep -q "$digest.tar.gz" "$work/image/manifest.json" && grep -q "sha256:$diff_id" "$work/image/config.json" \
  || { echo "image CDS archive: could not add the layer to manifest.json and config.json" >&2; exit 1; }
(cd "$work/image" && tar --owner=0 --group=0 --numeric-owner -cf "$image.part" manifest.json config.json $layers "$digest.tar.gz")
mv "$image.part" "$image"
echo "image CDS archive: /app/storelink.jsa ($(stat -c %s "$work/layer/app/storelink.jsa") bytes) added to $image in $(( ($(date +%s%N) - started) / 1000000 )) ms"
