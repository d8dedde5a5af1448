#define MP_VIPS_LOADER
#include "VipsFunctions.h"
#include "mp_codec_support.h"

#include <pthread.h>
#include <stdio.h>

mp_vips_functions mp_vips;

static char failure[MP_MESSAGE_SIZE];
static pthread_once_t once = PTHREAD_ONCE_INIT;

#define MP_VIPS_NAME(function) #function,
#define MP_VIPS_SLOT(function) (void **)&mp_vips.function,

static void load(void) {
    static const char *const names[] = {MP_VIPS_FUNCTIONS(MP_VIPS_NAME)};
    void **const slots[] = {MP_VIPS_FUNCTIONS(MP_VIPS_SLOT)};
    /* The soname of the ABI the headers describe, so another ABI fails to load rather than to run. Global, so that
       liborc (which libvips brings) is found by the orc code lock's lookup of the real functions. */
    char soname[32];
    snprintf(soname, sizeof soname, "libvips.so.%d", VIPS_LIBRARY_CURRENT - VIPS_LIBRARY_AGE);
    mp_load_functions(soname, names, slots, (int)(sizeof names / sizeof names[0]), 1, failure);
}

int mp_vips_load(char *message) {
    pthread_once(&once, load);
    return mp_load_outcome(failure, message);
}
