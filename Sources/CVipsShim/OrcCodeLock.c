/*
 * One process-wide lock around the two orc calls libvips 8.14 makes that touch orc's code memory.
 *
 * Debian 12's orc 0.4.33 allocates and frees compiled code in a shared chunk list with no lock
 * (orc_code_chunk_free merges neighbours; fixed upstream in 0.4.34, "Thread-safety improvements around orc codemem
 * allocation/freeing"). libvips holds its own lock around orc_program_compile but not around orc_program_free, so
 * concurrent requests crashed. These definitions interpose orc's own (the executable exports them, see
 * Package.swift): libvips' calls land here, take the lock, and go on to orc's functions. The lock is recursive in
 * case orc calls one from inside the other.
 */
#define _GNU_SOURCE
#include <dlfcn.h>
#include <orc/orc.h>
#include <pthread.h>

static pthread_mutex_t code_lock = PTHREAD_RECURSIVE_MUTEX_INITIALIZER_NP;
static OrcCompileResult (*real_compile)(OrcProgram *);
static void (*real_free)(OrcProgram *);

/* Finds orc's own functions (the next definitions after this one). Called with the lock held. */
static void find_real(void) {
    if (!real_compile) real_compile = (OrcCompileResult (*)(OrcProgram *))dlsym(RTLD_NEXT, "orc_program_compile");
    if (!real_free) real_free = (void (*)(OrcProgram *))dlsym(RTLD_NEXT, "orc_program_free");
}

OrcCompileResult orc_program_compile(OrcProgram *program) {
    pthread_mutex_lock(&code_lock);
    find_real();
    OrcCompileResult result = real_compile ? real_compile(program) : ORC_COMPILE_RESULT_UNKNOWN_COMPILE;
    pthread_mutex_unlock(&code_lock);
    return result;
}

void orc_program_free(OrcProgram *program) {
    pthread_mutex_lock(&code_lock);
    find_real();
    if (real_free) real_free(program);
    pthread_mutex_unlock(&code_lock);
}

int mp_orc_code_lock_installed(void) {
    /* True when the dynamic linker resolves orc_program_free to this file, as libvips' calls are, and orc's own
       functions are there to go on to (liborc comes with libvips, which is loaded globally on first use). */
    if (dlsym(RTLD_DEFAULT, "orc_program_free") != (void *)orc_program_free) return 0;
    pthread_mutex_lock(&code_lock);
    find_real();
    int found = real_compile && real_free;
    pthread_mutex_unlock(&code_lock);
    return found;
}
