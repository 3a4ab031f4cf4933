#!/usr/bin/env bash
# Build the PlanBot image without a container daemon, then try it: `planbot --help` and the console chat.
#
#   ops/build-image.sh              # IMAGE=localhost/planbot:latest
#   IMAGE=registry.example.org/planbot:1.0 ops/build-image.sh
#
# Builder: buildah (or podman) from the Debian archive (`apt-get install buildah`), with chroot isolation,
# so it runs in a plain VM or CI job as root without a daemon. Base: the registry's python:3.11-slim
# image; when the registry is unreachable (no internet but the package mirrors), a Debian bookworm base is
# made from the Debian archive with debootstrap (`apt-get install debootstrap`) and kept as
# localhost/planbot-base:bookworm for the next build. Prints the image size and the build time.
set -euo pipefail
cd "$(dirname "$0")/.."

IMAGE=${IMAGE:-localhost/planbot:latest}
REGISTRY_BASE=${REGISTRY_BASE:-docker.io/library/python:3.11-slim-bookworm}
LOCAL_BASE=${LOCAL_BASE:-localhost/planbot-base:bookworm}
DEBIAN_MIRROR=${DEBIAN_MIRROR:-http://deb.debian.org/debian}

if command -v buildah >/dev/null; then
    build() { buildah bud --isolation chroot --layers --format docker "$@"; }
    images() { buildah images "$@"; }
    exists() { buildah inspect --type image "$1" >/dev/null 2>&1; }
    pull() { timeout 120 buildah pull --quiet "$1" >/dev/null 2>&1; }
    run_in() {  # run a command in a throw-away container of the image
        local ctr; ctr=$(buildah from --quiet "$IMAGE")
        local rc=0
        buildah run --isolation chroot "$ctr" -- "$@" || rc=$?
        buildah rm "$ctr" >/dev/null
        return $rc
    }
elif command -v podman >/dev/null; then
    build() { podman build --isolation chroot --layers --format docker "$@"; }
    images() { podman images "$@"; }
    exists() { podman image exists "$1"; }
    pull() { timeout 120 podman pull --quiet "$1" >/dev/null 2>&1; }
    run_in() { podman run --rm -i "$IMAGE" "$@"; }
else
    echo "需要 buildah 或 podman：apt-get install buildah" >&2
    exit 2
fi

elapsed() { awk -v a="$1" -v b="$(date +%s.%N)" 'BEGIN { printf "%.0f", b - a }'; }

debian_base() {
    # A minimal Debian bookworm with Python 3.11 (python3-venv for the venv, tzdata, CA certificates).
    command -v debootstrap >/dev/null || { echo "需要 debootstrap：apt-get install debootstrap" >&2; exit 2; }
    local ctr mnt
    ctr=$(buildah from scratch)
    mnt=$(buildah mount "$ctr")
    debootstrap --variant=minbase --include=python3,python3-venv,tzdata,ca-certificates \
        bookworm "$mnt" "$DEBIAN_MIRROR" >/tmp/planbot-debootstrap.log 2>&1 \
        || { echo "debootstrap 失败，见 /tmp/planbot-debootstrap.log" >&2; exit 3; }
    chroot "$mnt" apt-get clean
    rm -rf "$mnt"/var/lib/apt/lists/* "$mnt"/var/cache/apt/*.bin "$mnt"/usr/share/doc/* "$mnt"/usr/share/man/*
    buildah umount "$ctr" >/dev/null
    buildah config --env LANG=C.UTF-8 --cmd /bin/bash "$ctr"
    buildah commit --quiet "$ctr" "$LOCAL_BASE" >/dev/null
    buildah rm "$ctr" >/dev/null
}

started=$(date +%s.%N)
if exists "$REGISTRY_BASE" || pull "$REGISTRY_BASE"; then
    base=$REGISTRY_BASE
else
    echo "registry unreachable: the base comes from the Debian archive ($LOCAL_BASE)" >&2
    if ! exists "$LOCAL_BASE"; then
        base_started=$(date +%s.%N)
        debian_base
        echo "debootstrap base built in $(elapsed "$base_started") s"
    fi
    base=$LOCAL_BASE
fi
# A network whose TLS is intercepted by a local CA (pip on this host trusts it through PIP_CERT or pip's
# `cert` setting): the build's pip trusts the same bundle, mounted for the build only (never in a layer).
extra=()
host_ca=${PIP_CERT:-$(pip config get global.cert 2>/dev/null || true)}
if [ -n "$host_ca" ] && [ -r "$host_ca" ]; then
    extra+=(-v "$host_ca:/run/planbot-host-ca.crt:ro" --build-arg PIP_CERT=/run/planbot-host-ca.crt)
fi
build_started=$(date +%s.%N)
build "${extra[@]}" --build-arg "BASE=$base" -t "$IMAGE" -f Dockerfile . >/tmp/planbot-build.log 2>&1 \
    || { tail -30 /tmp/planbot-build.log; echo "构建失败，完整日志见 /tmp/planbot-build.log" >&2; exit 4; }
build_seconds=$(elapsed "$build_started")
total_seconds=$(elapsed "$started")

echo "image:      $IMAGE (base $base)"
echo "size:       $(images --format '{{.Size}}' "$IMAGE" | head -1)"
echo "build time: $build_seconds s (total with the base: $total_seconds s)"

echo "--- planbot --help (in the image)"
run_in planbot --help | head -5
echo "--- the console chat (in the image, no token)"
printf '/docs\n退出\n' | run_in planbot console | grep -E "已载入|再见" \
    || { echo "the console did not answer" >&2; exit 5; }
echo "--- planbot health without a running bot (expected: unhealthy, exit 1)"
if run_in planbot health; then echo "unexpected: healthy" >&2; exit 6; else echo "ok: unhealthy when nothing runs"; fi
