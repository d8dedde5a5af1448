/* Animated PNG (APNG) in and out, following the convention in mp_codec_support.h. Debian's libpng has no APNG
   chunks, so acTL, fcTL and fdAT are read and written here; each frame's pixels go through libpng. */
#ifndef MP_APNG_CODEC_H
#define MP_APNG_CODEC_H

#include <stddef.h>
#include <stdint.h>
#include "mp_codec_support.h"

#pragma clang assume_nonnull begin

/** A decoder that composites one frame at a time onto an RGBA canvas (blend and dispose ops, sub-rectangles).
    Memory holds the canvas, one saved region and one frame, whatever the frame count. */
typedef struct mp_apng_decoder mp_apng_decoder;

typedef struct {
    int width, height;
    /** Frames the acTL chunk declares; the decoder never gives more. */
    int frames;
    /** Plays (0 forever). */
    int plays;
} mp_apng_info;

/** Opens `data` (not copied): a PNG with an acTL chunk before its image data. The canvas must fit
    `limits->max_frame_pixels` and the declared frame count `limits->max_frames`. NULL with `message` set. */
mp_apng_decoder *_Nullable mp_apng_decoder_open(const uint8_t *data, size_t length, const mp_limits *limits,
                                                mp_apng_info *info, char *_Nullable message);
/** 1 with the next composited frame (the RGBA canvas) and its delay; 0 at the end (after the declared count, or
    when the file has no more frames); -1 when the first frame is broken (`message` set). A frame broken after the
    first (sequence out of order, outside the canvas, bad pixels) ends the animation, as browsers do. */
int mp_apng_decoder_next(mp_apng_decoder *decoder, mp_frame *frame, char *_Nullable message);
void mp_apng_decoder_close(mp_apng_decoder *_Nullable decoder);

/** An encoder for frames of one size: the first frame whole (as the default image, so viewers without APNG show
    it), each later frame only as the rectangle that changed. */
typedef struct mp_apng_encoder mp_apng_encoder;

/** `plays` 0 forever. `alpha` 0 writes RGB frames (the alpha bytes of the input are ignored). `level` is zlib's
    compression level, 1-9. NULL with `message` set. */
mp_apng_encoder *_Nullable mp_apng_encoder_new(int width, int height, int plays, int alpha, int level,
                                               char *_Nullable message);
/** Adds a frame (width * height * 4 RGBA). 0, or -1 with `message`. */
int mp_apng_encoder_add(mp_apng_encoder *encoder, const uint8_t *rgba, int delay_ms, char *_Nullable message);
/** The file; the buffer is the caller's (free()). 0, or -1 with `message`. */
int mp_apng_encoder_finish(mp_apng_encoder *encoder, uint8_t *_Nullable *_Nonnull out, size_t *length,
                           char *_Nullable message);
void mp_apng_encoder_free(mp_apng_encoder *_Nullable encoder);

#pragma clang assume_nonnull end

#endif
