/* cmd_check: `mkreport check`: every stage but writing; diagnostics only. */
#include <getopt.h>
#include <stdio.h>

#include "cmd/cmd.h"
#include "cmd/cmd_int.h"
#include "cmd/pipeline.h"

int
cmd_check(int argc, char **argv)
{
	const char *content = "content", *tdir = NULL;
	int ch;
	int jobs = 0;
	static const struct option opts[] = {
		{ "help", no_argument, NULL, 'h' },
		{ NULL, 0, NULL, 0 },
	};
	optind = 1;
	while ((ch = getopt_long(argc, argv, "C:T:j:h", opts, NULL)) != -1) {
		switch (ch) {
		case 'C': content = optarg; break;
		case 'T': tdir = optarg; break;
		case 'j': if (cmd_jobs("check", optarg, &jobs) < 0) return CMD_USAGE; break;
		case 'h': cmd_usage(stdout); return CMD_OK;
		default: return cmd_usage_error("check", "bad option");
		}
	}
	if (optind != argc)
		return cmd_usage_error("check", "unexpected argument");
	diag *d = diag_new();
	pipeline p;
	site_out *out = site_out_new();
	if (pipeline_compute(content, jobs, d, &p) == 0)
		pipeline_render(&p, pipeline_templates_dir(tdir), 0, d, out);
	int rc = cmd_report_diag(d);
	pipeline_free(&p);
	site_out_free(out);
	diag_free(d);
	return rc;
}
