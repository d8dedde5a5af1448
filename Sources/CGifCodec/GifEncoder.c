#include "GifEncoderState.h"

#include <stdlib.h>
#include <string.h>

static int write_output(GifFileType *gif, const GifByteType *data, int count) {
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

mp_gif_encoder *mp_gif_encoder_new(int width, int height, int loop_count, float dither, int quantize_speed,
                                   char *message) {
    if (width <= 0 || height <= 0 || width > 65535 || height > 65535) {
        mp_fail(message, "a GIF cannot be %dx%d", width, height);
        return NULL;
    }
    mp_gif_encoder *e = calloc(1, sizeof *e);
    if (!e) { mp_fail(message, "out of memory"); return NULL; }
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
    e->gif = EGifOpen(e, write_output, &error);
    if (e->gif) EGifSetGifVersion(e->gif, true);
    if (!e->reference || !e->work || !e->scratch || !e->pending || !e->spare || !e->mask || !e->indices || !e->gif) {
        mp_fail(message, "out of memory for %dx%d frames", width, height);
        mp_gif_encoder_free(e);
        return NULL;
    }
    return e;
}

static int same_colors(const frame_palette *a, const frame_palette *b) {
    return a->count == b->count && memcmp(a->rgb, b->rgb, (size_t)a->count * 3) == 0;
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
    /* giflib 5.2.1 drops the previous frame's local colour map without freeing it when this frame has none. */
    if (map == NULL && e->gif->Image.ColorMap != NULL) {
        GifFreeMapObject(e->gif->Image.ColorMap);
        e->gif->Image.ColorMap = NULL;
    }
    int status = EGifPutImageDesc(e->gif, e->left, e->top, e->pending_width, e->pending_height, false, map);
    GifFreeMapObject(map);
    if (status == GIF_ERROR) return -1;
    for (int y = 0; y < e->pending_height; y++) {
        if (EGifPutLine(e->gif, e->pending + (size_t)y * e->pending_width, e->pending_width) == GIF_ERROR) return -1;
    }
    e->has_pending = 0;
    return e->out_failed ? -1 : 0;
}

/* Grows the pending frame to cover `box`; new pixels are transparent (left as shown). */
static void expand_pending(mp_gif_encoder *e, pixel_box box) {
    int new_left = box.left < e->left ? box.left : e->left;
    int new_top = box.top < e->top ? box.top : e->top;
    int old_right = e->left + e->pending_width, old_bottom = e->top + e->pending_height;
    int new_right = box.right > old_right ? box.right : old_right;
    int new_bottom = box.bottom > old_bottom ? box.bottom : old_bottom;
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

static void include(pixel_box *box, int x, int y) {
    if (x < box->left) box->left = x;
    if (x >= box->right) box->right = x + 1;
    if (y < box->top) box->top = y;
    if (y >= box->bottom) box->bottom = y + 1;
}

enum { POOR_MATCH = 9 * 24 * 24 };

/* Whether pixel `i` must be redrawn. With `keep` it is mapped into the palette, and counted as a candidate and
   (when the palette cannot show it within POOR_MATCH) as a poor match. */
static int pixel_differs(mp_gif_encoder *e, size_t i, int keep, size_t *candidates, size_t *poor) {
    const uint8_t *target = e->work + i * 4, *shown = e->reference + i * 4;
    if (!target[3] || !shown[3]) {
        int differs = target[3] != shown[3];
        if (differs && keep && target[3]) {
            e->indices[i] = mp_nearest_index(e->nearest, target);
            (*candidates)++;
            *poor += mp_color_distance(target, e->palette.rgb + e->indices[i] * 3) > POOR_MATCH;
        }
        return differs;
    }
    /* a shown colour close to the target stays; with a kept palette, also one no worse than the nearest palette
       colour would be */
    int error = mp_color_distance(target, shown);
    if (error <= e->tolerance || !keep) return error > e->tolerance;
    e->indices[i] = mp_nearest_index(e->nearest, target);
    int mapped = mp_color_distance(target, e->palette.rgb + e->indices[i] * 3);
    (*candidates)++;
    if (mapped > POOR_MATCH) {
        /* the palette cannot show this colour: judge the pixel as if it could */
        (*poor)++;
        mapped = 0;
    }
    return error > e->tolerance + mapped;
}

/* Marks the pixels that must be redrawn in `e->mask` and returns their bounding box in `changes`. With `keep`,
   maps them into the palette and returns -1 when more than 1 in 20 of them map poorly (colours the frame's palette
   lacks, as when a local palette meets colours composited from earlier frames); a few poor edge blends from
   resizing are fine. */
static int find_changes(mp_gif_encoder *e, int keep, pixel_box *changes) {
    pixel_box box = {e->width, e->height, 0, 0};
    size_t candidates = 0, poor = 0;
    for (int y = 0; y < e->height; y++) {
        for (int x = 0; x < e->width; x++) {
            size_t i = (size_t)y * e->width + x;
            e->mask[i] = (uint8_t)pixel_differs(e, i, keep, &candidates, &poor);
            if (e->mask[i]) include(&box, x, y);
        }
    }
    *changes = box;
    return poor * 20 > candidates ? -1 : 0;
}

/* Keep strategy: indices of the changed pixels of `box` into `e->pending`; unchanged ones transparent. */
static void index_keep(mp_gif_encoder *e, pixel_box box) {
    int width = box.right - box.left;
    for (int y = box.top; y < box.bottom; y++) {
        size_t row = (size_t)y * e->width + box.left;
        uint8_t *out = e->pending + (size_t)(y - box.top) * width;
        for (int x = 0; x < width; x++) {
            out[x] = e->mask[row + x] ? e->indices[row + x] : (uint8_t)e->palette.transparent;
        }
    }
}

/* Copies `rgba` into `e->work` with alpha thresholded; returns the box of pixels that must turn transparent. */
static pixel_box threshold_alpha(mp_gif_encoder *e, const uint8_t *rgba) {
    pixel_box clear = {e->width, e->height, 0, 0};
    for (int y = 0; y < e->height; y++) {
        for (int x = 0; x < e->width; x++) {
            size_t i = (size_t)y * e->width + x;
            const uint8_t *in = rgba + i * 4;
            uint8_t *out = e->work + i * 4;
            if (in[3] < 128) {
                memset(out, 0, 4);
                if (e->reference[i * 4 + 3]) include(&clear, x, y);
            } else {
                out[0] = in[0]; out[1] = in[1]; out[2] = in[2]; out[3] = 255;
            }
        }
    }
    return clear;
}

/* Writes the frame before this one: disposed to the background where this one needs pixels transparent. */
static int flush_pending(mp_gif_encoder *e, pixel_box clear) {
    if (!e->has_pending) return 0;
    int needs_clear = clear.right > 0;
    if (needs_clear) {
        expand_pending(e, clear);
        for (int y = e->top; y < e->top + e->pending_height; y++) {
            memset(e->reference + ((size_t)y * e->width + e->left) * 4, 0, (size_t)e->pending_width * 4);
        }
    }
    return write_pending(e, needs_clear ? DISPOSE_BACKGROUND : DISPOSE_DO_NOT);
}

/* Keep strategy: takes the source frame's palette, with a transparent entry when there is room. 0, or -1. */
static int take_source_palette(mp_gif_encoder *e, const mp_gif_palette *source) {
    memcpy(e->palette.rgb, source->rgb, (size_t)source->count * 3);
    e->palette.count = source->count;
    e->palette.transparent = source->transparent_index;
    if (e->palette.transparent < 0 && e->palette.count < 256) {
        memset(e->palette.rgb + e->palette.count * 3, 0, 3);
        e->palette.transparent = e->palette.count++;
    }
    return mp_gif_prepare_keep_cache(e);
}

/* Records the colours the changed pixels of `box` now show. */
static void update_reference(mp_gif_encoder *e, pixel_box box) {
    int width = box.right - box.left;
    for (int y = box.top; y < box.bottom; y++) {
        for (int x = box.left; x < box.right; x++) {
            size_t i = (size_t)y * e->width + x;
            if (!e->mask[i]) continue;
            uint8_t index = e->pending[(size_t)(y - box.top) * width + (x - box.left)];
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

/* Nothing changed: a one-pixel transparent frame keeps the timing. */
static pixel_box empty_frame(mp_gif_encoder *e) {
    e->palette.count = 2;
    memset(e->palette.rgb, 0, 6);
    e->palette.transparent = 1;
    if (e->has_global) e->palette = e->global;
    e->pending[0] = (uint8_t)e->palette.transparent;
    return (pixel_box){0, 0, 1, 1};
}

int mp_gif_encoder_add(mp_gif_encoder *e, const uint8_t *rgba, int delay_ms, const mp_gif_palette *source_palette,
                       char *message) {
    pixel_box clear = threshold_alpha(e, rgba);
    if (flush_pending(e, clear) != 0) return mp_fail(message, "write");
    int keep = source_palette && source_palette->count > 0;
    if (keep && take_source_palette(e, source_palette) != 0) return mp_fail(message, "out of memory");
    /* a kept palette that cannot show the changed pixels within POOR_MATCH (frames whose colours came from other
       frames' palettes) gives way to quantising */
    pixel_box box;
    if (keep && find_changes(e, 1, &box) != 0) keep = 0;
    if (!keep) find_changes(e, 0, &box);
    if (keep && box.right > 0) {
        /* a full palette without a transparent entry lends one that no changed pixel uses */
        if (e->palette.transparent < 0) keep = mp_gif_lend_transparent_index(e);
        if (keep && !e->header_written && !e->has_global && source_palette->is_global) {
            e->global = e->palette;
            e->has_global = 1;
        }
    }
    if (box.right == 0) {
        box = empty_frame(e);
    } else {
        if (keep) index_keep(e, box);
        else if (mp_gif_quantize(e, box) != 0) return mp_fail(message, "palette");
        update_reference(e, box);
    }
    e->left = box.left;
    e->top = box.top;
    e->pending_width = box.right - box.left;
    e->pending_height = box.bottom - box.top;
    int centiseconds = (delay_ms + 5) / 10;
    e->delay_cs = centiseconds > 65535 ? 65535 : centiseconds;
    e->has_pending = 1;
    return 0;
}

int mp_gif_encoder_finish(mp_gif_encoder *e, uint8_t **out, size_t *length, char *message) {
    if (e->has_pending && write_pending(e, DISPOSE_DO_NOT) != 0) return mp_fail(message, "write");
    if (!e->header_written) return mp_fail(message, "no frames");
    int error = 0;
    int status = EGifCloseFile(e->gif, &error);
    e->gif = NULL;
    if (status == GIF_ERROR || e->out_failed) return mp_fail(message, "close");
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
    free(e->nearest);
    free(e);
}
