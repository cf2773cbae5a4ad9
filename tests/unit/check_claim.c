/* check_claim: output paths claimed once per build (site_claim), files against folders. */
#include <check.h>
#include <stdio.h>
#include <string.h>

#include "diag.h"
#include "cmd/claims.h"
#include "site/site.h"
#include "check_main.h"

static diag *d;
static site_claims *cl;

static void
setup(void)
{
	d = diag_new();
	cl = site_claims_new();
}

static void
teardown(void)
{
	site_claims_free(cl);
	diag_free(d);
}

/* A position in file f at line l, column c. */
static diag_pos
at(const char *f, int l, int c)
{
	return (diag_pos){ diag_intern(d, f), l, c };
}

START_TEST(claim_once)
{
	diag_pos none = { NULL, 0, 0 };
	ck_assert_int_eq(site_claim(cl, "404.html", "the site", "its 404 page", none, d), 0);
	ck_assert_int_eq(site_claim(cl, "charts/zz.svg", "chart 'zz'", "its image",
	    at("p.md", 3, 5), d), 0);
	ck_assert_int_eq(site_claim(cl, "charts/zz-dark.svg", "chart 'zz'", "its dark image",
	    at("p.md", 3, 5), d), 0);
	ck_assert_int_eq(diag_errors(d), 0);
	ck_assert(site_claimed(cl, "charts/zz-dark.svg"));
	ck_assert(!site_claimed(cl, "charts/zz-narrow.svg"));
	ck_assert(!site_claimed(cl, "charts")); /* a folder is not a file */
	ck_assert_int_eq(site_claim(cl, "charts/zz-dark.svg", "chart 'zz-dark'", "its image",
	    at("p.md", 9, 5), d), -1);
	ck_assert_int_eq(site_claim(cl, "404.html", "section '404'", "its page",
	    at("report.yaml", 14, 5), d), -1);
	ck_assert_int_eq(diag_errors(d), 2);
	ck_assert_str_eq(diag_text(d, 0), "p.md:9:5: error: chart 'zz-dark' writes "
	    "'charts/zz-dark.svg' (its image), which chart 'zz' writes too (its dark image, at "
	    "p.md:3:5): choose another name");
	ck_assert_str_eq(diag_text(d, 1), "report.yaml:14:5: error: section '404' writes "
	    "'404.html' (its page), which the site writes too (its 404 page): choose another "
	    "name");
	/* the first claim stays */
	ck_assert_int_eq(site_claim(cl, "charts/zz-dark.svg", "x", "y", at("q", 1, 1), d), -1);
	ck_assert_str_eq(diag_text(d, 2), "q:1:1: error: x writes 'charts/zz-dark.svg' (y), "
	    "which chart 'zz' writes too (its dark image, at p.md:3:5): choose another name");
}
END_TEST

/* A path cannot be a file for one source and a folder for another, either way round;
 * a clash with no position of its own is reported at the earlier claim's. */
START_TEST(claim_file_and_folder)
{
	ck_assert_int_eq(site_claim(cl, "a/b/c.png", "chart 'c'", "its image", at("p.md", 2, 1),
	    d), 0);
	ck_assert_int_eq(site_claim(cl, "a/b/d.png", "chart 'd'", "its image", at("p.md", 4, 1),
	    d), 0);
	ck_assert_int_eq(site_claim(cl, "a/b", "section 'b'", "its page", at("r.yaml", 7, 3), d),
	    -1);
	ck_assert_str_eq(diag_text(d, 0), "r.yaml:7:3: error: section 'b' writes 'a/b' (its "
	    "page), which clashes with 'a/b/c.png' of chart 'c' (its image, at p.md:2:1): a "
	    "path cannot be both a file and a folder");
	ck_assert_int_eq(site_claim(cl, "a", "x", "y", (diag_pos){ NULL, 0, 0 }, d), -1);
	ck_assert_str_eq(diag_text(d, 1), "p.md:2:1: error: x writes 'a' (y), which clashes "
	    "with 'a/b/c.png' of chart 'c' (its image, at p.md:2:1): a path cannot be both a "
	    "file and a folder");
	ck_assert_int_eq(site_claim(cl, "z.html", "s", "t", at("r.yaml", 1, 1), d), 0);
	ck_assert_int_eq(site_claim(cl, "z.html/x.png", "u", "v", at("r.yaml", 2, 1), d), -1);
	ck_assert_int_eq(site_claim(cl, "a/bc", "w", "v", at("r.yaml", 3, 1), d), 0);
	ck_assert_int_eq(diag_errors(d), 3);
	ck_assert(!site_claimed(cl, "a/b"));
	ck_assert(site_claimed(cl, "a/bc"));
}
END_TEST

START_TEST(claim_many)
{
	char p[32];
	for (int i = 0; i < 5000; i++) {
		snprintf(p, sizeof p, "charts/c%d.svg", i);
		ck_assert_int_eq(site_claim(cl, p, "chart", "its image", at("p.md", i + 1, 1), d),
		    0);
	}
	for (int i = 0; i < 5000; i += 499) {
		snprintf(p, sizeof p, "charts/c%d.svg", i);
		ck_assert(site_claimed(cl, p));
		ck_assert_int_eq(site_claim(cl, p, "again", "its image", at("q.md", 1, 1), d), -1);
	}
	ck_assert_int_eq(diag_errors(d), 11);
	site_claims_free(NULL);
}
END_TEST

/* Every file a build writes must have been claimed: one written without a claim is an
 * error (a bug in claims.c), so the claims cannot fall behind the writers. */
START_TEST(claims_cover_what_is_written)
{
	site_out *o = site_out_new();
	site_out_add(o, "index.html", "a", 1);
	site_out_add(o, "charts/x.svg", "b", 1);
	ck_assert_int_eq(site_claim(cl, "index.html", "section 'index'", "its page",
	    at("r.yaml", 1, 1), d), 0);
	ck_assert_int_eq(claims_cover(o, cl, d), -1);
	ck_assert_int_eq(diag_errors(d), 1);
	ck_assert_str_eq(diag_text(d, 0), "charts/x.svg: error: internal error: output "
	    "'charts/x.svg' was written without a claim (src/cmd/claims.c)");
	ck_assert_int_eq(site_claim(cl, "charts/x.svg", "chart 'x'", "its image",
	    at("p.md", 1, 1), d), 0);
	ck_assert_int_eq(claims_cover(o, cl, d), 0);
	ck_assert_int_eq(diag_errors(d), 1);
	site_out_free(o);
}
END_TEST

int
main(void)
{
	Suite *s = suite_create("claim");
	TCase *tc = tcase_create("core");
	tcase_add_checked_fixture(tc, setup, teardown);
	tcase_add_test(tc, claim_once);
	tcase_add_test(tc, claim_file_and_folder);
	tcase_add_test(tc, claim_many);
	tcase_add_test(tc, claims_cover_what_is_written);
	suite_add_tcase(s, tc);
	return check_run(s);
}
