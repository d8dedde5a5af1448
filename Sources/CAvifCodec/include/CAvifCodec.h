/* AVIF image sequences in and out through libavif, a frame at a time, following mp_codec_support.h; 10/12-bit PQ
   or HLG frames are tone-mapped to 8-bit SDR. */
#ifndef MP_AVIF_CODEC_H
#define MP_AVIF_CODEC_H

#include <stddef.h>
#include <stdint.h>
#include "mp_codec_support.h"

#pragma clang assume_nonnull begin

typedef struct mp_avif_decoder mp_avif_decoder;

typedef struct {
    int width, height, frames, depth;
    int has_alpha;
    /** PQ or HLG transfer. */
    int is_hdr;
    /** Seconds. */
    double duration;
} mp_avif_info;

/** Opens `data` (not copied). One frame must fit `limits->max_frame_pixels`, the sequence `limits->max_frames`.
    NULL with `message` set on error. */
mp_avif_decoder *_Nullable mp_avif_decoder_open(const uint8_t *data, size_t length, const mp_limits *limits,
                                                mp_avif_info *info, char *_Nullable message);
/** 1 with the next frame as 8-bit sRGB RGBA (owned by the decoder), 0 at the end, -1 on error. */
int mp_avif_decoder_next(mp_avif_decoder *decoder, mp_frame *frame, char *_Nullable message);
/** The duration of frame `index` in milliseconds, without decoding it; -1 when out of range. */
int mp_avif_decoder_frame_duration(mp_avif_decoder *decoder, int index);
void mp_avif_decoder_close(mp_avif_decoder *_Nullable decoder);

/** An encoder for a sequence (or a single image). `quality` 1-100, `speed` 0-10. NULL with `message` on error. */
typedef struct mp_avif_encoder mp_avif_encoder;
mp_avif_encoder *_Nullable mp_avif_encoder_new(int width, int height, int quality, int speed, int has_alpha,
                                               char *_Nullable message);
/** Adds a frame (width * height * 4 RGBA). 0, or -1 with `message`. */
int mp_avif_encoder_add(mp_avif_encoder *encoder, const uint8_t *rgba, int delay_ms, char *_Nullable message);
/** The file; the buffer is the caller's (free()). 0, or -1 with `message`. */
int mp_avif_encoder_finish(mp_avif_encoder *encoder, uint8_t *_Nullable *_Nonnull out, size_t *length,
                           char *_Nullable message);
void mp_avif_encoder_free(mp_avif_encoder *_Nullable encoder);

#pragma clang assume_nonnull end

#endif
