# Functions shared by the scripts that run the image Jib built without a container runtime (sourced, not run):
# src/image/add-cds-archive.sh (the archive's training run) and bench/image-java.sh (the image in the benchmark).
# The image is a `docker save` archive: manifest.json names the layers, config.json holds Jib's compact JSON, read
# here with sed (no jq on a fresh machine).

# image_unpack <image.tar> <dir> <rootfs>: the archive into <dir>, its layers in order into <rootfs>
image_unpack() {
  tar -xf "$1" -C "$2"
  local layer
  for layer in $(image_layers "$2"); do
    tar -xzf "$2/$layer" -C "$3" 2>/dev/null || tar -xf "$2/$layer" -C "$3"
  done
}

# image_layers <dir>: the layer files of the unpacked archive in <dir>, in order
image_layers() {
  sed -n 's/.*"Layers":\[\([^]]*\)\].*/\1/p' "$1/manifest.json" | tr -d '"' | tr ',' ' '
}

# image_list <config> <field>: the items of a list field of config.json's text (Env, Entrypoint), one per line
image_list() {
  sed -n "s/.*\"$2\":\[\([^]]*\)\].*/\1/p" <<<"$1" | sed 's/","/"\n"/g' | tr -d '"'
}

# image_user <config>: the image's "uid gid"
image_user() {
  sed -n 's/.*"User":"\([0-9]*\):\([0-9]*\)".*/\1 \2/p' <<<"$1"
}

# image_workdir <config>: the image's working directory (/ when it has none)
image_workdir() {
  local dir
  dir=$(sed -n 's/.*"WorkingDir":"\([^"]*\)".*/\1/p' <<<"$1")
  echo "${dir:-/}"
}

# image_chroot <rootfs> <config> <proc mount>: a `sh -c` script that runs "$@" in <rootfs> as the image's user, in its
# working directory, with the host's /dev (without it the JVM's SecureRandom blocks start for seconds) and /proc
# mounted by <proc mount> ("mount -t proc proc" in a new pid namespace, "mount --bind /proc" to keep the pids).
# Run it in a mount namespace of its own (unshare --mount): the mounts vanish with it.
image_chroot() {
  local user
  user=$(image_user "$2")
  echo "mount --bind $1 $1 && $3 $1/proc && mount --bind /dev $1/dev \
&& exec unshare --root=$1 --wd=$(image_workdir "$2") --setuid ${user% *} --setgid ${user#* } \"\$@\""
}
