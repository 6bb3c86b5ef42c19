#!/usr/bin/env bash
# Builds the image's base without a registry or a Docker daemon: a Java runtime made by jlink from the JDK that runs
# the build, plus exactly the shared libraries it links (ldd), an /etc/passwd with the bridge's user, and /tmp,
# packed as a `docker save` archive that Jib takes as from.image=tar://... (pom.xml). With a registry, switch to
# a public base instead: ./mvnw package -Dimage.base=eclipse-temurin:17-jre
#
# Usage: build-base.sh <output.tar> <java home>
# The result is cached in ${XDG_CACHE_HOME:-~/.cache}/storelink-image-base under a key made of this script and the
# JDK's release file: a repeated build only links the cached archive.
set -euo pipefail

out=$1
jdk=$2
uid=10001                 # the image's user; k8s/base/deployment.yaml runs the pod with the same uid:gid
modules=java.se,jdk.unsupported,jdk.crypto.ec,jdk.crypto.cryptoki,jdk.management,jdk.management.agent,jdk.naming.dns,jdk.zipfs,jdk.charsets,jdk.localedata,jdk.net,jdk.security.auth,jdk.security.jgss,jdk.jfr,jdk.attach,jdk.jcmd,jdk.httpserver

cache=${XDG_CACHE_HOME:-$HOME/.cache}/storelink-image-base
key=$(cat "$0" "$jdk/release" | sha256sum | cut -c1-16)
cached=$cache/base-$key.tar
mkdir -p "$(dirname "$out")" "$cache"
if [[ -s $cached ]]; then
  ln -f "$cached" "$out" 2>/dev/null || cp "$cached" "$out"
  echo "image base: cached $cached"
  exit 0
fi

started=$(date +%s%N)
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
root=$work/rootfs
mkdir -p "$root"

# 1. the Java runtime: jlink when the JDK has its jmods, otherwise a copy of the runtime
if [[ -d $jdk/jmods ]]; then
  "$jdk/bin/jlink" --module-path "$jdk/jmods" --add-modules "$modules" --strip-debug --no-man-pages \
    --no-header-files --output "$root/opt/java"
else
  mkdir -p "$root/opt"
  cp -a "$jdk" "$root/opt/java"
  rm -rf "$root/opt/java/"{jmods,man,include,demo,docs,lib/src.zip}
  # Debian's JDK links into /etc and /usr/share: replace every link by what it points to, drop dangling ones
  find "$root/opt/java" -type l | while read -r link; do
    target=$(readlink -f "$link" || true)
    rm "$link"
    if [[ -n $target && -e $target ]]; then cp -rL "$target" "$link"; fi
  done
fi
# Debian's JDK keeps the CA certificates outside the runtime (a link to /etc/ssl/certs/java/cacerts): copy the file
if [[ -e $jdk/lib/security/cacerts ]]; then
  rm -f "$root/opt/java/lib/security/cacerts"
  cp -L "$jdk/lib/security/cacerts" "$root/opt/java/lib/security/cacerts"
fi

# the runtime's default class data sharing archive (lib/server/classes.jsa): jlink leaves it out, and without it the
# JVM loads every JDK class from scratch and cannot use the image's application archive (src/image/add-cds-archive.sh)
"$root/opt/java/bin/java" -Xshare:dump -Xlog:cds=off >/dev/null

# 2. the shared libraries the runtime links, at the paths the loader looks for them
find "$root/opt/java" -type f \( -name '*.so' -o -perm -u+x \) -print0 \
  | xargs -0 -r ldd 2>/dev/null \
  | awk '$2 == "=>" && $3 ~ /^\// { print $3 } $1 ~ /^\// && $1 !~ /:$/ { print $1 }' | sort -u \
  | while read -r lib; do cp -L --parents "$lib" "$root"; done
mkdir -p "$root/etc"
find "$root" -type f \( -name '*.so' -o -name '*.so.[0-9]*' \) -printf '%h\n' | grep -v '^'"$root"'/opt/java' | sed "s#^$root##" | sort -u \
  > "$root/etc/ld.so.conf"
"$(command -v ldconfig || echo /sbin/ldconfig)" -r "$root"

# 3. the user, name service, temp directory and working directory (routes are mounted under /storelink)
printf 'root:x:0:0:root:/root:/sbin/nologin\nstorelink:x:%s:%s:storelink:/tmp:/sbin/nologin\n' $uid $uid > "$root/etc/passwd"
printf 'root:x:0:\nstorelink:x:%s:\n' $uid > "$root/etc/group"
printf 'passwd: files\ngroup: files\nhosts: files dns\n' > "$root/etc/nsswitch.conf"
mkdir -p "$root/tmp" "$root/storelink" "$root/dev" "$root/proc"
chmod 1777 "$root/tmp"

# 4. one layer, packed like `docker save` (fixed times and owners: the same inputs give the same archive)
tar --sort=name --mtime=@0 --owner=0 --group=0 --numeric-owner -C "$root" -cf "$work/layer.tar" .
diff_id=$(sha256sum "$work/layer.tar" | cut -d' ' -f1)
case $(uname -m) in x86_64) arch=amd64 ;; aarch64) arch=arm64 ;; *) arch=$(uname -m) ;; esac
mkdir -p "$work/image/$diff_id"
mv "$work/layer.tar" "$work/image/$diff_id/layer.tar"
cat > "$work/image/config.json" <<JSON
{"architecture":"$arch","os":"linux",
 "config":{"Env":["PATH=/opt/java/bin:/usr/bin:/bin","JAVA_HOME=/opt/java","LANG=C.UTF-8"],"User":"$uid:$uid","WorkingDir":"/storelink"},
 "rootfs":{"type":"layers","diff_ids":["sha256:$diff_id"]},
 "history":[{"created_by":"src/image/build-base.sh: jlink runtime of $(. "$jdk/release"; echo "$JAVA_VERSION") + its shared libraries"}]}
JSON
printf '[{"Config":"config.json","RepoTags":["storelink-base:local"],"Layers":["%s/layer.tar"]}]\n' "$diff_id" \
  > "$work/image/manifest.json"
tar --sort=name --mtime=@0 --owner=0 --group=0 --numeric-owner -C "$work/image" -cf "$cached.part" manifest.json config.json "$diff_id"
mv "$cached.part" "$cached"
ln -f "$cached" "$out" 2>/dev/null || cp "$cached" "$out"
echo "image base: built $cached ($(stat -c %s "$cached") bytes) in $(( ($(date +%s%N) - started) / 1000000 )) ms"
