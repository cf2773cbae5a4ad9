#!/bin/sh
# mkreport serve end to end (tests/check-serve.py, and tests/serve-browser.js in
# Chromium) on a copy of the mini fixture.
# usage: run-serve.sh MKREPORT
set -e
PYTHON=${PYTHON:-/usr/bin/python3}
exec "$PYTHON" tests/check-serve.py "$1" tests/fixtures/mini/content templates
