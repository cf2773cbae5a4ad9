#!/bin/sh
# A page that is a FIFO must be refused at once, not block the build waiting for a
# writer (git cannot store a FIFO: make it here).
rm content/pages/money.md
mkfifo content/pages/money.md
