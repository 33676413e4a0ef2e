#!/usr/bin/env bash
# Installs the Debian packages the tests and the interop lab need, when missing (run as root;
# apt-get update only if something is missing). Under CI=true a failure to install is an error,
# never a skip. harness/lab/tools.ts lists the same lab tools and calls this script.
set -euo pipefail

# command (or file) -> Debian package
declare -A NEED=(
  [tshark]=tshark
  [chromium]=chromium
  # the interop lab (harness/lab, shared/lab/README.md)
  [ip]=iproute2
  [ping]=iputils-ping
  [nft]=nftables
  [xl2tpd]=xl2tpd
  [swanctl]=strongswan-swanctl
  [/usr/lib/ipsec/charon]=strongswan-charon
  [/usr/lib/ipsec/plugins/libstrongswan-kernel-libipsec.so]=libcharon-extra-plugins
  [/usr/lib/ipsec/plugins/libstrongswan-xauth-generic.so]=libcharon-extauth-plugins
  [/usr/lib/ipsec/plugins/libstrongswan-openssl.so]=libstrongswan-standard-plugins
)

have() { case $1 in /*) [ -e "$1" ] ;; *) command -v "$1" >/dev/null 2>&1 ;; esac; }

missing=()
for cmd in "${!NEED[@]}"; do
  have "$cmd" || missing+=("${NEED[$cmd]}")
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
for cmd in "${!NEED[@]}"; do have "$cmd" || { echo "install-deps: $cmd still missing" >&2; exit 1; }; done
echo "install-deps: done"
