# Noncharacters written raw into YAML files, which libyaml accepts: U+FDD0 in
# report.yaml's subtitle, U+1FFFF in a fact's label, U+FDEF in a scenario's title.
fdd0=$(printf '\357\267\220')
p1=$(printf '\360\237\277\277')
fdef=$(printf '\357\267\257')
sed -e "s/^subtitle: \"A small/subtitle: \"A ${fdd0}small/" content/report.yaml >r.new
mv r.new content/report.yaml
sed -e "s/label: \"Cloud share/label: \"Cloud ${p1}share/" content/data/facts.yaml >f.new
mv f.new content/data/facts.yaml
sed -e "s/title: \"Slowest/title: \"Slow${fdef}est/" content/data/scenarios.yaml >s.new
mv s.new content/data/scenarios.yaml
