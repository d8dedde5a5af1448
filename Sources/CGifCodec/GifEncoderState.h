/* The GIF encoder's state, shared by its frame writer (GifEncoder.c) and its palette mapping (GifPalette.c).
   Private to CGifCodec. */
#ifndef MP_GIF_ENCODER_STATE_H
#define MP_GIF_ENCODER_STATE_H

#include "CGifCodec.h"

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
    /* nearest-colour cache for the keep strategy */
    uint32_t *cache_keys;
    uint8_t *cache_values;
    frame_palette cached_palette;
    int cache_valid;
    /* the palette's opaque entries sorted by green, for a nearest search that stops early */
    uint8_t by_green[256];
    int sorted_count;
};

/* Weighted squared distance of two RGB colours. */
int mp_gif_color_error(const uint8_t *a, const uint8_t *b);

/* Keep strategy: readies the nearest-colour cache for `e->palette`. 0, or -1 out of memory. */
int mp_gif_prepare_keep_cache(mp_gif_encoder *e);

/* The palette index nearest to an RGB pixel, through the cache. */
uint8_t mp_gif_cached_nearest(mp_gif_encoder *e, const uint8_t *pixel);

/* Picks an index no changed pixel maps to as the transparent one; 0 when every index is used. */
int mp_gif_lend_transparent_index(mp_gif_encoder *e);

/* Quantises the changed pixels of `box` into `e->pending` with libimagequant (unchanged ones transparent) and sets
   `e->palette`. 0, or -1. */
int mp_gif_quantize(mp_gif_encoder *e, pixel_box box);

#endif
