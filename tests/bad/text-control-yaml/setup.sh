# Control characters written raw into YAML files: U+0001 in report.yaml's description,
# U+007F (DEL) in a source's title, U+009B (a C1 control) twice on one line of a fact's
# label. libyaml refused them too, with its own message; now each is an error at its
# column.
soh=$(printf '\001')
del=$(printf '\177')
csi=$(printf '\302\233')
sed -e "s/^description: \"A small/description: \"A${soh} small/" content/report.yaml >r.new
mv r.new content/report.yaml
sed -e "s/title: \"Annual report/title: \"Annual${del} report/" content/data/sources.yaml >s.new
mv s.new content/data/sources.yaml
sed -e "s/label: \"Total funding commitment/label: \"Total${csi} funding${csi} commitment/" content/data/facts.yaml >f.new
mv f.new content/data/facts.yaml
