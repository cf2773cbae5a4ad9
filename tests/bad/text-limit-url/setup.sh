# A source's URL one byte over its limit of 2,048 bytes.
x=$(awk 'BEGIN { s = "x"; while (length(s) < 2049) s = s s; print substr(s, 1, 2049 - 20) }')
sed -e "s|url: https://example.org/acme-10k-2020|url: https://example.org/$x|" content/data/sources.yaml >s.new
mv s.new content/data/sources.yaml
