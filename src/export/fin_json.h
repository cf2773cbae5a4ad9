/* fin_json: a scenario's "finance", "inputs" and "units" objects (MODEL.md, Export),
 * shared by the data exports and the explorer's WebAssembly model. */
#ifndef MKR_FIN_JSON_H
#define MKR_FIN_JSON_H

#include "export/json.h"
#include "model/finance.h"

/* Writes member key (NULL: an element or the document): r's outputs over its years,
 * with p's scalar terms (discount rate, shares, multiples) and r's lenses. */
void fin_json_finance(json_writer *w, const char *key, const fin_params *p,
    const fin_result *r);

/* Writes member key: every resolved input of p, per-year inputs over r's years. */
void fin_json_inputs(json_writer *w, const char *key, const fin_params *p,
    const fin_result *r);

/* Writes member key: {"finance": {field: unit}, "inputs": {field: unit}}. */
void fin_json_units(json_writer *w, const char *key, const fin_params *p,
    const fin_result *r);

#endif
