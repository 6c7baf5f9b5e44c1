#!/usr/bin/env bash
# Installs the Debian packages Ferry's integration and e2e tests need (real FTP/FTPS/SFTP
# servers, Chromium, a keyring) on a fresh Debian 12 machine, as root, without a TTY.
# Idempotent and fast when everything is already there: nothing is fetched then.
#
# proftpd and pure-ftpd conflict with vsftpd as packages (all "Provides: ftp-server"), so their
# .deb files are only downloaded and unpacked into SERVERS_DIR; the test harness runs the
# binaries from there with its own config. Their shared-library dependencies are installed normally.
set -euo pipefail

export DEBIAN_FRONTEND=noninteractive
CACHE_DIR=/var/cache/ferry-test-debs
SERVERS_DIR=/opt/ferry-test-servers
TEST_USER=ferrytest
TEST_PASSWORD=ferrytest-pass

# g++, make and python3 build ssh2's native crypto binding during npm ci (node-gyp, against the
# Node headers these machines carry); without it SFTP falls back to slower JavaScript crypto.
APT_PACKAGES=(
  vsftpd python3-pyftpdlib openssh-server openssh-client openssl chromium gnome-keyring dbus
  dbus-user-session libsecret-tools lftp curl fonts-dejavu-core fonts-liberation2 procps
  g++ make python3
)
# Unpacked, never installed (they conflict with vsftpd).
UNPACKED_PACKAGES=(proftpd-core proftpd-mod-crypto pure-ftpd pure-ftpd-common)

log() { printf 'install-test-deps: %s\n' "$*"; }

if [[ $(id -u) -ne 0 ]]; then
  log "must run as root" >&2
  exit 1
fi

# Package installs must not start daemons (vsftpd, sshd): the harness starts its own on free ports.
POLICY_RC=/usr/sbin/policy-rc.d
POLICY_RC_PLACED=0
remove_policy_rc() {
  if [[ $POLICY_RC_PLACED -eq 1 ]]; then
    rm -f "$POLICY_RC"
  fi
}
trap remove_policy_rc EXIT
place_policy_rc() {
  if [[ $POLICY_RC_PLACED -eq 0 && ! -e $POLICY_RC ]]; then
    printf '#!/bin/sh\nexit 101\n' >"$POLICY_RC"
    chmod 755 "$POLICY_RC"
    POLICY_RC_PLACED=1
  fi
}

is_installed() {
  dpkg-query -W -f='${Status}' "$1" 2>/dev/null | grep -q '^install ok installed$'
}

APT_UPDATED=0
apt_update_once() {
  if [[ $APT_UPDATED -eq 0 ]]; then
    log "apt-get update"
    apt-get update -qq
    APT_UPDATED=1
  fi
}

apt_install() {
  local missing=()
  local pkg
  for pkg in "$@"; do
    is_installed "$pkg" || missing+=("$pkg")
  done
  if [[ ${#missing[@]} -eq 0 ]]; then
    return 0
  fi
  apt_update_once
  place_policy_rc
  log "apt-get install ${missing[*]}"
  apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
}

# 1. Packages installed normally.
apt_install "${APT_PACKAGES[@]}"
log "system packages present: ${APT_PACKAGES[*]}"

# 2. proftpd and pure-ftpd: download, unpack, install their libraries.
mkdir -p "$CACHE_DIR" "$SERVERS_DIR"
# apt downloads as the unprivileged _apt user where it exists.
if id _apt >/dev/null 2>&1; then chown _apt:root "$CACHE_DIR"; fi
STAMP="$SERVERS_DIR/.unpacked"
for pkg in "${UNPACKED_PACKAGES[@]}"; do
  deb=$(find "$CACHE_DIR" -maxdepth 1 -name "${pkg}_*.deb" -print -quit)
  if [[ -z $deb ]]; then
    apt_update_once
    log "apt-get download $pkg"
    (cd "$CACHE_DIR" && apt-get download -qq "$pkg")
    deb=$(find "$CACHE_DIR" -maxdepth 1 -name "${pkg}_*.deb" -print -quit)
  fi
  name=$(basename "$deb")
  if ! grep -qxF "$name" "$STAMP" 2>/dev/null; then
    log "unpack $name into $SERVERS_DIR"
    dpkg-deb -x "$deb" "$SERVERS_DIR"
    echo "$name" >>"$STAMP"
  fi
  # Only the shared libraries: the other dependencies (adduser, ucf, inetd, perl…) serve the
  # package's maintainer scripts and service setup, which the harness does not use.
  mapfile -t libs < <(dpkg-deb -f "$deb" Depends | tr ',' '\n' | sed -E 's/\(.*\)//; s/\|.*//; s/[[:space:]]//g' | grep -E '^lib' || true)
  if [[ ${#libs[@]} -gt 0 ]]; then
    apt_install "${libs[@]}"
  fi
done
log "proftpd: $SERVERS_DIR/usr/sbin/proftpd, pure-ftpd: $SERVERS_DIR/usr/sbin/pure-ftpd"

# 3. The system user the PAM-authenticating servers (vsftpd, proftpd, pure-ftpd, sshd) log in.
if ! id "$TEST_USER" >/dev/null 2>&1; then
  log "create user $TEST_USER"
  # A shell listed in /etc/shells: vsftpd's PAM stack ends with pam_shells.
  useradd --create-home --shell /bin/bash "$TEST_USER"
fi
# chpasswd every time: cheap, and repairs a user made by hand with another password.
echo "$TEST_USER:$TEST_PASSWORD" | chpasswd
# An expired or locked account makes PAM's account stage fail.
chage -E -1 -M -1 "$TEST_USER" >/dev/null
# sshd refuses to start without its privilege-separation directory.
mkdir -p /run/sshd
chmod 755 /run/sshd
log "user $TEST_USER ready (home $(getent passwd "$TEST_USER" | cut -d: -f6))"
log "done"
