# A callout's body one byte over its limit of 8,192 bytes (a paragraph's).
x=$(awk 'BEGIN { s = "a few words "; while (length(s) < 8193) s = s s; print substr(s, 1, 8192) "x" }')
sed -e "s/^body: \"The cumulative cash flow reaches.*/body: \"$x\"/" content/pages/index.md >i.new
mv i.new content/pages/index.md
