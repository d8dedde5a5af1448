#define MP_FFMPEG_LOADER
#include "CFFmpeg.h"
#include "mp_codec_support.h"

#include <pthread.h>
#include <string.h>

#define MP_STRING(x) #x
#define MP_SONAME(name, major) "lib" name ".so." MP_STRING(major)

mp_ffmpeg_functions mp_ffmpeg;

enum { MAX_FUNCTIONS = 64 };

/* Resolves the functions of `group` that live in `library` (one of swscale, avutil, avcodec, avformat). */
#define MP_COLLECT(lib, function)                                                                                  \
    if (strcmp(#lib, library) == 0) {                                                                              \
        names[count] = #function;                                                                                  \
        slots[count++] = (void **)&mp_ffmpeg.function;                                                            \
    }
#define MP_LOAD_GROUP(GROUP, wanted, soname, failure)                                                             \
    do {                                                                                                           \
        const char *library = wanted;                                                                              \
        const char *names[MAX_FUNCTIONS];                                                                          \
        void **slots[MAX_FUNCTIONS];                                                                               \
        int count = 0;                                                                                             \
        GROUP(MP_COLLECT)                                                                                          \
        if (count > 0 && !*failure) mp_load_functions(soname, names, slots, count, 0, failure);                    \
    } while (0)

/* The libraries by the major version the headers were built for, so an ABI change fails to load, not to run. */
#define MP_LOAD_ALL(GROUP, failure)                                                                                \
    MP_LOAD_GROUP(GROUP, "avutil", MP_SONAME("avutil", LIBAVUTIL_VERSION_MAJOR), failure);                       \
    MP_LOAD_GROUP(GROUP, "swscale", MP_SONAME("swscale", LIBSWSCALE_VERSION_MAJOR), failure);                    \
    MP_LOAD_GROUP(GROUP, "avcodec", MP_SONAME("avcodec", LIBAVCODEC_VERSION_MAJOR), failure);                    \
    MP_LOAD_GROUP(GROUP, "avformat", MP_SONAME("avformat", LIBAVFORMAT_VERSION_MAJOR), failure)

static char scaler_failure[MP_MESSAGE_SIZE], video_failure[MP_MESSAGE_SIZE];
static pthread_once_t scaler_once = PTHREAD_ONCE_INIT, video_once = PTHREAD_ONCE_INIT;

static void load_scaler(void) { MP_LOAD_ALL(MP_FFMPEG_SCALER_FUNCTIONS, scaler_failure); }

static void load_video(void) { MP_LOAD_ALL(MP_FFMPEG_VIDEO_FUNCTIONS, video_failure); }

int mp_ffmpeg_load_scaler(char *message) {
    pthread_once(&scaler_once, load_scaler);
    return mp_load_outcome(scaler_failure, message);
}

int mp_ffmpeg_load_video(char *message) {
    if (mp_ffmpeg_load_scaler(message) != 0) return -1;
    pthread_once(&video_once, load_video);
    return mp_load_outcome(video_failure, message);
}
