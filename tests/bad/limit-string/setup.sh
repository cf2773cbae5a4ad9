#!/bin/sh
# The report's description made 65,537 bytes long, one byte above the limit on a
# string (too big to commit: written here).
awk 'BEGIN { s = "x"; while (length(s) < 65537) s = s s; s = substr(s, 1, 65537) }
	/^description:/ { print "description: \"" s "\""; next } { print }' content/report.yaml > content/report.new
mv content/report.new content/report.yaml
