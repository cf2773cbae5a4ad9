#!/bin/sh
# A symlink out of the content folder cannot be committed portably: make it here.
rm content/pages/money.md
ln -s /etc/passwd content/pages/money.md
