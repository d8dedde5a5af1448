/* The GIF encoder's state, shared by its frame writer (GifEncoder.c) and its palette mapping (GifPalette.c).
   Private to CGifCodec. */
#ifndef MP_GIF_ENCODER_STATE_H
#define MP_GIF_ENCODER_STATE_H

#include "CGifCodec.h"
#include "GifResizeParts.h"

#include <gif_lib.h>

enum { CACHE_SLOTS = 1 << 16 };

/* A palette as written: colours, count and the transparent index (-1 when none). */
typedef struct {
    uint8_t rgb[768];
    int count;
    int transparent;
} frame_palette;

/* A rectangle [left, right) x [top, bottom); empty when right is 0. */
typedef struct {
    int left, top, right, bottom;
} pixel_box;

struct mp_gif_encoder {
    int width, height, loop_count, speed;
    float dither;
    GifFileType *gif;
    uint8_t *out;
    size_t out_length, out_capacity;
    int out_failed;
    /* per pixel, the target colour it was last drawn with (alpha 0: shows transparent) */
    uint8_t *reference;
    uint8_t *work;        /* the incoming frame with alpha thresholded */
    uint8_t *scratch;     /* RGBA input for the quantiser */
    uint8_t *mask;        /* 1 where the frame differs from what is shown */
    uint8_t *indices;     /* keep strategy: each pixel's nearest palette index */
    int tolerance;        /* weighted squared colour error accepted instead of redrawing a pixel */
    /* the frame waiting for its disposal to be decided */
    int has_pending;
    uint8_t *pending;     /* indices, pending_width * pending_height */
    uint8_t *spare;
    int left, top, pending_width, pending_height, delay_cs;
    frame_palette palette;
    int header_written;
    frame_palette global;
    int has_global;
    /* nearest-colour lookup into `palette` for the keep strategy (its transparent entry never chosen) */
    mp_nearest *nearest;
};

/* Keep strategy: readies `e->nearest` for `e->palette`. 0, or -1 out of memory. */
int mp_gif_prepare_keep_cache(mp_gif_encoder *e);

/* Picks an index no changed pixel maps to as the transparent one; 0 when every index is used. */
int mp_gif_lend_transparent_index(mp_gif_encoder *e);

/* Quantises the changed pixels of `box` into `e->pending` with libimagequant (unchanged ones transparent) and sets
   `e->palette`. 0, or -1. */
int mp_gif_quantize(mp_gif_encoder *e, pixel_box box);

#endif
