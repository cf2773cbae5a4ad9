/* finish: what cairo 1.16 cannot write into report.pdf (language, alt texts, artifacts
 * out of the structure, viewer preferences, PDF dates), added by rewriting the file
 * with libqpdf, with object streams and a deterministic ID. */
#include "pdf/pdf_int.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <qpdf/qpdf-c.h>

/* What the walk over the structure tree carries. */
typedef struct walk {
	qpdf_data q;             /* the file */
	const pdf_finish_info *info;
	size_t nfig;             /* Figure elements met */
	int nnote;               /* Note elements met */
	int *gone;               /* object ids of the artifact elements taken out */
	size_t ngone;            /* entries of gone */
} walk;

/* Returns whether object id is one of w's artifact elements. */
static int
is_gone(const walk *w, int id)
{
	for (size_t i = 0; i < w->ngone; i++)
		if (w->gone[i] == id)
			return 1;
	return 0;
}

static void walk_kids(walk *w, qpdf_oh elem);

/* Visits structure element e: an artifact is remembered (its parent drops it: returns
 * 1), a Figure gets its /Alt, a Note its /ID; then its children. */
static int
visit(walk *w, qpdf_oh e)
{
	qpdf_data q = w->q;
	if (!qpdf_oh_is_dictionary(q, e) || !qpdf_oh_has_key(q, e, "/S"))
		return 0;
	qpdf_oh_remove_key(q, e, "/Type"); /* optional; 17 bytes of each of thousands */
	qpdf_oh s = qpdf_oh_get_key(q, e, "/S");
	if (qpdf_oh_is_name_and_equals(q, s, "/" PDF_TAG_ARTIFACT)) {
		w->gone = util_xrealloc(w->gone, (w->ngone + 1) * sizeof *w->gone);
		w->gone[w->ngone++] = qpdf_oh_get_object_id(q, e);
		return 1;
	}
	if (qpdf_oh_is_name_and_equals(q, s, "/Figure")) {
		const char *alt = w->nfig < w->info->nalts ? w->info->alts[w->nfig] : "";
		qpdf_oh_replace_key(q, e, "/Alt", qpdf_oh_new_unicode_string(q, alt));
		w->nfig++;
	} else if (qpdf_oh_is_name_and_equals(q, s, "/TH")) {
		qpdf_oh a = qpdf_oh_new_dictionary(q); /* header rows only: column headers */
		qpdf_oh_replace_key(q, a, "/O", qpdf_oh_new_name(q, "/Table"));
		qpdf_oh_replace_key(q, a, "/Scope", qpdf_oh_new_name(q, "/Column"));
		qpdf_oh_replace_key(q, e, "/A", a);
	} else if (qpdf_oh_is_name_and_equals(q, s, "/Note")) {
		char id[32];
		snprintf(id, sizeof id, "note-%d", ++w->nnote);
		qpdf_oh_replace_key(q, e, "/ID", qpdf_oh_new_string(q, id));
	}
	walk_kids(w, e);
	return 0;
}

/* Visits the children (/K) of elem (an element or the tree's root), dropping the
 * artifacts from them. */
static void
walk_kids(walk *w, qpdf_oh elem)
{
	qpdf_data q = w->q;
	if (!qpdf_oh_has_key(q, elem, "/K"))
		return;
	qpdf_oh k = qpdf_oh_get_key(q, elem, "/K");
	if (qpdf_oh_is_dictionary(q, k)) {
		if (visit(w, k))
			qpdf_oh_replace_key(q, elem, "/K", qpdf_oh_new_array(q));
		return;
	}
	if (!qpdf_oh_is_array(q, k))
		return;
	for (int i = 0; i < qpdf_oh_get_array_n_items(q, k);) {
		if (visit(w, qpdf_oh_get_array_item(q, k, i)))
			qpdf_oh_erase_item(q, k, i);
		else
			i++;
	}
}

/* Makes null every entry of the parent tree's arrays that names an artifact element
 * of w: their marked content stays, as artifacts, owned by no element. */
static void
null_parents(walk *w, qpdf_oh root)
{
	qpdf_data q = w->q;
	qpdf_oh pt = qpdf_oh_get_key(q, root, "/ParentTree");
	qpdf_oh nums = qpdf_oh_get_key(q, pt, "/Nums");
	for (int i = 1; qpdf_oh_is_array(q, nums) && i < qpdf_oh_get_array_n_items(q, nums);
	    i += 2) {
		qpdf_oh a = qpdf_oh_get_array_item(q, nums, i);
		if (!qpdf_oh_is_array(q, a)) {
			if (is_gone(w, qpdf_oh_get_object_id(q, a)))
				qpdf_oh_set_array_item(q, nums, i, qpdf_oh_new_null(q));
			continue;
		}
		for (int j = 0; j < qpdf_oh_get_array_n_items(q, a); j++)
			if (is_gone(w, qpdf_oh_get_object_id(q, qpdf_oh_get_array_item(q, a, j))))
				qpdf_oh_set_array_item(q, a, j, qpdf_oh_new_null(q));
	}
}

/* If b[i..) starts with a line cairo writes to begin an artifact element's marked
 * content ("\n/" PDF_TAG_ARTIFACT " << /MCID <n> >> BDC"), returns its length, else 0. */
static size_t
artifact_at(const buf *b, size_t i)
{
	static const char head[] = "\n/" PDF_TAG_ARTIFACT " << /MCID ", tail[] = " >> BDC";
	size_t h = sizeof head - 1, t = sizeof tail - 1;
	if (b->len - i < h || memcmp(b->data + i, head, h) != 0)
		return 0;
	size_t j = i + h;
	while (j < b->len && b->data[j] >= '0' && b->data[j] <= '9')
		j++;
	if (j == i + h || b->len - j < t || memcmp(b->data + j, tail, t) != 0)
		return 0;
	return j + t - i;
}

/* Rewrites, in the content stream of page, the marked content of the artifact
 * elements as /Artifact BMC: an artifact has no MCID, no element owns it. Returns 0
 * or -1. */
static int
mark_artifacts(qpdf_data q, qpdf_oh page)
{
	qpdf_oh c = qpdf_oh_get_key(q, page, "/Contents");
	unsigned char *data = NULL;
	size_t len = 0;
	QPDF_BOOL filtered = QPDF_FALSE;
	if (!qpdf_oh_is_stream(q, c) ||
	    qpdf_oh_get_stream_data(q, c, qpdf_dl_generalized, &filtered, &data, &len) !=
	    QPDF_SUCCESS || !filtered) {
		free(data);
		return qpdf_oh_is_stream(q, c) ? -1 : 0;
	}
	buf b, out;
	buf_init(&b);
	buf_init(&out);
	buf_putc(&b, '\n'); /* a tag at the very start matches too */
	buf_append(&b, data, len);
	free(data);
	size_t hits = 0;
	for (size_t i = 0; i < b.len;) {
		size_t k = artifact_at(&b, i);
		if (k > 0) {
			buf_puts(&out, "\n/Artifact BMC");
			i += k;
			hits++;
		} else {
			buf_putc(&out, b.data[i++]);
		}
	}
	if (hits > 0)
		qpdf_oh_replace_stream_data(q, c, (const unsigned char *)out.data + 1,
		    out.len - 1, qpdf_oh_new_null(q), qpdf_oh_new_null(q));
	buf_free(&out);
	buf_free(&b);
	return 0;
}

/* Sets the catalog's language, marking and viewer preferences, and /Tabs /S (tab
 * order follows the structure) on every page. */
static void
catalog(qpdf_data q, const pdf_finish_info *info)
{
	qpdf_oh root = qpdf_get_root(q);
	if (info->lang != NULL && info->lang[0] != '\0')
		qpdf_oh_replace_key(q, root, "/Lang", qpdf_oh_new_unicode_string(q, info->lang));
	qpdf_oh mark = qpdf_oh_new_dictionary(q);
	qpdf_oh_replace_key(q, mark, "/Marked", qpdf_oh_new_bool(q, QPDF_TRUE));
	qpdf_oh_replace_key(q, root, "/MarkInfo", mark);
	qpdf_oh vp = qpdf_oh_new_dictionary(q);
	qpdf_oh_replace_key(q, vp, "/DisplayDocTitle", qpdf_oh_new_bool(q, QPDF_TRUE));
	qpdf_oh_replace_key(q, root, "/ViewerPreferences", vp);
	int n = qpdf_get_num_pages(q);
	for (int i = 0; i < n; i++)
		qpdf_oh_replace_key(q, qpdf_get_page_n(q, (size_t)i), "/Tabs",
		    qpdf_oh_new_name(q, "/S"));
}

/* Gives the link annotation a its /Contents: the address it opens, or the title of
 * the destination it goes to (info's dests), else "Link". */
static void
link_contents(qpdf_data q, qpdf_oh a, const pdf_finish_info *info)
{
	const char *say = "Link";
	qpdf_oh act = qpdf_oh_get_key(q, a, "/A");
	if (qpdf_oh_is_dictionary(q, act) && qpdf_oh_is_string(q, qpdf_oh_get_key(q, act, "/URI")))
		say = qpdf_oh_get_utf8_value(q, qpdf_oh_get_key(q, act, "/URI"));
	qpdf_oh d = qpdf_oh_get_key(q, a, "/Dest");
	const char *dest = qpdf_oh_is_string(q, d) ? qpdf_oh_get_utf8_value(q, d) : NULL;
	for (size_t i = 0; dest != NULL && i < info->ndests; i++)
		if (strcmp(info->dests[i].dest, dest) == 0) {
			say = info->dests[i].title;
			break;
		}
	qpdf_oh_replace_key(q, a, "/Contents", qpdf_oh_new_unicode_string(q, say));
}

/* Gives every link annotation of q's pages its /Contents. */
static void
annot_contents(qpdf_data q, const pdf_finish_info *info)
{
	int n = qpdf_get_num_pages(q);
	for (int i = 0; i < n; i++) {
		qpdf_oh an = qpdf_oh_get_key(q, qpdf_get_page_n(q, (size_t)i), "/Annots");
		for (int k = 0; qpdf_oh_is_array(q, an) && k < qpdf_oh_get_array_n_items(q, an);
		    k++) {
			qpdf_oh a = qpdf_oh_get_array_item(q, an, k);
			if (qpdf_oh_is_name_and_equals(q, qpdf_oh_get_key(q, a, "/Subtype"), "/Link"))
				link_contents(q, a, info);
		}
	}
}

/* Marks the artifacts' content on every page of q. Returns 0 or -1. */
static int
page_artifacts(qpdf_data q)
{
	int n = qpdf_get_num_pages(q);
	for (int i = 0; i < n; i++)
		if (mark_artifacts(q, qpdf_get_page_n(q, (size_t)i)) != 0)
			return -1;
	return 0;
}

/* Sets the Info dictionary's dates to the day date ("YYYY-MM-DD") as PDF dates. */
static void
dates(qpdf_data q, const char *date)
{
	int y, m, d;
	if (date == NULL || sscanf(date, "%4d-%2d-%2d", &y, &m, &d) != 3)
		return;
	char pd[40];
	snprintf(pd, sizeof pd, "D:%04d%02d%02d000000Z", y, m, d);
	qpdf_oh infod = qpdf_oh_get_key(q, qpdf_get_trailer(q), "/Info");
	if (!qpdf_oh_is_dictionary(q, infod))
		return;
	qpdf_oh_replace_key(q, infod, "/CreationDate", qpdf_oh_new_string(q, pd));
	qpdf_oh_replace_key(q, infod, "/ModDate", qpdf_oh_new_string(q, pd));
}

/* Writes q into out: object streams, a deterministic ID. Returns 0 or -1. */
static int
write_out(qpdf_data q, buf *out)
{
	if (qpdf_init_write_memory(q) & QPDF_ERRORS)
		return -1;
	qpdf_set_object_stream_mode(q, qpdf_o_generate);
	qpdf_set_deterministic_ID(q, QPDF_TRUE);
	qpdf_set_compress_streams(q, QPDF_TRUE);
	if (qpdf_write(q) & QPDF_ERRORS)
		return -1;
	buf_append(out, qpdf_get_buffer(q), qpdf_get_buffer_length(q));
	return 0;
}

/* Reports q's error (or what) into why. */
static void
reason(qpdf_data q, const char *what, char *why, size_t n)
{
	if (qpdf_has_error(q))
		snprintf(why, n, "%s: %s", what, qpdf_get_error_full_text(q, qpdf_get_error(q)));
	else
		snprintf(why, n, "%s", what);
}

int
pdf_finish(buf *pdf, const pdf_finish_info *info, char *why, size_t n)
{
	qpdf_data q = qpdf_init();
	qpdf_silence_errors(q);
	qpdf_set_suppress_warnings(q, QPDF_TRUE);
	walk w = { q, info, 0, 0, NULL, 0 };
	buf out;
	buf_init(&out);
	int rc = -1;
	if (qpdf_read_memory(q, "report.pdf", pdf->data, pdf->len, NULL) != QPDF_SUCCESS) {
		reason(q, "libqpdf cannot read cairo's PDF", why, n);
		goto done;
	}
	qpdf_oh st = qpdf_oh_get_key(q, qpdf_get_root(q), "/StructTreeRoot");
	if (!qpdf_oh_is_dictionary(q, st)) {
		reason(q, "cairo wrote no structure tree", why, n);
		goto done;
	}
	walk_kids(&w, st);
	null_parents(&w, st);
	if (w.nfig != info->nalts) {
		snprintf(why, n, "%zu Figure elements for %zu alt texts", w.nfig, info->nalts);
		goto done;
	}
	catalog(q, info);
	dates(q, info->date);
	annot_contents(q, info);
	if (page_artifacts(q) != 0) {
		reason(q, "libqpdf cannot read a page's content", why, n);
		goto done;
	}
	if (qpdf_has_error(q) || write_out(q, &out) != 0) {
		reason(q, "libqpdf cannot write the PDF", why, n);
		goto done;
	}
	buf_reset(pdf);
	buf_append(pdf, out.data, out.len);
	rc = 0;
done:
	buf_free(&out);
	free(w.gone);
	qpdf_cleanup(&q);
	return rc;
}
