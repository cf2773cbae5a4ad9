#!/bin/sh
# Runs every Check unit suite given; fails if any suite fails.
status=0
for t in "$@"; do
	CK_FORK=yes "$t" || status=1
done
exit $status
