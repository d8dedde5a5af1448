#include "CGifCodec.h"

#include <gif_lib.h>
#include <libimagequant.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

enum { CACHE_SLOTS = 1 << 16 };

typedef struct {
    uint8_t rgb[768];
    int count;
    int transparent;
} frame_palette;

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

static int write_memory(GifFileType *gif, const GifByteType *data, int count) {
    mp_gif_encoder *e = gif->UserData;
    if (e->out_length + (size_t)count > e->out_capacity) {
        size_t capacity = e->out_capacity ? e->out_capacity * 2 : 65536;
        while (capacity < e->out_length + (size_t)count) capacity *= 2;
        uint8_t *grown = realloc(e->out, capacity);
        if (!grown) { e->out_failed = 1; return 0; }
        e->out = grown;
        e->out_capacity = capacity;
    }
    memcpy(e->out + e->out_length, data, (size_t)count);
    e->out_length += (size_t)count;
    return count;
}

mp_gif_encoder *mp_gif_encoder_new(int width, int height, int loop_count, float dither, int quantize_speed) {
    if (width <= 0 || height <= 0 || width > 65535 || height > 65535) return NULL;
    mp_gif_encoder *e = calloc(1, sizeof *e);
    if (!e) return NULL;
    e->width = width;
    e->height = height;
    e->loop_count = loop_count;
    e->dither = dither;
    e->speed = quantize_speed;
    size_t pixels = (size_t)width * height;
    e->reference = calloc(pixels, 4);
    e->work = malloc(pixels * 4);
    e->scratch = malloc(pixels * 4);
    e->pending = malloc(pixels);
    e->spare = malloc(pixels);
    e->mask = malloc(pixels);
    e->indices = malloc(pixels);
    e->tolerance = 3 * 9 + 4 * 9 + 2 * 9;
    int error = 0;
    e->gif = EGifOpen(e, write_memory, &error);
    if (e->gif) EGifSetGifVersion(e->gif, true);
    if (!e->reference || !e->work || !e->scratch || !e->pending || !e->spare || !e->mask || !e->indices || !e->gif) {
        mp_gif_encoder_free(e);
        return NULL;
    }
    return e;
}

static int same_colors(const frame_palette *a, const frame_palette *b) {
    return a->count == b->count && memcmp(a->rgb, b->rgb, (size_t)a->count * 3) == 0;
}

static int palette_equal(const frame_palette *a, const frame_palette *b) {
    return same_colors(a, b) && a->transparent == b->transparent;
}

static ColorMapObject *make_map(const frame_palette *palette) {
    int size = 2;
    while (size < palette->count) size *= 2;
    GifColorType colors[256];
    memset(colors, 0, sizeof colors);
    for (int i = 0; i < palette->count; i++) {
        colors[i].Red = palette->rgb[i * 3];
        colors[i].Green = palette->rgb[i * 3 + 1];
        colors[i].Blue = palette->rgb[i * 3 + 2];
    }
    return GifMakeMapObject(size, colors);
}

static int fail(char message[128], const char *what) {
    if (message) snprintf(message, 128, "%s", what);
    return -1;
}

static int write_header(mp_gif_encoder *e) {
    ColorMapObject *global = e->has_global ? make_map(&e->global) : NULL;
    int status = EGifPutScreenDesc(e->gif, e->width, e->height, 8, 0, global);
    GifFreeMapObject(global);
    if (status == GIF_ERROR) return -1;
    if (e->loop_count >= 0) {
        int loops = e->loop_count > 65535 ? 65535 : e->loop_count;
        GifByteType netscape[] = "NETSCAPE2.0";
        GifByteType count[] = {1, (GifByteType)(loops & 0xff), (GifByteType)(loops >> 8)};
        if (EGifPutExtensionLeader(e->gif, APPLICATION_EXT_FUNC_CODE) == GIF_ERROR ||
            EGifPutExtensionBlock(e->gif, 11, netscape) == GIF_ERROR ||
            EGifPutExtensionBlock(e->gif, 3, count) == GIF_ERROR ||
            EGifPutExtensionTrailer(e->gif) == GIF_ERROR) return -1;
    }
    e->header_written = 1;
    return 0;
}

/* Writes the pending frame with `disposal`. */
static int write_pending(mp_gif_encoder *e, int disposal) {
    if (!e->header_written && write_header(e) != 0) return -1;
    GraphicsControlBlock control = {disposal, false, e->delay_cs, e->palette.transparent};
    GifByteType extension[4];
    EGifGCBToExtension(&control, extension);
    if (EGifPutExtension(e->gif, GRAPHICS_EXT_FUNC_CODE, 4, extension) == GIF_ERROR) return -1;
    ColorMapObject *map = e->has_global && same_colors(&e->palette, &e->global) ? NULL : make_map(&e->palette);
    int status = EGifPutImageDesc(e->gif, e->left, e->top, e->pending_width, e->pending_height, false, map);
    GifFreeMapObject(map);
    if (status == GIF_ERROR) return -1;
    for (int y = 0; y < e->pending_height; y++) {
        if (EGifPutLine(e->gif, e->pending + (size_t)y * e->pending_width, e->pending_width) == GIF_ERROR) return -1;
    }
    e->has_pending = 0;
    return e->out_failed ? -1 : 0;
}

/* Grows the pending frame to cover [left, right) x [top, bottom); new pixels are transparent (left as shown). */
static void expand_pending(mp_gif_encoder *e, int left, int top, int right, int bottom) {
    int new_left = left < e->left ? left : e->left;
    int new_top = top < e->top ? top : e->top;
    int old_right = e->left + e->pending_width, old_bottom = e->top + e->pending_height;
    int new_right = right > old_right ? right : old_right;
    int new_bottom = bottom > old_bottom ? bottom : old_bottom;
    int width = new_right - new_left, height = new_bottom - new_top;
    memset(e->spare, (uint8_t)e->palette.transparent, (size_t)width * height);
    for (int y = 0; y < e->pending_height; y++) {
        memcpy(e->spare + (size_t)(y + e->top - new_top) * width + (e->left - new_left),
               e->pending + (size_t)y * e->pending_width, (size_t)e->pending_width);
    }
    uint8_t *swap = e->pending;
    e->pending = e->spare;
    e->spare = swap;
    e->left = new_left;
    e->top = new_top;
    e->pending_width = width;
    e->pending_height = height;
}

static int color_error(const uint8_t *a, const uint8_t *b) {
    int dr = a[0] - b[0], dg = a[1] - b[1], db = a[2] - b[2];
    return 3 * dr * dr + 4 * dg * dg + 2 * db * db;
}

static void sort_palette(mp_gif_encoder *e) {
    const frame_palette *palette = &e->palette;
    int count = 0;
    for (int i = 0; i < palette->count; i++) {
        if (i == palette->transparent) continue;
        int j = count++;
        while (j > 0 && palette->rgb[e->by_green[j - 1] * 3 + 1] > palette->rgb[i * 3 + 1]) {
            e->by_green[j] = e->by_green[j - 1];
            j--;
        }
        e->by_green[j] = (uint8_t)i;
    }
    e->sorted_count = count;
}

/* Nearest palette entry: walks out from the pixel's green level both ways and stops once green alone is farther
   than the best match. */
static uint8_t nearest_sorted(const mp_gif_encoder *e, int r, int g, int b) {
    const uint8_t *rgb = e->palette.rgb;
    int count = e->sorted_count;
    if (count == 0) return 0;
    int low = 0, high = count;
    while (low < high) {
        int middle = (low + high) / 2;
        if (rgb[e->by_green[middle] * 3 + 1] < g) low = middle + 1; else high = middle;
    }
    int best = e->by_green[low < count ? low : count - 1], best_distance = 1 << 30;
    int down = low - 1, up = low;
    while (down >= 0 || up < count) {
        if (up < count) {
            int index = e->by_green[up];
            int dg = rgb[index * 3 + 1] - g;
            if (4 * dg * dg >= best_distance) {
                up = count;
            } else {
                int dr = rgb[index * 3] - r, db = rgb[index * 3 + 2] - b;
                int distance = 3 * dr * dr + 4 * dg * dg + 2 * db * db;
                if (distance < best_distance) { best_distance = distance; best = index; }
                up++;
            }
        }
        if (down >= 0) {
            int index = e->by_green[down];
            int dg = rgb[index * 3 + 1] - g;
            if (4 * dg * dg >= best_distance) {
                down = -1;
            } else {
                int dr = rgb[index * 3] - r, db = rgb[index * 3 + 2] - b;
                int distance = 3 * dr * dr + 4 * dg * dg + 2 * db * db;
                if (distance < best_distance) { best_distance = distance; best = index; }
                down--;
            }
        }
    }
    return (uint8_t)best;
}

static uint8_t cached_nearest(mp_gif_encoder *e, const uint8_t *pixel) {
    uint32_t key = (uint32_t)pixel[0] << 16 | (uint32_t)pixel[1] << 8 | pixel[2];
    uint32_t slot = (key * 2654435761u) >> 16;
    if (e->cache_keys[slot] != key) {
        e->cache_keys[slot] = key;
        e->cache_values[slot] = nearest_sorted(e, pixel[0], pixel[1], pixel[2]);
    }
    return e->cache_values[slot];
}

/* Keep strategy: readies the nearest-colour cache for `palette` (pixels are mapped as the diff needs them). */
static int prepare_keep_cache(mp_gif_encoder *e) {
    if (!e->cache_keys) {
        e->cache_keys = malloc(sizeof(uint32_t) * CACHE_SLOTS);
        e->cache_values = malloc(CACHE_SLOTS);
        if (!e->cache_keys || !e->cache_values) return -1;
    }
    if (!e->cache_valid || !palette_equal(&e->cached_palette, &e->palette)) {
        memset(e->cache_keys, 0xff, sizeof(uint32_t) * CACHE_SLOTS);
        e->cached_palette = e->palette;
        e->cache_valid = 1;
        sort_palette(e);
    }
    return 0;
}

enum { POOR_MATCH = 9 * 24 * 24 };

/* Marks the pixels that must be redrawn and their bounding box. With `keep`, maps them into the palette and
   returns -1 when more than 1 in 20 of them map poorly (colours the frame's palette lacks, as when a local
   palette meets colours composited from earlier frames); a few poor edge blends from resizing are fine. */
static int find_changes(mp_gif_encoder *e, int keep, int *left_out, int *top_out, int *right_out, int *bottom_out) {
    uint8_t *changed = e->mask;
    int left = e->width, top = e->height, right = 0, bottom = 0;
    size_t candidates = 0, poor = 0;
    for (int y = 0; y < e->height; y++) {
        for (int x = 0; x < e->width; x++) {
            size_t i = (size_t)y * e->width + x;
            const uint8_t *target = e->work + i * 4, *shown = e->reference + i * 4;
            int differs;
            if (!target[3] || !shown[3]) {
                differs = target[3] != shown[3];
                if (differs && keep && target[3]) {
                    e->indices[i] = cached_nearest(e, target);
                    candidates++;
                    poor += color_error(target, e->palette.rgb + e->indices[i] * 3) > POOR_MATCH;
                }
            } else {
                /* a shown colour close to the target stays; with a kept palette, also one no worse than the
                   nearest palette colour would be */
                int error = color_error(target, shown);
                differs = error > e->tolerance;
                if (differs && keep) {
                    e->indices[i] = cached_nearest(e, target);
                    int mapped = color_error(target, e->palette.rgb + e->indices[i] * 3);
                    candidates++;
                    if (mapped > POOR_MATCH) {
                        /* the palette cannot show this colour: judge the pixel as if it could */
                        poor++;
                        mapped = 0;
                    }
                    differs = error > e->tolerance + mapped;
                }
            }
            changed[i] = (uint8_t)differs;
            if (differs) {
                if (x < left) left = x;
                if (x >= right) right = x + 1;
                if (y < top) top = y;
                if (y >= bottom) bottom = y + 1;
            }
        }
    }
    *left_out = left; *top_out = top; *right_out = right; *bottom_out = bottom;
    return poor * 20 > candidates ? -1 : 0;
}

/* Picks an index no opaque pixel of the frame maps to as the transparent one; 0 when every index is used. */
static int lend_transparent_index(mp_gif_encoder *e) {
    uint8_t used[256] = {0};
    size_t pixels = (size_t)e->width * e->height;
    for (size_t i = 0; i < pixels; i++) {
        if (e->mask[i]) used[e->indices[i]] = 1;
    }
    for (int index = e->palette.count - 1; index >= 0; index--) {
        if (!used[index]) {
            e->palette.transparent = index;
            return 1;
        }
    }
    return 0;
}

/* Keep strategy: indices of the changed pixels; unchanged ones transparent. */
static int index_keep(mp_gif_encoder *e, const uint8_t *changed, int left, int top, int width, int height) {
    for (int y = 0; y < height; y++) {
        size_t row = (size_t)(top + y) * e->width + left;
        uint8_t *out = e->pending + (size_t)y * width;
        for (int x = 0; x < width; x++) {
            out[x] = changed[row + x] ? e->indices[row + x] : (uint8_t)e->palette.transparent;
        }
    }
    return 0;
}

/* Quantises the changed pixels of the rectangle with libimagequant; unchanged ones become transparent. */
static int map_quantize(mp_gif_encoder *e, const uint8_t *changed, int left, int top, int width, int height) {
    for (int y = 0; y < height; y++) {
        size_t row = (size_t)(top + y) * e->width + left;
        uint8_t *out = e->scratch + (size_t)y * width * 4;
        for (int x = 0; x < width; x++) {
            if (changed[row + x]) memcpy(out + x * 4, e->work + (row + x) * 4, 4);
            else memset(out + x * 4, 0, 4);
        }
    }
    liq_attr *attributes = liq_attr_create();
    if (!attributes) return -1;
    liq_set_max_colors(attributes, 255);
    liq_set_speed(attributes, e->speed);
    liq_image *image = liq_image_create_rgba(attributes, e->scratch, width, height, 0);
    liq_result *result = NULL;
    int status = -1;
    if (image && liq_image_quantize(image, attributes, &result) == LIQ_OK) {
        liq_set_dithering_level(result, e->dither);
        if (liq_write_remapped_image(result, image, e->pending, (size_t)width * height) == LIQ_OK) {
            const liq_palette *palette = liq_get_palette(result);
            e->palette.count = (int)palette->count;
            e->palette.transparent = -1;
            for (unsigned i = 0; i < palette->count; i++) {
                e->palette.rgb[i * 3] = palette->entries[i].r;
                e->palette.rgb[i * 3 + 1] = palette->entries[i].g;
                e->palette.rgb[i * 3 + 2] = palette->entries[i].b;
                if (palette->entries[i].a < 128 && e->palette.transparent < 0) e->palette.transparent = (int)i;
            }
            if (e->palette.transparent < 0) {
                e->palette.transparent = e->palette.count;
                memset(e->palette.rgb + e->palette.count * 3, 0, 3);
                e->palette.count++;
            }
            status = 0;
        }
    }
    if (result) liq_result_destroy(result);
    if (image) liq_image_destroy(image);
    liq_attr_destroy(attributes);
    return status;
}

int mp_gif_encoder_add(mp_gif_encoder *e, const uint8_t *rgba, int delay_ms, const mp_gif_palette *source_palette,
                       char message[128]) {
    /* threshold alpha; find pixels that must become transparent */
    int clear_left = e->width, clear_top = e->height, clear_right = 0, clear_bottom = 0;
    for (int y = 0; y < e->height; y++) {
        for (int x = 0; x < e->width; x++) {
            size_t i = (size_t)y * e->width + x;
            const uint8_t *in = rgba + i * 4;
            uint8_t *out = e->work + i * 4;
            if (in[3] < 128) {
                memset(out, 0, 4);
                if (e->reference[i * 4 + 3]) {
                    if (x < clear_left) clear_left = x;
                    if (x >= clear_right) clear_right = x + 1;
                    if (y < clear_top) clear_top = y;
                    if (y >= clear_bottom) clear_bottom = y + 1;
                }
            } else {
                out[0] = in[0]; out[1] = in[1]; out[2] = in[2]; out[3] = 255;
            }
        }
    }
    int needs_clear = clear_right > 0;
    if (e->has_pending) {
        if (needs_clear) {
            expand_pending(e, clear_left, clear_top, clear_right, clear_bottom);
            for (int y = e->top; y < e->top + e->pending_height; y++) {
                memset(e->reference + ((size_t)y * e->width + e->left) * 4, 0, (size_t)e->pending_width * 4);
            }
        }
        if (write_pending(e, needs_clear ? DISPOSE_BACKGROUND : DISPOSE_DO_NOT) != 0) return fail(message, "write");
    }
    int keep = source_palette && source_palette->count > 0;
    if (keep) {
        memcpy(e->palette.rgb, source_palette->rgb, (size_t)source_palette->count * 3);
        e->palette.count = source_palette->count;
        e->palette.transparent = source_palette->transparent_index;
        if (e->palette.transparent < 0 && e->palette.count < 256) {
            memset(e->palette.rgb + e->palette.count * 3, 0, 3);
            e->palette.transparent = e->palette.count++;
        }
        if (prepare_keep_cache(e) != 0) return fail(message, "memory");
    }
    /* changed pixels and their bounding box; a kept palette that cannot show a changed pixel within
       POOR_MATCH (frames whose colours came from other frames' palettes) gives way to quantising */
    uint8_t *changed = e->mask;
    int left, top, right, bottom;
    if (keep && find_changes(e, 1, &left, &top, &right, &bottom) != 0) keep = 0;
    if (!keep) find_changes(e, 0, &left, &top, &right, &bottom);
    if (keep && right > 0) {
        /* a full palette without a transparent entry lends one that no changed pixel uses */
        if (e->palette.transparent < 0) keep = lend_transparent_index(e);
        if (keep && !e->header_written && !e->has_global && source_palette->is_global) {
            e->global = e->palette;
            e->has_global = 1;
        }
    }
    int status;
    if (right == 0) {
        /* nothing changed: a one-pixel transparent frame keeps the timing */
        e->palette.count = 2;
        memset(e->palette.rgb, 0, 6);
        e->palette.transparent = 1;
        if (e->has_global) e->palette = e->global;
        left = top = 0;
        right = bottom = 1;
        e->pending[0] = (uint8_t)e->palette.transparent;
        status = 0;
    } else {
        status = keep ? index_keep(e, changed, left, top, right - left, bottom - top)
                      : map_quantize(e, changed, left, top, right - left, bottom - top);
        for (int y = top; y < bottom; y++) {
            for (int x = left; x < right; x++) {
                size_t i = (size_t)y * e->width + x;
                if (!changed[i]) continue;
                uint8_t index = e->pending[(size_t)(y - top) * (right - left) + (x - left)];
                uint8_t *shown = e->reference + i * 4;
                if (index == e->palette.transparent) {
                    memset(shown, 0, 4);
                } else {
                    memcpy(shown, e->palette.rgb + index * 3, 3);
                    shown[3] = 255;
                }
            }
        }
    }
    if (status != 0) return fail(message, "palette");
    e->left = left;
    e->top = top;
    e->pending_width = right - left;
    e->pending_height = bottom - top;
    int centiseconds = (delay_ms + 5) / 10;
    e->delay_cs = centiseconds > 65535 ? 65535 : centiseconds;
    e->has_pending = 1;
    return 0;
}

int mp_gif_encoder_finish(mp_gif_encoder *e, uint8_t **out, size_t *length, char message[128]) {
    if (e->has_pending && write_pending(e, DISPOSE_DO_NOT) != 0) return fail(message, "write");
    if (!e->header_written) return fail(message, "no frames");
    int error = 0;
    int status = EGifCloseFile(e->gif, &error);
    e->gif = NULL;
    if (status == GIF_ERROR || e->out_failed) return fail(message, "close");
    *out = e->out;
    *length = e->out_length;
    e->out = NULL;
    return 0;
}

void mp_gif_encoder_free(mp_gif_encoder *e) {
    if (!e) return;
    if (e->gif) {
        int error;
        EGifCloseFile(e->gif, &error);
    }
    free(e->mask);
    free(e->indices);
    free(e->out);
    free(e->reference);
    free(e->work);
    free(e->scratch);
    free(e->pending);
    free(e->spare);
    free(e->cache_keys);
    free(e->cache_values);
    free(e);
}
