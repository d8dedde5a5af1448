/* The parts of the GIF resizer (GifResizer.c): resampling weights, nearest-colour lookup (which the encoder's
   "keep" strategy uses too), an LZW encoder, a byte writer and the frame store. Private to CGifCodec. */
#ifndef MP_GIF_RESIZE_PARTS_H
#define MP_GIF_RESIZE_PARTS_H

#include "CGifCodec.h"

#pragma clang assume_nonnull begin

/* A rectangle [left, right) x [top, bottom); empty when right <= left or bottom <= top. */
typedef struct {
    int left, top, right, bottom;
} mp_box;

/* The smallest box holding both (an empty box adds nothing). */
static inline mp_box mp_box_union(mp_box a, mp_box b) {
    if (a.right <= a.left || a.bottom <= a.top) return b;
    if (b.right <= b.left || b.bottom <= b.top) return a;
    return (mp_box){a.left < b.left ? a.left : b.left, a.top < b.top ? a.top : b.top,
                    a.right > b.right ? a.right : b.right, a.bottom > b.bottom ? a.bottom : b.bottom};
}

/* The canvas rectangle the last decoded frame changed (its own rectangle and what the previous frame's disposal
   restored; the whole canvas for the first frame). */
mp_box mp_gif_decoder_changed(const mp_gif_decoder *decoder);

/* ---- resampling (GifResample.c) ---- */

/* Weights (each output sample's summing to 1) taking `source` samples to `target` along one axis: an area average for
   reductions of 2x and more, a tent of the scale's width below that (bilinear when enlarging). */
typedef struct {
    int target;
    int taps;          /* weights per output sample */
    int *first;        /* first source sample of each output sample */
    float *weights;    /* target * taps */
} mp_axis;

int mp_axis_make(mp_axis *axis, int source, int target);
void mp_axis_free(mp_axis *axis);
/* The output samples whose weights touch source samples [from, to). */
void mp_axis_reach(const mp_axis *axis, int from, int to, int *out_from, int *out_to);

/* Resamples the output box `box` of an RGBA canvas (`source_width` wide) into `out` (RGBA, box-wide rows);
   `scratch` holds mp_resample_scratch(y, box) 16-byte pixels, 16-byte aligned. Colours are averaged with their
   alpha. */
void mp_resample_box(const uint8_t *canvas, int source_width, const mp_axis *x, const mp_axis *y, mp_box box,
                     void *scratch, uint8_t *out);
/* 16-byte pixels the scratch of mp_resample_box needs for `box`. */
size_t mp_resample_scratch(const mp_axis *y, mp_box box);

/* ---- nearest colour (GifNearest.c) ---- */

enum { MP_NEAREST_SLOTS = 1 << 14 };

/* Nearest-colour lookup into one palette, with the entry `skip` (a transparent one; -1 for none) never chosen.
   Shared by the resizer and the encoder's "keep" strategy. */
typedef struct {
    uint8_t rgb[768];
    int count;
    int skip;
    uint32_t keys[MP_NEAREST_SLOTS];   /* 0 empty, else 0x1000000 | rgb */
    uint8_t values[MP_NEAREST_SLOTS];
    /* usable entries by green */
    uint8_t order[256], green[256];
    int ordered;
} mp_nearest;

/* Readies the lookup for a palette; a palette equal to the current one keeps the cache. */
void mp_nearest_use(mp_nearest *nearest, const uint8_t *rgb, int count, int skip);
/* The palette index nearest to an RGB colour (exact for the palette's own colours). */
uint8_t mp_nearest_index(mp_nearest *nearest, const uint8_t *pixel);
/* Weighted squared distance of two RGB colours. */
int mp_color_distance(const uint8_t *a, const uint8_t *b);

/* ---- output (GifWriter.c) ---- */

/* A growing byte buffer; `failed` once an allocation failed (writes then do nothing). */
typedef struct {
    uint8_t *data;
    size_t length, capacity;
    int failed;
} mp_bytes;

void mp_bytes_put(mp_bytes *bytes, const void *data, size_t count);
void mp_bytes_byte(mp_bytes *bytes, uint8_t value);
void mp_bytes_u16(mp_bytes *bytes, int value);
/* A colour table of `count` entries padded to `1 << bits` entries. */
void mp_bytes_palette(mp_bytes *bytes, const uint8_t *rgb, int count, int bits);
/* Bits a colour table of `count` entries is written with (1 ... 8). */
int mp_palette_bits(int count);

/* One frame as written: its box, disposal, delay, transparent index (-1 none), colour table (local or the
   global one, `bits` wide) and box-sized indices. */
typedef struct {
    mp_box box;
    int disposal, delay_cs, transparent, local, count, bits;
    const uint8_t *rgb;
    const uint8_t *indices;
} mp_gif_frame_record;

/* The header, logical screen, global colour table (when given) and loop extension (when `loop_count` >= 0). */
void mp_gif_write_header(mp_bytes *bytes, int width, int height, const uint8_t *_Nullable global, int global_count,
                         int loop_count);
/* A graphics control extension, image descriptor, local colour table and image data. */
void mp_gif_write_frame(mp_bytes *bytes, const mp_gif_frame_record *frame);

/* Copies the source's global colour table into `rgb`: its entries, 0 when there is none. */
int mp_gif_decoder_global(const mp_gif_decoder *decoder, uint8_t rgb[_Nonnull 768]);

/* ---- frames held until the end (GifFrameStore.c) ---- */

typedef struct {
    mp_gif_frame_record record;   /* `rgb` and `indices` are not kept: see below */
    uint8_t rgb[768];             /* the local table */
    size_t indices_at;            /* where the frame's indices start in the store's buffer */
} mp_stored_frame;

/* Frames held so the colour tables can be chosen at the end, knowing every frame. */
typedef struct {
    int width, height, loop_count, global_count;
    uint8_t global[768];
    mp_stored_frame *frames;
    int count, capacity;
    uint8_t *indices;
    size_t length, indices_capacity;
    int streaming;   /* over the memory budget: frames written as they come, with the source's tables */
} mp_frame_store;

void mp_store_init(mp_frame_store *store, int width, int height, const uint8_t *_Nullable global, int global_count,
                   int loop_count);
/* Holds a frame (copied), or writes it to `out` once over the memory budget. 0, or -1 out of memory. */
int mp_store_add(mp_frame_store *store, const mp_gif_frame_record *record, mp_bytes *out);
/* Writes the header and every held frame to `out` with the smaller choice of tables. 0, or -1. */
int mp_store_finish(mp_frame_store *store, mp_bytes *out);
void mp_store_free(mp_frame_store *store);

/* LZW-compresses `count` indices (each < 1 << min_code_size) as GIF image data: the code size byte, the sub-blocks
   and their terminator. The code table is cleared when it is full only once compression gets worse. */
void mp_lzw_encode(mp_bytes *out, const uint8_t *indices, size_t count, int min_code_size);

#pragma clang assume_nonnull end

#endif
