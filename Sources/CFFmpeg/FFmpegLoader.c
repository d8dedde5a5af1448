#define MP_FFMPEG_LOADER
#include "CFFmpeg.h"

#include <dlfcn.h>
#include <pthread.h>
#include <stdio.h>
#include <string.h>

#define MP_STRING(x) #x
#define MP_SONAME(name, major) "lib" name ".so." MP_STRING(major)

mp_ffmpeg_functions mp_ffmpeg;

enum { MESSAGE_SIZE = 128 };

/* The libraries by the major version the headers were built for, so an ABI change fails to load, not to run. */
static void *library(const char *which) {
    const char *name = MP_SONAME("avformat", LIBAVFORMAT_VERSION_MAJOR);
    if (strcmp(which, "swscale") == 0) name = MP_SONAME("swscale", LIBSWSCALE_VERSION_MAJOR);
    if (strcmp(which, "avutil") == 0) name = MP_SONAME("avutil", LIBAVUTIL_VERSION_MAJOR);
    if (strcmp(which, "avcodec") == 0) name = MP_SONAME("avcodec", LIBAVCODEC_VERSION_MAJOR);
    return dlopen(name, RTLD_NOW | RTLD_LOCAL);
}

static char scaler_failure[MESSAGE_SIZE], video_failure[MESSAGE_SIZE];
static pthread_once_t scaler_once = PTHREAD_ONCE_INIT, video_once = PTHREAD_ONCE_INIT;

#define MP_RESOLVE(lib, function)                                                                                  \
    if (!*failure) {                                                                                               \
        void *handle = library(#lib);                                                                              \
        *(void **)&mp_ffmpeg.function = handle ? dlsym(handle, #function) : NULL;                                  \
        const char *error = mp_ffmpeg.function ? NULL : dlerror();                                                 \
        if (!mp_ffmpeg.function) snprintf(failure, MESSAGE_SIZE, "FFmpeg unavailable: %s", error ? error : #function); \
    }

static void load_scaler(void) {
    char *failure = scaler_failure;
    MP_FFMPEG_SCALER_FUNCTIONS(MP_RESOLVE)
}

static void load_video(void) {
    char *failure = video_failure;
    MP_FFMPEG_VIDEO_FUNCTIONS(MP_RESOLVE)
}

static int report(const char *failure, char *message) {
    if (!*failure) return 0;
    if (message) snprintf(message, MESSAGE_SIZE, "%s", failure);
    return -1;
}

int mp_ffmpeg_load_scaler(char *message) {
    pthread_once(&scaler_once, load_scaler);
    return report(scaler_failure, message);
}

int mp_ffmpeg_load_video(char *message) {
    if (mp_ffmpeg_load_scaler(message) != 0) return -1;
    pthread_once(&video_once, load_video);
    return report(video_failure, message);
}
