# Strings in a page's directives one byte over their limits: a chart's title (512
# bytes), caption and alt text (4,096), its axis label and a card's label (256).
t=$(awk 'BEGIN { s = "x"; while (length(s) < 513) s = s s; print substr(s, 1, 513) }')
l=$(awk 'BEGIN { s = "x"; while (length(s) < 257) s = s s; print substr(s, 1, 257) }')
p=$(awk 'BEGIN { s = "a few words "; while (length(s) < 4097) s = s s; print substr(s, 1, 4096) "x" }')
sed -e "s/^title: Cumulative cash flow by scenario/title: $t/" -e "s/^caption: Undiscounted cumulative.*/caption: $p/" \
	-e "s/^alt: Four lines.*/alt: $p/" -e "s/^y: {label: \"US\\\$ bn\"}/y: {label: \"$l\"}/" \
	content/pages/money.md >m.new
mv m.new content/pages/money.md
sed -e "s/^  label: Commitment/  label: $l/" content/pages/index.md >i.new
mv i.new content/pages/index.md
