#!/bin/sh
# A page path naming a folder (git cannot store an empty one: make it here).
rm content/pages/money.md
mkdir content/pages/money.md
