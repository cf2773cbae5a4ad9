#!/bin/sh
# A 50 MB line cannot be committed: write it here.
awk 'BEGIN { printf "note: \""; for (i = 0; i < 50 * 1024; i++) { s = sprintf("%1024s", ""); gsub(/ /, "x", s); printf "%s", s } print "\"" }' >> content/data/facts.yaml
