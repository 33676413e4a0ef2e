#!/usr/bin/env bash
# Installs the Debian packages the tests need, when missing (run as root; apt-get update only
# if something is missing). Under CI=true a failure to install is an error, never a skip.
set -euo pipefail

# command -> Debian package
declare -A NEED=(
  [tshark]=tshark
  [chromium]=chromium
)

missing=()
for cmd in "${!NEED[@]}"; do
  command -v "$cmd" >/dev/null 2>&1 || missing+=("${NEED[$cmd]}")
done
[ ${#missing[@]} -eq 0 ] && { echo "install-deps: all present (${!NEED[*]})"; exit 0; }

if [ "$(id -u)" -ne 0 ]; then
  echo "install-deps: missing ${missing[*]} and not root: run as root (apt-get install ${missing[*]})" >&2
  exit 1
fi
# nothing installed here may start a service
[ -e /usr/sbin/policy-rc.d ] || { printf '#!/bin/sh\nexit 101\n' > /usr/sbin/policy-rc.d; chmod +x /usr/sbin/policy-rc.d; }
export DEBIAN_FRONTEND=noninteractive
echo "install-deps: installing ${missing[*]}"
apt-get update -qq
apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
for cmd in "${!NEED[@]}"; do command -v "$cmd" >/dev/null || { echo "install-deps: $cmd still missing" >&2; exit 1; }; done
echo "install-deps: done"
