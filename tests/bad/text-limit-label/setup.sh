# Labels one byte over their limit of 256 bytes: two facts'.
x=$(awk 'BEGIN { s = "x"; while (length(s) < 257) s = s s; print substr(s, 1, 257) }')
sed -e "s/label: \"Weekly users\"/label: \"$x\"/" -e "s/label: \"Cloud share\"/label: $x/" \
	content/data/facts.yaml >f.new
mv f.new content/data/facts.yaml
