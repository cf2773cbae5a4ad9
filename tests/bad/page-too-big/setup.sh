#!/bin/sh
# A 2 MiB page, above the 1 MiB limit.
awk 'BEGIN { for (i = 0; i < 2 * 1024; i++) { s = sprintf("%1023s", ""); gsub(/ /, "a", s); print s } }' >> content/pages/money.md
