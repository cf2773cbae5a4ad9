# Noncharacters and a lone carriage return written raw into a page: U+FFFE and U+FDD0
# on one line (two errors, each at its column), U+10FFFF in a card's label, and a CR
# that does not end a line (CR LF line ends stay allowed: the page's last line has one).
fffe=$(printf '\357\277\276')
fdd0=$(printf '\357\267\220')
last=$(printf '\364\217\277\277')
cr=$(printf '\r')
f=content/pages/index.md
sed -e "s/^Acme committed/Acme${fffe} com${fdd0}mitted/" -e "s/^  label: Commitment/  label: Commit${last}ment/" \
	-e "s/^# Mini report/# Mini${cr} report/" $f >$f.new
printf 'Last line.\r\n' >>$f.new
mv $f.new $f
