# Control characters written raw into a page: U+0001 in a chart's caption (it built,
# and the chart's four SVGs were not well-formed XML), U+000C (form feed) in a
# paragraph, U+007F (DEL) in a heading, U+0085 (a C1 control) in a paragraph. Each is
# an error at its own line and column, all in one run.
soh=$(printf '\001')
ff=$(printf '\014')
del=$(printf '\177')
nel=$(printf '\302\205')
f=content/pages/money.md
sed -e "s/^# Money/# Mo${del}ney/" -e "s/^The base case/The base${ff} case/" \
	-e "s/^caption: Undiscounted cumulative/caption: Undiscounted${soh} cumulative/" \
	-e "s/^Cumulative cash flow turns/Cumulative${nel} cash flow turns/" $f >$f.new
mv $f.new $f
