/* Animated GIF in and out through giflib, following the convention in mp_codec_support.h. */
#ifndef MP_GIF_CODEC_H
#define MP_GIF_CODEC_H

#include <stddef.h>
#include <stdint.h>
#include "mp_codec_support.h"

#pragma clang assume_nonnull begin

/** A decoder that composites one frame at a time onto an RGBA canvas (disposal, partial frames, transparency,
    local palettes, interlacing). Memory does not grow with the number of frames. */
typedef struct mp_gif_decoder mp_gif_decoder;

/** The logical screen. */
typedef struct {
    int width, height;
} mp_gif_info;

/** The palette a frame was drawn with, as the encoder's "keep" strategy takes it. */
typedef struct {
    uint8_t rgb[768];
    /** Entries in `rgb`. */
    int count;
    /** -1 when none. */
    int transparent_index;
    /** The frame used the global palette. */
    int is_global;
} mp_gif_palette;

/** Opens `data` (not copied). The canvas must fit `limits->max_frame_pixels`; more than `limits->max_frames`
    frames fails the next call. NULL with `message` set on error. */
mp_gif_decoder *_Nullable mp_gif_decoder_open(const uint8_t *data, size_t length, const mp_limits *limits,
                                              mp_gif_info *info, char *_Nullable message);
/** Composites the next frame: 1 with `frame` (the RGBA canvas) and, when asked, its `palette`; 0 at the end; -1
    for a broken first frame or too many frames (`message` set). A frame broken after the first ends the
    animation, as browsers do. */
int mp_gif_decoder_next(mp_gif_decoder *decoder, mp_frame *frame, mp_gif_palette *_Nullable palette,
                        char *_Nullable message);
void mp_gif_decoder_close(mp_gif_decoder *_Nullable decoder);

/** An encoder for frames of one size: frame differencing (unchanged pixels transparent, smallest rectangle),
    disposal chosen per frame with one frame of look-ahead. */
typedef struct mp_gif_encoder mp_gif_encoder;

/** `loop_count` -1 writes no loop extension (play once), 0 forever, else repeats (clamped to 65535). `dither`
    0...1 for quantised frames; `quantize_speed` 1-10 for libimagequant. NULL with `message` set on error. */
mp_gif_encoder *_Nullable mp_gif_encoder_new(int width, int height, int loop_count, float dither, int quantize_speed,
                                             char *_Nullable message);
/** Adds a frame (width * height * 4 RGBA). With `palette` the colours are mapped into it (the "keep" strategy);
    without, or when it cannot show the frame, the frame is quantised with libimagequant. 0, or -1 with `message`. */
int mp_gif_encoder_add(mp_gif_encoder *encoder, const uint8_t *rgba, int delay_ms,
                       const mp_gif_palette *_Nullable palette, char *_Nullable message);
/** Writes the last frame and the trailer; the buffer is the caller's (free()). 0, or -1 with `message`. */
int mp_gif_encoder_finish(mp_gif_encoder *encoder, uint8_t *_Nullable *_Nonnull out, size_t *length,
                          char *_Nullable message);
void mp_gif_encoder_free(mp_gif_encoder *_Nullable encoder);

/** GIF to GIF at another size without the general pipeline: a source frame at a time, only what it changed is
    resampled (an area average for reductions of 2x and more, a tent below), colours map into the source frame's
    own palette without dithering, pixels whose shown colour is close enough stay transparent, and the frames are
    compressed by an LZW encoder that clears its table only when compression gets worse. */
typedef struct mp_gif_resizer mp_gif_resizer;

/** Opens `data` (not copied) for `width` x `height` output; `loop_count` as for mp_gif_encoder_new. At the
    source's own size every frame comes out exactly as the source shows it. NULL with `message` set on error. */
mp_gif_resizer *_Nullable mp_gif_resizer_open(const uint8_t *data, size_t length, const mp_limits *limits,
                                              int width, int height, int loop_count, char *_Nullable message);
/** Resizes and writes the next source frame: 1 done, 0 at the end, -1 with `message`, or 2 when this animation
    needs the general encoder (a frame must show transparency and has no palette index to spare for it). */
int mp_gif_resizer_next(mp_gif_resizer *resizer, char *_Nullable message);
/** Frames written so far. */
int mp_gif_resizer_frames(const mp_gif_resizer *resizer);
/** The finished file; the buffer is the caller's (free()). 0, or -1 with `message`. */
int mp_gif_resizer_finish(mp_gif_resizer *resizer, uint8_t *_Nullable *_Nonnull out, size_t *length,
                          char *_Nullable message);
void mp_gif_resizer_free(mp_gif_resizer *_Nullable resizer);

#pragma clang assume_nonnull end

#endif
