#define MP_AVIF_LOADER
#include "AvifFunctions.h"
#include "mp_codec_support.h"

#include <pthread.h>

/* The soname of the libavif the headers describe, so another ABI fails to load rather than to run. */
#if AVIF_VERSION_MAJOR == 0 && AVIF_VERSION_MINOR == 11
#define MP_AVIF_SONAME "libavif.so.15"
#elif AVIF_VERSION_MAJOR == 1
#define MP_AVIF_SONAME "libavif.so.16"
#else
#error "name the soname of this libavif version here"
#endif

mp_avif_functions mp_avif;

static char failure[MP_MESSAGE_SIZE];
static pthread_once_t once = PTHREAD_ONCE_INIT;

#define MP_AVIF_NAME(function) #function,
#define MP_AVIF_SLOT(function) (void **)&mp_avif.function,

static void load(void) {
    static const char *const names[] = {MP_AVIF_FUNCTIONS(MP_AVIF_NAME)};
    void **const slots[] = {MP_AVIF_FUNCTIONS(MP_AVIF_SLOT)};
    mp_load_functions(MP_AVIF_SONAME, names, slots, (int)(sizeof names / sizeof names[0]), 0, failure);
}

int mp_avif_load(char *message) {
    pthread_once(&once, load);
    return mp_load_outcome(failure, message);
}
