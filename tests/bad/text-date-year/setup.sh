# Dates must be real dates in the years 1800..2300: as_of 0000-01-01 was accepted, and
# so were a source's year 0999 and an evidence date in year 9999.
sed -e 's/^as_of: 2026-11-01/as_of: 0000-01-01/' content/report.yaml >r.new
mv r.new content/report.yaml
sed -e 's/date: 2022$/date: 0999/' content/data/sources.yaml >s.new
mv s.new content/data/sources.yaml
sed -e 's/date: 2022-01-15/date: 9999-01-15/' content/data/evidence.yaml >e.new
mv e.new content/data/evidence.yaml
