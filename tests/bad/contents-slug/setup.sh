#!/bin/sh
# Past 40 sections the site has contents.html: a section slugged "contents" would be
# overwritten by it. 38 more sections make 41; the 21st is slugged "contents".
i=1
while [ $i -le 38 ]; do
	slug=$(printf 'extra-%02d' $i)
	[ $i = 18 ] && slug=contents
	printf '  - slug: %s\n    title: "Extra %d"\n    file: pages/extra.md\n    description: "Extra section %d."\n' "$slug" $i $i >> content/report.yaml
	i=$((i + 1))
done
printf '# Extra\n\nA page that many sections share.\n' > content/pages/extra.md
