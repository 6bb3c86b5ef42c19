#!/usr/bin/env bash
# A `java` for bench/intake-benchmark.sh that runs the container image instead of the jar:
#   BENCH_JAVA=bench/image-java.sh bench/intake-benchmark.sh bridge
# The layers of target/jib-image.tar (or BENCH_IMAGE) are unpacked into $BENCH_OUT/image-rootfs (again when the image
# changed), and the image's entrypoint runs there as a runtime runs it: chroot, the image's user, working directory and
# environment, /proc and /dev of the host, the host's network (the broker on loopback). Every exec keeps the process id,
# so the benchmark's CPU and memory figures are the image's JVM's. The benchmark's JVM flags go after the entrypoint's
# own (the later flag wins, as JDK_JAVA_OPTIONS would); `-jar <jar>` is ignored: the image has its own application.
# Needs root (mounts, chroot), as ImageIT.
set -euo pipefail

root_dir=$(cd "$(dirname "$0")/.." && pwd)
source "$root_dir/src/image/image-lib.sh"
image=${BENCH_IMAGE:-$root_dir/target/jib-image.tar}
out=${BENCH_OUT:-$root_dir/bench/out}
rootfs=$out/image-rootfs
[[ $(id -u) -eq 0 ]] || { echo "image-java.sh: needs root (chroot, mounts)" >&2; exit 1; }
[[ -f $image ]] || { echo "image-java.sh: $image missing (./mvnw package builds it)" >&2; exit 1; }

flags=()
while (($#)); do
  case $1 in
    -jar) shift 2 ;;
    *) flags+=("$1"); shift ;;
  esac
done

stamp=$(stat -c '%s %Y' "$image")
if [[ ! -f $rootfs.stamp || $(cat "$rootfs.stamp") != "$stamp" ]]; then
  rm -rf "$rootfs" "$rootfs.image" && mkdir -p "$rootfs" "$rootfs.image"
  image_unpack "$image" "$rootfs.image" "$rootfs"
  echo "$stamp" >"$rootfs.stamp"
fi
config=$(cat "$rootfs.image/config.json")

# the image's environment under the benchmark's (PORT, KAFKA_BOOTSTRAP_SERVERS, ...: the caller's wins), but for
# the host's PATH and JAVA_HOME, which mean nothing in the image
host_path=$PATH
unset JAVA_HOME
while read -r kv; do
  name=${kv%%=*}
  if [[ -n $kv && ( $name == PATH || -z ${!name+x} ) ]]; then export "$kv"; fi
done < <(image_list "$config" Env)
image_path=$PATH
export PATH=$host_path
mapfile -t entry < <(image_list "$config" Entrypoint)
java=${entry[0]}
if [[ $java != /* ]]; then # found on the image's PATH, as a runtime finds it
  for dir in ${image_path//:/ }; do [[ -x $rootfs$dir/$java ]] && { java=$dir/$java; break; }; done
fi
command=("$java" "${entry[@]:1:${#entry[@]}-2}" "${flags[@]}" "${entry[-1]}")

exec unshare --mount --propagation private /bin/sh -c "$(image_chroot "$rootfs" "$config" "mount --bind /proc")" \
  image-java "${command[@]}"
