# Control characters made by escapes in a page's directives: "\f" in a chart's caption
# and "\x01" in a card's label (both built, with the byte raw in the HTML and the
# chart's SVGs not well-formed XML). Each is an error at its string.
f=content/pages/money.md
sed -e 's/^caption: Undiscounted cumulative cash flow to the investor, US\$ billions\./caption: "Undiscounted\\f cumulative cash flow to the investor, US$ billions."/' $f >$f.new
mv $f.new $f
f=content/pages/index.md
sed -e 's/^  label: Commitment/  label: "Commit\\x01ment"/' $f >$f.new
mv $f.new $f
