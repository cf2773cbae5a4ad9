# Titles one byte over their limit of 512 bytes: a source's and a scenario's (a 64 KB
# title was accepted; report.yaml's own titles have 256 bytes, issue 8).
x=$(awk 'BEGIN { s = "x"; while (length(s) < 513) s = s s; print substr(s, 1, 513) }')
sed -e "s/title: \"Annual report 2020\"/title: \"$x\"/" content/data/sources.yaml >s.new
mv s.new content/data/sources.yaml
sed -e "s/title: \"Slowest\"/title: \"$x\"/" content/data/scenarios.yaml >c.new
mv c.new content/data/scenarios.yaml
