/* libavif loaded on first use rather than at start-up (its encoders and decoders cost a process ~12 ms to load).
   Include instead of <avif/avif.h>: the libavif functions called are renamed to pointers that mp_avif_load
   fills once. Private to CAvifCodec. */
#ifndef MP_AVIF_FUNCTIONS_H
#define MP_AVIF_FUNCTIONS_H

#include <avif/avif.h>

#define MP_AVIF_FUNCTIONS(X)                                                                                       \
    X(avifCodecName) X(avifDecoderCreate) X(avifDecoderDestroy) X(avifDecoderNextImage)                            \
    X(avifDecoderNthImageTiming) X(avifDecoderParse) X(avifDecoderSetIOMemory) X(avifEncoderAddImage)              \
    X(avifEncoderCreate) X(avifEncoderDestroy) X(avifEncoderFinish) X(avifImageCreate) X(avifImageDestroy)         \
    X(avifImageRGBToYUV) X(avifImageYUVToRGB) X(avifRGBImageAllocatePixels) X(avifRGBImageFreePixels)              \
    X(avifRGBImageSetDefaults) X(avifRWDataFree) X(avifResultToString)

#define MP_AVIF_POINTER(function) __typeof__(function) *function;
typedef struct {
    MP_AVIF_FUNCTIONS(MP_AVIF_POINTER)
} mp_avif_functions;
#undef MP_AVIF_POINTER

extern mp_avif_functions mp_avif;

/* Loads libavif: 0, or -1 with `message` (MP_MESSAGE_SIZE bytes, may be NULL) set. */
int mp_avif_load(char *message);

#ifndef MP_AVIF_LOADER
#define avifCodecName (*mp_avif.avifCodecName)
#define avifDecoderCreate (*mp_avif.avifDecoderCreate)
#define avifDecoderDestroy (*mp_avif.avifDecoderDestroy)
#define avifDecoderNextImage (*mp_avif.avifDecoderNextImage)
#define avifDecoderNthImageTiming (*mp_avif.avifDecoderNthImageTiming)
#define avifDecoderParse (*mp_avif.avifDecoderParse)
#define avifDecoderSetIOMemory (*mp_avif.avifDecoderSetIOMemory)
#define avifEncoderAddImage (*mp_avif.avifEncoderAddImage)
#define avifEncoderCreate (*mp_avif.avifEncoderCreate)
#define avifEncoderDestroy (*mp_avif.avifEncoderDestroy)
#define avifEncoderFinish (*mp_avif.avifEncoderFinish)
#define avifImageCreate (*mp_avif.avifImageCreate)
#define avifImageDestroy (*mp_avif.avifImageDestroy)
#define avifImageRGBToYUV (*mp_avif.avifImageRGBToYUV)
#define avifImageYUVToRGB (*mp_avif.avifImageYUVToRGB)
#define avifRGBImageAllocatePixels (*mp_avif.avifRGBImageAllocatePixels)
#define avifRGBImageFreePixels (*mp_avif.avifRGBImageFreePixels)
#define avifRGBImageSetDefaults (*mp_avif.avifRGBImageSetDefaults)
#define avifRWDataFree (*mp_avif.avifRWDataFree)
#define avifResultToString (*mp_avif.avifResultToString)
#endif

#endif
