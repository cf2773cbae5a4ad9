/* model_wasm: the model compiled to WebAssembly (build/mkreport.wasm), carried in the
 * tool so that the explorer page needs nothing beside the binary. */
#ifndef MKR_MODEL_WASM_H
#define MKR_MODEL_WASM_H

#include <stddef.h>

/* The module's bytes, model_wasm_len of them (0 when the tool was built without the
 * WebAssembly toolchain; the array then holds one unused byte). */
extern const unsigned char model_wasm[];
extern const size_t model_wasm_len;

#endif
