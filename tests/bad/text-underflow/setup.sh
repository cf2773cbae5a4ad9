# Numbers too close to zero for a double: 1e-400 was read as 0 while 1e400 was an
# error. A nonzero number that would be read as 0 (or as a subnormal) is an error;
# 0e-400 is 0.
f=content/data/finance.yaml
sed -e 's/discount_rate: {value: 0.1,/discount_rate: {value: 1e-400,/' \
	-e 's/azure_gross_margin: {value: 0.5,/azure_gross_margin: {value: -2.5e-310,/' \
	-e 's/growth_terminal: {value: 0.1,/growth_terminal: {value: 0e-400,/' $f >$f.new
mv $f.new $f
