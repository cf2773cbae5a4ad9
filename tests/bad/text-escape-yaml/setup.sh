# Characters that only an escape in a double-quoted string can make: "\uFFFE" in
# report.yaml's title (18 errors at chart fences: "cairo: input string not valid
# UTF-8"), "\x01" in a fact's label, "\x7f" in a source's title, "\r" alone in a
# scenario's title. Each is an error at its string.
sed -e 's/^title: "Mini report"/title: "Mini\\uFFFE report"/' content/report.yaml >r.new
mv r.new content/report.yaml
sed -e 's/label: "Total funding/label: "Total\\x01 funding/' content/data/facts.yaml >f.new
mv f.new content/data/facts.yaml
sed -e 's/title: "Annual report/title: "Annual\\x7f report/' content/data/sources.yaml >s.new
mv s.new content/data/sources.yaml
sed -e 's/title: "Steady course"/title: "Steady\\r course"/' content/data/scenarios.yaml >c.new
mv c.new content/data/scenarios.yaml
