/* Animated WebP in and out through libwebp's demux and mux libraries, following mp_codec_support.h. */
#ifndef MP_WEBP_ANIM_H
#define MP_WEBP_ANIM_H

#include <stddef.h>
#include <stdint.h>
#include "mp_codec_support.h"

#pragma clang assume_nonnull begin

/** A decoder that composites one frame at a time (blending and disposal applied). */
typedef struct mp_webp_decoder mp_webp_decoder;

typedef struct {
    int width, height, frames;
    /** Plays (0 forever), as WebP stores it. */
    int loop_count;
} mp_webp_info;

/** Opens `data` (not copied). The canvas must fit `limits->max_frame_pixels` and the frame count
    `limits->max_frames`. NULL with `message` set on error. */
mp_webp_decoder *_Nullable mp_webp_decoder_open(const uint8_t *data, size_t length, const mp_limits *limits,
                                                mp_webp_info *info, char *_Nullable message);
/** 1 with the next composited frame (RGBA canvas) and its duration; 0 at the end; -1 on a broken frame. */
int mp_webp_decoder_next(mp_webp_decoder *decoder, mp_frame *frame, char *_Nullable message);
void mp_webp_decoder_close(mp_webp_decoder *_Nullable decoder);

/** An encoder. `loop_count` is plays (0 forever; clamped to 65535). `mode` 0 lossy, 1 lossless, 2 each frame
    whichever is smaller. `effort` 0-6. NULL with `message` set on error. */
typedef struct mp_webp_encoder mp_webp_encoder;
mp_webp_encoder *_Nullable mp_webp_encoder_new(int width, int height, int loop_count, int quality, int mode,
                                               int effort, char *_Nullable message);
/** Adds a frame (width * height * 4 RGBA). `exact` encodes it losslessly, so a frame that differs from the
    previous one by a single level is kept as its own frame rather than merged into the previous one's duration. */
int mp_webp_encoder_add(mp_webp_encoder *encoder, const uint8_t *rgba, int delay_ms, int exact,
                        char *_Nullable message);
/** The file; the buffer is the caller's (free()). 0, or -1 with `message`. */
int mp_webp_encoder_finish(mp_webp_encoder *encoder, uint8_t *_Nullable *_Nonnull out, size_t *length,
                           char *_Nullable message);
void mp_webp_encoder_free(mp_webp_encoder *_Nullable encoder);

#pragma clang assume_nonnull end

#endif
