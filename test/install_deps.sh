#!/usr/bin/env bash
# Install what building and testing pg_backorder needs, if it is missing (Debian 12).
set -euo pipefail

packages=(g++ make cmake pkg-config postgresql-15 postgresql-server-dev-15 libpq-dev
          libgtest-dev libgmock-dev libbenchmark-dev libipc-run-perl libxml2-utils)
missing=()
for package in "${packages[@]}"; do
    dpkg-query -W -f='${Status}' "$package" 2>/dev/null | grep -q "install ok installed" \
        || missing+=("$package")
done
if ((${#missing[@]} == 0)); then
    exit 0
fi
if [[ $(id -u) -ne 0 ]]; then
    echo "missing packages: ${missing[*]} (install them, or run as root)" >&2
    exit 1
fi
echo "installing: ${missing[*]}"
apt-get update -qq
DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "${missing[@]}" \
    > /tmp/pg_backorder-apt.log 2>&1 || { tail -20 /tmp/pg_backorder-apt.log >&2; exit 1; }
