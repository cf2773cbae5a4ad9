# Numeric character references that Markdown decodes into characters source text must
# not hold: &#1; and &#xFFFE; in a paragraph (the build failed at report.pdf, "cairo:
# input string not valid UTF-8", with no position), &#x7f; in a fact's label. Each is
# an error at the reference.
f=content/pages/money.md
sed -e 's/^The base case/The \&#1; base \&#xFFFE; case/' $f >$f.new
mv $f.new $f
sed -e 's/label: "Total funding/label: "Total \&#x7f;funding/' content/data/facts.yaml >f.new
mv f.new content/data/facts.yaml
