/* oom: running out of memory unwinds to a catch point instead of crashing. */
#ifndef MKR_OOM_H
#define MKR_OOM_H

#include <stddef.h>

#ifndef __wasi__ /* the WebAssembly model (wasm/) has no setjmp: util_oom traps there */
#include <setjmp.h>

/* Makes env (set by the caller with setjmp, in a function that stays active until the
 * catch is removed) the place the calling thread's failed allocations jump to; NULL
 * removes it. Returns the previous catch point of this thread (NULL if none), to be
 * restored when env's function returns. Each thread has its own catch point. */
jmp_buf *util_oom_catch(jmp_buf *env);
#endif

/* Records that memory ran out and longjmps (value 1) to the calling thread's catch
 * point; without one prints "mkreport: out of memory" and aborts. Never returns. What
 * the interrupted code had allocated is abandoned: after the jump the caller may only
 * report, restore its own state and return (the process then ends). */
_Noreturn void util_oom(void);

/* Calls util_oom unless n bytes of address space can be mapped now (they are
 * unmapped again at once). For libraries that crash or abort instead of failing when
 * memory runs out (fontconfig, glib): called before starting them, it turns most such
 * crashes into the ordinary exit. */
void util_oom_need(size_t n);

/* Runs fn(arg) under a catch point of its own (the thread's previous one restored
 * after). Returns 0 if fn returned, 1 if memory ran out inside it (what fn had
 * allocated is abandoned). For thread bodies: the failure is raised again on the
 * calling thread once every thread has stopped. */
int util_oom_guard(void (*fn)(void *), void *arg);

/* Returns 1 if util_oom was called in this process, else 0. */
int util_oom_happened(void);

#endif
