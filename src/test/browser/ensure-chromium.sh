#!/usr/bin/env bash
# The console test (HawtioConsoleIT) drives a real browser: Debian's chromium and its driver. Installed here, by the
# build (pre-integration-test), when missing, so that `./mvnw verify` sets up a fresh machine by itself.
set -euo pipefail
if [ -x /usr/bin/chromium ] && [ -x /usr/bin/chromedriver ]; then
  exit 0
fi
sudo_=""
if [ "$(id -u)" -ne 0 ]; then
  if ! command -v sudo >/dev/null; then
    echo "ensure-chromium: chromium/chromedriver missing and not root: apt-get install chromium chromium-driver" >&2
    exit 0   # HawtioConsoleIT then fails and says what is missing
  fi
  sudo_="sudo"
fi
echo "ensure-chromium: installing Debian's chromium and chromium-driver for the console test"
$sudo_ apt-get update -qq
$sudo_ env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends chromium chromium-driver
