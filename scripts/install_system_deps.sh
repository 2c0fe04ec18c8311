#!/usr/bin/env bash
# Install the system programs the rendering and browser tests need (Debian/Ubuntu, root only):
# LibreOffice Writer (PDF), free CJK fonts standing in for the official ones (see fonts/fonts.conf),
# poppler-utils (pdftoppm/pdftotext) and chromium. Quick and silent when everything is present.
set -euo pipefail
if [ "$(id -u)" != 0 ]; then
  echo "install_system_deps.sh: must run as root; skipping" >&2
  exit 0
fi
want=(fonts-arphic-ukai fonts-arphic-uming fonts-wqy-zenhei fonts-noto-cjk poppler-utils python3-uno)
missing=()
for p in "${want[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "ok installed" || missing+=("$p")
done
# Writer: either package name will do.
if ! command -v soffice >/dev/null 2>&1; then
  missing+=(libreoffice-writer-nogui)
fi
if ! command -v chromium >/dev/null 2>&1 && ! command -v chromium-browser >/dev/null 2>&1; then
  missing+=(chromium)
fi
install_fandol() {
  # 仿宋 look-alike with full GB2312 coverage (SPEC §6): FandolFang ships only inside
  # texlive-lang-chinese, so take the .otf files out of the .deb instead of installing TeX.
  local dest=/usr/local/share/fonts/fandol
  [ -f "$dest/FandolFang-Regular.otf" ] && return 0
  local tmp
  tmp=$(mktemp -d)
  chmod 755 "$tmp"  # apt downloads as _apt
  (cd "$tmp" && apt-get download -qq texlive-lang-chinese >/dev/null && dpkg-deb -x texlive-lang-chinese_*.deb x)
  mkdir -p "$dest"
  find "$tmp/x" -name 'Fandol*.otf' -exec cp {} "$dest/" \;
  rm -rf "$tmp"
  fc-cache -f >/dev/null 2>&1 || true
}
if [ "${#missing[@]}" = 0 ]; then
  install_fandol
  exit 0
fi
echo "installing: ${missing[*]}" >&2
export DEBIAN_FRONTEND=noninteractive
apt-get update -qq
# libreoffice-writer-nogui does not exist on every release; fall back to libreoffice-writer.
if ! apt-get install -y -qq --no-install-recommends "${missing[@]}"; then
  alt=()
  for p in "${missing[@]}"; do
    [ "$p" = libreoffice-writer-nogui ] && p=libreoffice-writer
    alt+=("$p")
  done
  apt-get install -y -qq --no-install-recommends "${alt[@]}"
fi
fc-cache -f >/dev/null 2>&1 || true
install_fandol
