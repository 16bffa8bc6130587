# Shared by the server scripts here (sourced, not run). The caller defines
# say() and die().

# apt-get installs whichever of the named Debian packages are missing.
# Debian's packages may try to start system services on install; where
# policy-rc.d refuses that (as on the CI machines) nothing starts, and our own
# instances use their own ports and folders either way.
install_missing() {
  local missing=() p
  for p in "$@"; do
    dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
  done
  [ ${#missing[@]} -eq 0 ] && return 0
  say "installing ${missing[*]}"
  local sudo=""; [ "$(id -u)" = 0 ] || sudo=sudo
  $sudo apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq "${missing[@]}" >/dev/null || die "apt-get install ${missing[*]} failed"
}
