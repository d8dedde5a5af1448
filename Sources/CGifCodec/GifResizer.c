/* GIF to GIF at a new size, a frame at a time, without libvips or giflib's encoder: only what each source frame
   changed is resampled (with weights made once), colours map into the source frame's own palette without
   dithering, pixels whose shown colour is already close enough stay transparent, and frames are compressed by
   our own LZW encoder. A frame that must turn shown pixels transparent gets them cleared by its predecessor's
   disposal ("background"), decided with one frame of look-ahead. */
#include "GifResizeParts.h"

#include <stdlib.h>
#include <string.h>

enum { DISPOSE_NONE = 1, DISPOSE_CLEAR = 2 };

/* A frame written once the next one has decided its disposal: its record (`rgb` and `indices` point at the
   buffers here, or `rgb` at the global table). */
typedef struct {
    mp_gif_frame_record record;
    uint8_t *indices;
    uint8_t rgb[768];
} pending_frame;

struct mp_gif_resizer {
    mp_gif_decoder *decoder;
    int width, height, tolerance;
    mp_axis x, y;
    uint8_t *target;     /* the current frame resampled, RGBA, the whole output */
    uint8_t *shown;      /* what a viewer sees, RGBA with alpha 0 or 255 */
    uint8_t *resampled;  /* one box's resampled pixels */
    void *scratch;
    size_t scratch_capacity;
    uint8_t *chosen;     /* per output pixel, the index a frame draws */
    uint8_t *drawn;      /* per output pixel, 1 where the frame draws */
    uint8_t *spare;
    mp_nearest *nearest;
    const uint8_t *global;   /* the store's copy of the source's global table, or NULL */
    int global_count;
    int has_pending, frames;
    pending_frame pending;
    mp_frame_store store;
    mp_bytes out;
};

mp_gif_resizer *mp_gif_resizer_open(const uint8_t *data, size_t length, const mp_limits *limits, int width,
                                    int height, int loop_count, char *message) {
    if (width <= 0 || height <= 0 || width > 65535 || height > 65535) {
        mp_fail(message, "a GIF cannot be %dx%d", width, height);
        return NULL;
    }
    mp_gif_resizer *r = calloc(1, sizeof *r);
    if (!r) { mp_fail(message, "out of memory"); return NULL; }
    mp_gif_info info;
    r->decoder = mp_gif_decoder_open(data, length, limits, &info, message);
    if (!r->decoder) { free(r); return NULL; }
    r->width = width;
    r->height = height;
    /* At the source's size the frames come out exactly as they were; smaller, a pixel within about 3 levels of
       what is shown stays as it is. */
    r->tolerance = width == info.width && height == info.height ? 0 : 3 * 9 + 4 * 9 + 2 * 9;
    size_t pixels = (size_t)width * height;
    r->target = calloc(pixels, 4);
    r->shown = calloc(pixels, 4);
    r->resampled = malloc(pixels * 4);
    r->chosen = malloc(pixels);
    r->drawn = malloc(pixels);
    r->spare = malloc(pixels);
    r->pending.indices = malloc(pixels);
    r->nearest = calloc(1, sizeof *r->nearest);
    if (r->nearest) r->nearest->count = -1;
    int axes = mp_axis_make(&r->x, info.width, width) | mp_axis_make(&r->y, info.height, height);
    if (axes != 0 || !r->target || !r->shown || !r->resampled || !r->chosen || !r->drawn || !r->spare ||
        !r->pending.indices || !r->nearest) {
        mp_fail(message, "out of memory for %dx%d frames", width, height);
        mp_gif_resizer_free(r);
        return NULL;
    }
    uint8_t global[768];
    r->global_count = mp_gif_decoder_global(r->decoder, global);
    mp_store_init(&r->store, width, height, r->global_count > 0 ? global : NULL, r->global_count, loop_count);
    r->global = r->global_count > 0 ? r->store.global : NULL;
    return r;
}

static int box_empty(mp_box box) { return box.right <= box.left || box.bottom <= box.top; }

/* Resamples the output pixels the source's changed box reaches into the target canvas. 0, or -1. */
static int resample_changes(mp_gif_resizer *r, const uint8_t *canvas, int source_width, mp_box changed, mp_box *box) {
    mp_axis_reach(&r->x, changed.left, changed.right, &box->left, &box->right);
    mp_axis_reach(&r->y, changed.top, changed.bottom, &box->top, &box->bottom);
    if (box_empty(*box)) return 0;
    size_t need = mp_resample_scratch(&r->y, *box);
    if (need > r->scratch_capacity) {
        free(r->scratch);
        r->scratch = aligned_alloc(16, need * 16);
        if (!r->scratch) { r->scratch_capacity = 0; return -1; }
        r->scratch_capacity = need;
    }
    mp_resample_box(canvas, source_width, &r->x, &r->y, *box, r->scratch, r->resampled);
    size_t row = (size_t)(box->right - box->left) * 4;
    for (int y = box->top; y < box->bottom; y++) {
        memcpy(r->target + ((size_t)y * r->width + box->left) * 4, r->resampled + (size_t)(y - box->top) * row, row);
    }
    return 0;
}

/* The box of pixels in `box` shown opaque that the target wants transparent. */
MP_PIXEL_KERNEL static mp_box clearing(const mp_gif_resizer *r, mp_box box) {
    mp_box found = {0, 0, 0, 0};
    for (int y = box.top; y < box.bottom; y++) {
        for (int x = box.left; x < box.right; x++) {
            size_t p = (size_t)y * r->width + x;
            if (r->target[p * 4 + 3] < 128 && r->shown[p * 4 + 3] != 0) found = mp_box_union(found, (mp_box){x, y, x + 1, y + 1});
        }
    }
    return found;
}

static void write_pending(mp_gif_resizer *r, int disposal) {
    mp_gif_frame_record record = r->pending.record;
    record.disposal = disposal;
    record.indices = r->pending.indices;
    if (mp_store_add(&r->store, &record, &r->out) != 0) r->out.failed = 1;
    r->has_pending = 0;
}

/* Has the pending frame clear `box` after it shows: its box grows to hold it (new pixels transparent: every frame
   has a transparent index), and what is shown there becomes transparent. The box cleared. */
static mp_box clear_after_pending(mp_gif_resizer *r, mp_box box) {
    pending_frame *f = &r->pending;
    mp_box old = f->record.box, grown = mp_box_union(old, box);
    if (memcmp(&grown, &old, sizeof grown) != 0) {
        int old_width = old.right - old.left, new_width = grown.right - grown.left;
        memset(r->spare, f->record.transparent, (size_t)new_width * (grown.bottom - grown.top));
        for (int y = old.top; y < old.bottom; y++) {
            memcpy(r->spare + (size_t)(y - grown.top) * new_width + (old.left - grown.left),
                   f->indices + (size_t)(y - old.top) * old_width, (size_t)old_width);
        }
        uint8_t *swap = f->indices;
        f->indices = r->spare;
        r->spare = swap;
        f->record.box = grown;
    }
    for (int y = grown.top; y < grown.bottom; y++) {
        memset(r->shown + ((size_t)y * r->width + grown.left) * 4, 0, (size_t)(grown.right - grown.left) * 4);
    }
    return grown;
}

/* Chooses each pixel of `box`: drawn with its nearest palette index, or kept (the shown colour is close enough, or
   both are transparent). The box of drawn pixels, and which indices they use. */
MP_PIXEL_KERNEL static mp_box choose(mp_gif_resizer *r, mp_box box, const mp_gif_palette *palette,
                                     uint8_t used[256]) {
    mp_box drawn_box = {0, 0, 0, 0};
    for (int y = box.top; y < box.bottom; y++) {
        int first = -1, last = -1;
        for (int x = box.left; x < box.right; x++) {
            size_t p = (size_t)y * r->width + x;
            const uint8_t *want = r->target + p * 4, *shown = r->shown + p * 4;
            r->drawn[p] = 0;
            if (want[3] < 128) continue;
            uint8_t index = mp_nearest_index(r->nearest, want);
            const uint8_t *mapped = palette->rgb + index * 3;
            if (shown[3] != 0) {
                int shown_error = mp_color_distance(shown, want);
                if (shown_error <= r->tolerance || shown_error <= mp_color_distance(mapped, want)) continue;
            }
            r->drawn[p] = 1;
            r->chosen[p] = index;
            used[index] = 1;
            if (first < 0) first = x;
            last = x;
        }
        if (first >= 0) drawn_box = mp_box_union(drawn_box, (mp_box){first, y, last + 1, y + 1});
    }
    return drawn_box;
}

/* The colour table a frame is written with, set in `f`'s record: the global one when it has an index no drawn
   pixel uses (for transparency), else a local table (in `f->rgb`) of only the colours drawn plus one transparent
   entry. `remap` takes source indices to written ones. 0, or 2 when 256 colours are drawn and no index is left
   for transparency. */
static int frame_table(const mp_gif_resizer *r, const mp_gif_palette *palette, const uint8_t used[256],
                       pending_frame *f, uint8_t remap[256]) {
    mp_gif_frame_record *record = &f->record;
    for (int i = 0; i < 256; i++) remap[i] = (uint8_t)i;
    if (palette->is_global && r->global) {
        int size = 1 << mp_palette_bits(r->global_count), spare = -1;
        int hinted = palette->transparent_index;
        if (hinted >= 0 && hinted < size && !used[hinted]) spare = hinted;
        for (int i = size - 1; i >= 0 && spare < 0; i--) {
            if (!used[i]) spare = i;
        }
        if (spare >= 0) {
            record->local = 0;
            record->bits = mp_palette_bits(r->global_count);
            record->transparent = spare;
            record->rgb = r->global;
            return 0;
        }
    }
    int count = 0;
    for (int i = 0; i < palette->count; i++) {
        if (!used[i]) continue;
        remap[i] = (uint8_t)count;
        memcpy(f->rgb + count * 3, palette->rgb + i * 3, 3);
        count++;
    }
    if (count == 256) return 2;
    memset(f->rgb + count * 3, 0, (size_t)(256 - count) * 3);
    record->transparent = count++;
    record->local = 1;
    record->count = count;
    record->bits = mp_palette_bits(count);
    record->rgb = f->rgb;
    return 0;
}

/* Writes the indices of `box` into `indices` (a drawn pixel's chosen index through `remap`, else `transparent`) and
   shows the drawn pixels. */
MP_PIXEL_KERNEL static void write_indices(mp_gif_resizer *r, mp_box box, const mp_gif_palette *palette,
                                          const uint8_t remap[256], uint8_t transparent, uint8_t *indices) {
    int width = box.right - box.left;
    for (int y = box.top; y < box.bottom; y++) {
        uint8_t *line = indices + (size_t)(y - box.top) * width;
        for (int x = box.left; x < box.right; x++) {
            size_t p = (size_t)y * r->width + x;
            if (!r->drawn[p]) {
                line[x - box.left] = transparent;
                continue;
            }
            uint8_t index = r->chosen[p];
            line[x - box.left] = remap[index];
            memcpy(r->shown + p * 4, palette->rgb + index * 3, 3);
            r->shown[p * 4 + 3] = 255;
        }
    }
}

/* Makes the frame just chosen the pending one, written with its table, and updates what is shown. 0, or 2. */
static int make_pending(mp_gif_resizer *r, mp_box box, const mp_gif_palette *palette, const uint8_t used[256],
                        int delay_cs) {
    pending_frame *f = &r->pending;
    uint8_t remap[256];
    if (frame_table(r, palette, used, f, remap) != 0) return 2;
    write_indices(r, box, palette, remap, (uint8_t)f->record.transparent, f->indices);
    f->record.box = box;
    f->record.delay_cs = delay_cs;
    r->has_pending = 1;
    r->frames++;
    return 0;
}

int mp_gif_resizer_next(mp_gif_resizer *r, char *message) {
    mp_frame frame;
    mp_gif_palette palette;
    int status = mp_gif_decoder_next(r->decoder, &frame, &palette, message);
    if (status != 1) return status;
    mp_box box;
    if (resample_changes(r, frame.pixels, frame.width, mp_gif_decoder_changed(r->decoder), &box) != 0) {
        return mp_fail(message, "out of memory for resampling");
    }
    mp_box clear = r->has_pending ? clearing(r, box) : (mp_box){0, 0, 0, 0};
    int disposal = DISPOSE_NONE;
    if (!box_empty(clear)) {
        box = mp_box_union(box, clear_after_pending(r, clear));
        disposal = DISPOSE_CLEAR;
    }
    if (r->has_pending) write_pending(r, disposal);
    mp_nearest_use(r->nearest, palette.rgb, palette.count, -1);
    uint8_t used[256] = {0};
    mp_box drawn = box_empty(box) ? box : choose(r, box, &palette, used);
    if (box_empty(drawn)) {
        drawn = (mp_box){0, 0, 1, 1};
        r->drawn[0] = 0;
    }
    if (make_pending(r, drawn, &palette, used, frame.delay_ms / 10) != 0) return 2;
    if (r->out.failed) return mp_fail(message, "out of memory for the output");
    return 1;
}

int mp_gif_resizer_frames(const mp_gif_resizer *r) { return r->frames; }

int mp_gif_resizer_finish(mp_gif_resizer *r, uint8_t **out, size_t *length, char *message) {
    if (r->has_pending) write_pending(r, DISPOSE_NONE);
    if (mp_store_finish(&r->store, &r->out) != 0) r->out.failed = 1;
    mp_bytes_byte(&r->out, 0x3b);
    if (r->out.failed) return mp_fail(message, "out of memory for the output");
    *out = r->out.data;
    *length = r->out.length;
    r->out = (mp_bytes){0};
    return 0;
}

void mp_gif_resizer_free(mp_gif_resizer *r) {
    if (!r) return;
    mp_gif_decoder_close(r->decoder);
    mp_axis_free(&r->x);
    mp_axis_free(&r->y);
    free(r->target);
    free(r->shown);
    free(r->resampled);
    free(r->scratch);
    free(r->chosen);
    free(r->drawn);
    free(r->spare);
    free(r->pending.indices);
    free(r->nearest);
    mp_store_free(&r->store);
    free(r->out.data);
    free(r);
}
