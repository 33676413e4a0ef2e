#!/usr/bin/env bash
# Record real strongSwan charon IKEv1 logs for the ikelens corpus.
#
#   corpus/tools/record-strongswan.sh              record every scenario
#   corpus/tools/record-strongswan.sh SCENARIO...  record only these (short or full names)
#   corpus/tools/record-strongswan.sh --list       list the scenarios
#
# Environment:
#   OUT=DIR      write the entries below DIR instead of <repo>/corpus (e.g. to compare a re-recording)
#   KEEP_WORK=1  keep the temporary work directory (configs, raw logs) for inspection
#
# Needs root. Two charons run in the network namespaces ikc-a (10.99.0.1) and ikc-b (10.99.0.2),
# joined by a veth pair; inner hosts 10.99.1.1 (ikc-a) and 10.99.2.1 (ikc-b) sit on lo. Each charon
# gets a private /run (bind mount inside the `ip netns exec` mount namespace), its own
# strongswan.conf (STRONGSWAN_CONF) and its own vici socket. ESP runs in userspace
# (kernel-libipsec): this kernel has no ESP. See shared/lab/README.md.
#
# The script writes, per entry: input.log, peer.log, the configs used and record.txt (the
# commands and their exit codes). description.md, expect.json and peer.expect.json are hand-written
# and are NOT touched: after a re-recording, message IDs, SPIs, cookies and times change, so check them.
set -euo pipefail

HERE=$(cd "$(dirname "$0")" && pwd)
ROOT=$(cd "$HERE/../.." && pwd)
OUT=${OUT:-$ROOT/corpus}
NSA=ikc-a
NSB=ikc-b
IPA=10.99.0.1
IPB=10.99.0.2
CHARON=/usr/lib/ipsec/charon
STARTER=/usr/lib/ipsec/starter

ALL_SCENARIOS="
strongswan-mm-01-psk-established
strongswan-am-01-xauth-modecfg-established
strongswan-mm-02-psk-mismatch
strongswan-mm-03-p1-proposal-mismatch
strongswan-mm-04-p2-proposal-mismatch
strongswan-mm-05-pfs-mismatch
strongswan-mm-06-ts-mismatch
strongswan-mm-07-no-response
strongswan-mm-08-verbose
strongswan-console-01-swanctl-initiate
strongswan-stdout-01-charon-foreground
strongswan-syslog-01-established
strongswan-console-02-ipsec-up
"

log() { printf '[record-strongswan] %s\n' "$*" >&2; }
die() { log "ERROR: $*"; exit 1; }

# ---------------------------------------------------------------------------------------------
# packages
# ---------------------------------------------------------------------------------------------
PKGS="strongswan-charon strongswan-swanctl strongswan-starter libcharon-extra-plugins libcharon-extauth-plugins
      libstrongswan-standard-plugins iproute2 iputils-ping rsyslog nftables"
install_pkgs() {
  local missing="" p
  for p in $PKGS; do
    dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q 'install ok installed' || missing="$missing $p"
  done
  [ -z "$missing" ] && return 0
  log "installing:$missing"
  if [ ! -e /usr/sbin/policy-rc.d ]; then
    # keep Debian from starting rsyslog/ipsec services at install time
    printf '#!/bin/sh\nexit 101\n' > /usr/sbin/policy-rc.d
    chmod 755 /usr/sbin/policy-rc.d
  fi
  apt-get update -q >/dev/null
  DEBIAN_FRONTEND=noninteractive apt-get install -y -q --no-install-recommends $missing >/dev/null
}

# ---------------------------------------------------------------------------------------------
# namespaces, daemons, cleanup
# ---------------------------------------------------------------------------------------------
W=""
PIDFILES=""

kill_pid() { # pid: TERM, wait up to 8 s, then KILL
  local pid=$1 i
  [ -n "$pid" ] && kill -0 "$pid" 2>/dev/null || return 0
  kill -TERM "$pid" 2>/dev/null || true
  for i in $(seq 80); do kill -0 "$pid" 2>/dev/null || return 0; sleep 0.1; done
  kill -KILL "$pid" 2>/dev/null || true
}

ns_kill_all() { # anything still running inside one of our namespaces (started by us), by PID
  local ns=$1 pid
  ip netns list 2>/dev/null | grep -qw "$ns" || return 0
  for pid in $(ip netns pids "$ns" 2>/dev/null); do kill_pid "$pid"; done
}

teardown() {
  local f
  for f in $PIDFILES; do [ -f "$f" ] && kill_pid "$(cat "$f")"; done
  PIDFILES=""
  ns_kill_all $NSA; ns_kill_all $NSB
  ip netns del $NSA 2>/dev/null || true
  ip netns del $NSB 2>/dev/null || true
}

on_exit() {
  local rc=$?
  teardown
  if [ -n "$W" ] && [ -d "$W" ]; then
    if [ "${KEEP_WORK:-0}" = 1 ]; then log "work dir kept: $W"; else rm -rf "$W"; fi
  fi
  exit $rc
}

net_up() {
  teardown   # leftovers of an interrupted run
  ip netns add $NSA
  ip netns add $NSB
  ip link add ica netns $NSA type veth peer name icb netns $NSB
  ip -n $NSA addr add $IPA/24 dev ica
  ip -n $NSB addr add $IPB/24 dev icb
  ip -n $NSA link set lo up; ip -n $NSB link set lo up
  ip -n $NSA link set ica up; ip -n $NSB link set icb up
  # inner hosts of the protected subnets
  ip -n $NSA addr add 10.99.1.1/32 dev lo
  ip -n $NSB addr add 10.99.2.1/32 dev lo
}

wait_for() { # file, tenths of a second
  local f=$1 n=${2:-100} i
  for i in $(seq "$n"); do [ -e "$f" ] && return 0; sleep 0.1; done
  return 1
}

# start_charon X NS MODE     (X = A|B; dir $W/X)
#   MODE std     : charon in the foreground, stdout/stderr to $W/X/stdout.log
#   MODE syslog  : + a private rsyslogd in the same mount namespace, on a private /dev
#   MODE starter : strongswan-starter (ipsec.conf), which starts charon; stroke plugin
start_charon() {
  local X=$1 NS=$2 MODE=$3 D=$W/$1
  mkdir -p "$D/run"
  rm -f "$D/charon.vici" "$D/charon.log"
  case $MODE in
    std)
      ip netns exec "$NS" sh -c "mount --bind '$D/run' /run && exec env STRONGSWAN_CONF='$D/strongswan.conf' $CHARON" \
        >"$D/stdout.log" 2>&1 &
      echo $! > "$D/charon.pid"; PIDFILES="$PIDFILES $D/charon.pid"
      ;;
    syslog)
      # /dev/log does not exist on this host and must not be created there: give this mount
      # namespace a private /dev (tmpfs) with the few device nodes charon needs, let rsyslogd
      # create /dev/log in it, then exec charon in the same mount namespace.
      mkdir -p "$D/hostdev" "$D/rsyslog"
      ip netns exec "$NS" sh -c "
        set -e
        mount --bind '$D/run' /run
        mount --bind /dev '$D/hostdev'
        mount -t tmpfs -o mode=755 ikc-dev /dev
        for n in null zero random urandom; do touch /dev/\$n; mount --bind '$D/hostdev/'\$n /dev/\$n; done
        mkdir /dev/net; touch /dev/net/tun; mount --bind '$D/hostdev/net/tun' /dev/net/tun
        /usr/sbin/rsyslogd -n -f '$D/rsyslog.conf' -i '$D/rsyslog/rsyslogd.pid' >'$D/rsyslogd.out' 2>&1 &
        echo \$! > '$D/rsyslogd.pid'
        i=0; while [ ! -S /dev/log ] && [ \$i -lt 100 ]; do sleep 0.1; i=\$((i+1)); done
        exec env STRONGSWAN_CONF='$D/strongswan.conf' $CHARON" >"$D/stdout.log" 2>&1 &
      echo $! > "$D/charon.pid"; PIDFILES="$PIDFILES $D/charon.pid"
      wait_for "$D/rsyslogd.pid" 50 || die "rsyslogd did not start"
      PIDFILES="$PIDFILES $D/rsyslogd.pid"
      ;;
    starter)
      ip netns exec "$NS" sh -c "mount --bind '$D/run' /run && exec env STRONGSWAN_CONF='$D/strongswan.conf' $STARTER --nofork --conf '$D/ipsec.conf'" \
        >"$D/starter.log" 2>&1 &
      echo $! > "$D/starter.pid"; PIDFILES="$PIDFILES $D/starter.pid"
      wait_for "$D/run/charon.ctl" 100 || die "charon (via starter) did not open charon.ctl"
      return 0
      ;;
  esac
  wait_for "$D/charon.vici" 100 || die "charon $X did not open its vici socket"
}

swc() { # X swanctl-args...
  local X=$1; shift
  STRONGSWAN_CONF=$W/$X/strongswan.conf swanctl "$@" --uri "unix://$W/$X/charon.vici"
}

stop_side() { # X: stop its daemons (charon first, then rsyslogd so that it gets the last lines)
  local D=$W/$1 f
  for f in starter.pid charon.pid; do [ -f "$D/$f" ] && kill_pid "$(cat "$D/$f")"; done
  if [ -f "$D/rsyslogd.pid" ]; then sleep 0.3; kill_pid "$(cat "$D/rsyslogd.pid")"; fi
  return 0
}

# ---------------------------------------------------------------------------------------------
# config writers
# ---------------------------------------------------------------------------------------------
LEVELS_STD="default = 1
        ike = 2
        cfg = 2
        net = 2
        enc = 1
        chd = 1"
LEVELS_VERBOSE="default = 1
        ike = 4
        chd = 4
        enc = 2
        net = 2
        knl = 2
        cfg = 2"

# write_strongswan_conf X LOGGERS [EXTRA_PLUGINS]
#   LOGGERS: filelog | stdout | syslog | filelog-verbose
write_strongswan_conf() {
  local X=$1 LOGGERS=$2 EXTRA=${3:-} D=$W/$1 loggers
  case $LOGGERS in
    filelog|filelog-verbose)
      local lv=$LEVELS_STD; [ "$LOGGERS" = filelog-verbose ] && lv=$LEVELS_VERBOSE
      loggers="  filelog {
    charonlog {
      path = $D/charon.log
      time_format = %T
      time_add_ms = yes
      ike_name = yes
      append = no
      flush_line = yes
      $lv
    }
  }" ;;
    stdout)
      # charon run in the foreground: the logger "stdout" writes to charon's standard output,
      # without time stamps and without the IKE_SA name (the plain `08[NET] ...` form)
      loggers="  filelog {
    stdout {
      flush_line = yes
      $LEVELS_STD
    }
  }" ;;
    syslog)
      loggers="  syslog {
    daemon {
      ike_name = yes
      $LEVELS_STD
    }
  }" ;;
  esac
  cat > "$D/strongswan.conf" <<EOF
# strongswan.conf of side $X (generated by corpus/tools/record-strongswan.sh)
charon {
  load_modular = no
  load = random nonce openssl pem pkcs1 x509 pubkey hmac sha1 sha2 md5 aes gmp kernel-libipsec kernel-netlink socket-default vici xauth-generic attr$EXTRA
  threads = 32
  # Aggressive Mode with PSK is refused by a responder unless this is set
  i_dont_care_about_security_and_use_aggressive_mode_psk = yes
  # short retransmits: give up after about 12 s (1 + 1.8 + 3.2 + 5.8 s)
  retransmit_tries = 3
  retransmit_timeout = 1.0
  retransmit_base = 1.8
  plugins {
    vici {
      socket = unix://$D/charon.vici
    }
    stroke {
      secrets_file = $D/ipsec.secrets
    }
  }
$loggers
}
# plugins of the swanctl client (its defaults try a dozen plugins Debian does not ship)
swanctl {
  load = random nonce openssl pem pkcs1 x509 pubkey
}
EOF
}

write_rsyslog_conf() { # X TEMPLATE PIDFROMSYSTEM HOSTNAME
  local X=$1 D=$W/$1
  cat > "$D/rsyslog.conf" <<EOF
# private rsyslogd for side $X (generated by corpus/tools/record-strongswan.sh)
global(workDirectory="$D/rsyslog" localHostName="$4")
module(load="imuxsock" SysSock.Name="/dev/log" SysSock.UsePIDFromSystem="$3")
module(load="builtin:omfile" Template="$2")
*.*;auth,authpriv.none  $D/syslog
EOF
}

# write_swanctl_mm X CONN LOCAL REMOTE IKE_PROPOSALS ESP_PROPOSALS LOCAL_TS REMOTE_TS SECRET
write_swanctl_mm() {
  local X=$1 D=$W/$1
  cat > "$D/swanctl.conf" <<EOF
# swanctl.conf of side $X (generated by corpus/tools/record-strongswan.sh)
connections {
  $2 {
    version = 1
    aggressive = no
    local_addrs = $3
    remote_addrs = $4
    proposals = $5
    local {
      auth = psk
      id = $3
    }
    remote {
      auth = psk
      id = $4
    }
    children {
      net {
        local_ts = $7
        remote_ts = $8
        esp_proposals = $6
      }
    }
  }
}
secrets {
  ike-$2 {
    id-local = $3
    id-remote = $4
    secret = "$9"
  }
}
EOF
}

# the secrets of the remote-access scenario: the same on the client and the gateway
am_secrets() {
  cat <<'EOS'
secrets {
  ike-vpngroup {
    id-group = keyid:vpngroup
    id-gw = @gw.lab
    secret = "groupsecret"
  }
  xauth-alice {
    id = alice
    secret = "alicepass"
  }
}
EOS
}

write_swanctl_am_client() {
  cat > "$W/A/swanctl.conf" <<EOF
# swanctl.conf of side A, remote-access client (generated by corpus/tools/record-strongswan.sh)
connections {
  vpnclient {
    version = 1
    aggressive = yes
    local_addrs = $IPA
    remote_addrs = $IPB
    proposals = aes256-sha1-modp1024
    # request a virtual IP (Mode-Config)
    vips = 0.0.0.0
    local-psk {
      auth = psk
      # Cisco-style group name, sent as ID_KEY_ID
      id = keyid:vpngroup
    }
    local-xauth {
      auth = xauth
      xauth_id = alice
    }
    remote {
      auth = psk
      id = @gw.lab
    }
    children {
      net {
        remote_ts = 10.99.2.0/24
        esp_proposals = aes256-sha1
      }
    }
  }
}
$(am_secrets)
EOF
}

write_swanctl_am_gateway() {
  cat > "$W/B/swanctl.conf" <<EOF
# swanctl.conf of side B, remote-access gateway (generated by corpus/tools/record-strongswan.sh)
connections {
  rw-xauth {
    version = 1
    aggressive = yes
    local_addrs = $IPB
    remote_addrs = %any
    proposals = aes256-sha1-modp1024
    pools = pool1
    local {
      auth = psk
      id = @gw.lab
    }
    remote-psk {
      auth = psk
      id = keyid:vpngroup
    }
    remote-xauth {
      auth = xauth-generic
    }
    children {
      net {
        local_ts = 10.99.2.0/24
        esp_proposals = aes256-sha1
      }
    }
  }
}
pools {
  pool1 {
    addrs = 10.99.3.0/24
    dns = 10.99.2.53
  }
}
$(am_secrets)
EOF
}

write_ipsec_conf_a() {
  cat > "$W/A/ipsec.conf" <<EOF
# ipsec.conf of side A (strongswan-starter / stroke; generated by corpus/tools/record-strongswan.sh)
config setup
	uniqueids = yes

conn s2s
	keyexchange = ikev1
	aggressive = no
	authby = secret
	left = $IPA
	leftid = $IPA
	leftsubnet = 10.99.1.0/24
	right = $IPB
	rightid = $IPB
	rightsubnet = 10.99.2.0/24
	ike = aes128-sha1-modp2048!
	esp = aes128-sha1-modp2048!
	auto = add
EOF
  cat > "$W/A/ipsec.secrets" <<EOF
# ipsec.secrets of side A (generated by corpus/tools/record-strongswan.sh)
$IPA $IPB : PSK "labsecret123"
EOF
}

# ---------------------------------------------------------------------------------------------
# scenario runner
# ---------------------------------------------------------------------------------------------
RECORD=""  # record.txt of the current entry
run_rec() { # label cmd...: run, append the command, its output and exit code to record.txt
  local label=$1 rc=0; shift
  {
    printf '$ %s\n' "$label"
    "$@" 2>&1 || rc=$?
    printf '[exit %s]\n\n' "$rc"
  } >> "$RECORD"
  return 0
}

wait_quiet() { # wait until the file stops growing (max ~tenths), to let a side finish logging
  local f=$1 max=${2:-50} last=-1 cur i
  for i in $(seq "$max"); do
    cur=$(stat -c %s "$f" 2>/dev/null || echo 0)
    [ "$cur" = "$last" ] && return 0
    last=$cur; sleep 0.3
  done
}

# Set by scenario_setup:
#   MODE_A      std|syslog|starter    (how A's daemon runs)
#   MODE_B      std|syslog|none
#   ESTABLISH   yes|no                (expected outcome; ping + terminate when yes)
#   IKE_NAME / CHILD_NAME             (on A)
#   NFT_DROP_B  yes|no
#   INPUT       charonlog|swanctl|stdout|syslog|ipsecup
scenario_setup() {
  local S=$1
  MODE_A=std; MODE_B=std; ESTABLISH=yes; IKE_NAME=s2s; CHILD_NAME=net; NFT_DROP_B=no; INPUT=charonlog
  local LOG_A=filelog LOG_B=filelog
  local IKE_A=aes128-sha1-modp2048 IKE_B=aes128-sha1-modp2048
  local ESP_A=aes128-sha1-modp2048 ESP_B=aes128-sha1-modp2048
  local TS_A_L=10.99.1.0/24 TS_A_R=10.99.2.0/24 TS_B_L=10.99.2.0/24 TS_B_R=10.99.1.0/24
  local PSK_A=labsecret123 PSK_B=labsecret123
  case $S in
    strongswan-mm-01-psk-established) ;;
    strongswan-am-01-xauth-modecfg-established) IKE_NAME=vpnclient ;;
    strongswan-mm-02-psk-mismatch) ESTABLISH=no; PSK_B=wrongsecret456 ;;
    strongswan-mm-03-p1-proposal-mismatch) ESTABLISH=no; IKE_A=aes256-sha256-modp2048; IKE_B=3des-sha1-modp1024 ;;
    strongswan-mm-04-p2-proposal-mismatch) ESTABLISH=no; ESP_A=aes256-sha256; ESP_B=3des-md5 ;;
    strongswan-mm-05-pfs-mismatch) ESTABLISH=no; ESP_A=aes128-sha1-modp2048; ESP_B=aes128-sha1 ;;
    strongswan-mm-06-ts-mismatch) ESTABLISH=no; TS_B_L=10.99.3.0/24 ;;
    strongswan-mm-07-no-response) ESTABLISH=no; MODE_B=none; NFT_DROP_B=yes ;;
    strongswan-mm-08-verbose) LOG_A=filelog-verbose; LOG_B=filelog-verbose ;;
    strongswan-console-01-swanctl-initiate) INPUT=swanctl ;;
    strongswan-stdout-01-charon-foreground) INPUT=stdout; LOG_A=stdout ;;
    strongswan-syslog-01-established) INPUT=syslog; MODE_A=syslog; MODE_B=syslog; LOG_A=syslog; LOG_B=syslog ;;
    strongswan-console-02-ipsec-up) INPUT=ipsecup; MODE_A=starter ;;
    *) die "unknown scenario $S" ;;
  esac
  mkdir -p "$W/A" "$W/B"
  local EXTRA_A=""; [ "$MODE_A" = starter ] && EXTRA_A=" stroke"
  write_strongswan_conf A $LOG_A "$EXTRA_A"
  write_strongswan_conf B $LOG_B
  case $S in
    strongswan-am-01-*) write_swanctl_am_client; write_swanctl_am_gateway ;;
    *)
      write_swanctl_mm A s2s $IPA $IPB $IKE_A $ESP_A $TS_A_L $TS_A_R $PSK_A
      write_swanctl_mm B s2s $IPB $IPA $IKE_B $ESP_B $TS_B_L $TS_B_R $PSK_B
      ;;
  esac
  if [ "$MODE_A" = starter ]; then rm -f "$W/A/swanctl.conf"; write_ipsec_conf_a; fi
  # A: traditional BSD format with the pid taken from the socket (like journald-fed syslog);
  # B: Debian 12's rsyslog default (RFC 3339 time, no pid).
  [ "$MODE_A" = syslog ] && write_rsyslog_conf A RSYSLOG_TraditionalFileFormat on gw-a
  [ "$MODE_B" = syslog ] && write_rsyslog_conf B RSYSLOG_FileFormat off gw-b
  return 0
}

record_one() {
  local S=$1 E=$OUT/$1
  log "=== $S"
  rm -rf "$W"; mkdir -p "$W"
  scenario_setup "$S"
  net_up
  mkdir -p "$E"
  RECORD=$W/record.txt
  {
    echo "# $S — recorded $(date -u '+%Y-%m-%d %H:%M:%S UTC') by corpus/tools/record-strongswan.sh"
    echo "# $($CHARON --version 2>&1 | head -1 || true) ($(dpkg-query -W -f='${Version}' strongswan-charon)), kernel $(uname -r)"
    echo
  } > "$RECORD"

  if [ "$NFT_DROP_B" = yes ]; then
    if command -v nft >/dev/null; then
      run_rec "ip netns exec $NSB nft -f - (drop udp/500 + udp/4500 in $NSB)" \
        ip netns exec $NSB nft -f - <<'EOF'
table inet ikc_drop {
  chain input {
    type filter hook input priority 0; policy accept;
    udp dport { 500, 4500 } drop
  }
}
EOF
    else
      echo "(nft not available: no daemon in $NSB, the kernel answers with ICMP port unreachable)" >> "$RECORD"
    fi
  fi

  # start the daemons (B first: it is the responder)
  if [ "$MODE_B" != none ]; then start_charon B $NSB "$MODE_B"; fi
  start_charon A $NSA "$MODE_A"
  if [ "$MODE_B" != none ]; then run_rec "swanctl --load-all --file B/swanctl.conf  (on B)" swc B --load-all --file "$W/B/swanctl.conf"; fi
  if [ "$MODE_A" != starter ]; then run_rec "swanctl --load-all --file A/swanctl.conf  (on A)" swc A --load-all --file "$W/A/swanctl.conf"; fi
  sleep 0.3

  # initiate on A
  local t0 rc; t0=$(date +%s.%N)
  case $MODE_A in
    starter)
      # `ipsec up` must see this instance's /run/charon.ctl: same private /run bind mount
      ip netns exec $NSA sh -c "mount --bind '$W/A/run' /run && exec env STRONGSWAN_CONF='$W/A/strongswan.conf' ipsec up $IKE_NAME" \
        > "$W/initiate.out" 2> "$W/initiate.err" && rc=0 || rc=$?
      ;;
    *)
      STRONGSWAN_CONF=$W/A/strongswan.conf swanctl --initiate --ike $IKE_NAME --child $CHILD_NAME --timeout 40 \
        --uri "unix://$W/A/charon.vici" > "$W/initiate.out" 2> "$W/initiate.err" && rc=0 || rc=$?
      ;;
  esac
  { echo "$ initiate on A (exit $rc, $(awk -v a="$t0" -v b="$(date +%s.%N)" 'BEGIN{printf "%.1f", b-a}') s); stdout:"; cat "$W/initiate.out"
    echo "(stderr:)"; grep -v -e "^plugin '" -e "^opening directory" "$W/initiate.err" || true; echo; } >> "$RECORD"
  sleep 1

  if [ "$ESTABLISH" = yes ]; then
    run_rec "ip netns exec $NSA ping -c 3 -i 0.3 -W 1 10.99.2.1" ip netns exec $NSA ping -c 3 -i 0.3 -W 1 10.99.2.1
    if [ "$MODE_A" = starter ]; then
      run_rec "swanctl --list-sas  (on B)" swc B --list-sas
      run_rec "ipsec down $IKE_NAME  (on A)" ip netns exec $NSA sh -c "mount --bind '$W/A/run' /run && exec env STRONGSWAN_CONF='$W/A/strongswan.conf' ipsec down $IKE_NAME"
    else
      run_rec "swanctl --list-sas  (on A)" swc A --list-sas
      run_rec "swanctl --terminate --ike $IKE_NAME  (on A)" swc A --terminate --ike $IKE_NAME --timeout 10
    fi
    sleep 1
  elif [ "$MODE_B" != none ]; then
    run_rec "swanctl --list-sas  (on A)" swc A --list-sas
    run_rec "swanctl --list-sas  (on B)" swc B --list-sas
  fi

  # let both sides finish logging, then stop A first (so B logs whatever A sends while stopping)
  [ -f "$W/A/charon.log" ] && wait_quiet "$W/A/charon.log" 10
  [ -f "$W/B/charon.log" ] && wait_quiet "$W/B/charon.log" 10
  stop_side A
  sleep 0.5
  stop_side B
  teardown

  # copy into the corpus entry
  rm -f "$E/input.log" "$E/peer.log" "$E"/*.conf "$E"/*.secrets "$E/record.txt" "$E"/initiator.* "$E"/responder.*
  case $INPUT in
    charonlog) cp "$W/A/charon.log" "$E/input.log" ;;
    swanctl|ipsecup) cp "$W/initiate.out" "$E/input.log"; cp "$W/A/charon.log" "$E/initiator.charon.log" ;;
    stdout) cp "$W/A/stdout.log" "$E/input.log" ;;
    syslog) cp "$W/A/syslog" "$E/input.log" ;;
  esac
  if [ "$MODE_B" = syslog ]; then cp "$W/B/syslog" "$E/peer.log"
  elif [ "$MODE_B" != none ]; then cp "$W/B/charon.log" "$E/peer.log"; fi
  cp "$W/A/strongswan.conf" "$E/initiator.strongswan.conf"
  if [ "$MODE_A" = starter ]; then
    cp "$W/A/ipsec.conf" "$E/initiator.ipsec.conf"; cp "$W/A/ipsec.secrets" "$E/initiator.ipsec.secrets"
  else
    cp "$W/A/swanctl.conf" "$E/initiator.swanctl.conf"
  fi
  if [ "$MODE_B" != none ]; then
    cp "$W/B/strongswan.conf" "$E/responder.strongswan.conf"; cp "$W/B/swanctl.conf" "$E/responder.swanctl.conf"
  fi
  [ "$MODE_A" = syslog ] && cp "$W/A/rsyslog.conf" "$E/initiator.rsyslog.conf"
  [ "$MODE_B" = syslog ] && cp "$W/B/rsyslog.conf" "$E/responder.rsyslog.conf"
  # the temp dir path inside the configs is meaningless for readers: replace it
  sed -i "s#$W#/tmp/WORK#g" "$E"/*.conf "$RECORD" 2>/dev/null || true
  [ -f "$E/initiator.ipsec.secrets" ] && sed -i "s#$W#/tmp/WORK#g" "$E/initiator.ipsec.secrets"
  # drop swanctl's "opening directory '.../x509' failed" noise (no credential directories are used)
  grep -v "^opening directory '.*' failed: No such file or directory\$" "$RECORD" > "$E/record.txt" || true
  log "    -> $E ($(wc -l < "$E/input.log") lines input.log)"
}

main() {
  [ "$(id -u)" = 0 ] || die "must run as root"
  if [ "${1:-}" = --list ]; then printf '%s\n' $ALL_SCENARIOS; exit 0; fi
  local todo="" a s found
  for a in "$@"; do
    found=""
    for s in $ALL_SCENARIOS; do case $s in "$a"|"strongswan-$a"|"strongswan-$a"-*) found=$s ;; esac; done
    [ -n "$found" ] || die "unknown scenario '$a' (see --list)"
    todo="$todo $found"
  done
  [ -n "$todo" ] || todo=$ALL_SCENARIOS
  install_pkgs
  W=$(mktemp -d /tmp/ikc-record.XXXXXX)
  trap on_exit EXIT
  trap 'exit 130' INT TERM
  for s in $todo; do record_one "$s"; done
}

main "$@"
