#!/usr/bin/env bash
# Set up a fresh Debian/Ubuntu machine (or check an existing one) to build the leaflets.
# System libraries: Pango for WeasyPrint, HarfBuzz's subsetter for fast font subsetting,
# poppler-utils and qpdf for the PDF checks in the tests; a JDK and JAXB to run veraPDF (the
# PDF/UA-1 validator in the tests); Fogra's free FOGRA39L print data and ArgyllCMS to make the CMYK
# profile of the print-shop PDFs; Chromium, Node.js and npm for the browser tests of the web site
# (Playwright drives /usr/bin/chromium; axe-core comes from npm). Then the Python packages, and
# axe-core into node_modules/ from package-lock.json.
set -euo pipefail
cd "$(dirname "$0")"

packages="libpango-1.0-0 libpangoft2-1.0-0 libharfbuzz-subset0 poppler-utils qpdf default-jdk-headless libjaxb-java icc-profiles-free argyll chromium gettext"
# Node.js and npm from Debian only when there is no npm at all: a Node.js from elsewhere (such as
# NodeSource's nodejs package, which carries its own npm) conflicts with Debian's npm package.
command -v npm >/dev/null 2>&1 || packages="$packages nodejs npm"
# PostgreSQL: the tests of the record of leaflets given run on a real server too (.ci/run starts it).
packages="$packages postgresql"
if command -v apt-get >/dev/null 2>&1; then
  missing=""
  for pkg in $packages; do
    dpkg-query -W -f='${Status}' "$pkg" 2>/dev/null | grep -q "ok installed" || missing="$missing $pkg"
  done
  if [ -n "$missing" ]; then
    sudo=""
    [ "$(id -u)" -ne 0 ] && sudo="sudo"
    echo "Installing system packages:$missing"
    $sudo apt-get update -qq
    DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq --no-install-recommends $missing >/dev/null
  fi
else
  echo "No apt-get here: install Pango (1.44 or newer), HarfBuzz's subset library, poppler-utils, qpdf," \
       "a JDK, JAXB, ArgyllCMS, icc-profiles-free, Chromium, Node.js and npm with your system's package" \
       "manager (see README.md)." >&2
fi

if [ -z "${VIRTUAL_ENV:-}" ] && python3 -c 'import sys, sysconfig, pathlib; sys.exit(not (pathlib.Path(sysconfig.get_path("stdlib")) / "EXTERNALLY-MANAGED").exists())'; then
  echo "This Python is managed by the system package manager. Create a virtual environment first:" >&2
  echo "  python3 -m venv .venv && . .venv/bin/activate && bash setup.sh" >&2
  exit 1
fi
python3 -m pip install --quiet --disable-pip-version-check --root-user-action=ignore -e ".[test]"
# The CMYK profile of the print-shop PDFs, made once from Fogra's FOGRA39L data (leaflets/render/printcolour.py).
if [ ! -f build/icc/FOGRA39L-leaflets.icc ]; then
  if command -v colprof >/dev/null 2>&1; then
    python3 -m leaflets.render.printcolour
  else
    echo "No ArgyllCMS (colprof) here: --profile print needs it to make its CMYK profile (see README.md)." >&2
  fi
fi
if ! command -v npm >/dev/null 2>&1; then
  echo "npm not found: install Node.js and npm, then run 'npm ci' here for the browser tests' axe-core." >&2
elif ! npm ls --silent axe-core >/dev/null 2>&1; then
  npm ci --no-audit --no-fund --loglevel=error
fi
echo "Setup complete."
