# A UTF-8 byte-order mark (as editors on Windows write) at the start of report.yaml, a
# data file and a page is accepted (report.yaml with one was a syntax error at line 2),
# and positions count from the character after it: the errors below are at column 1
# of line 1, and at the control character's own column.
bom=$(printf '\357\273\277')
soh=$(printf '\001')
{ printf '%s' "$bom"; sed -e 's/^title: "Mini report"/titel: "Mini report"/' content/report.yaml; } >r.new
mv r.new content/report.yaml
{ printf '%s' "$bom"; cat content/data/facts.yaml; } >f.new
mv f.new content/data/facts.yaml
{ printf '%s' "$bom"; sed -e "s/^# Money/# Mo${soh}ney/" content/pages/money.md; } >m.new
mv m.new content/pages/money.md
