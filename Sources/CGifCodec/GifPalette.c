#include "GifEncoderState.h"

#include <libimagequant.h>
#include <stdlib.h>
#include <string.h>

int mp_gif_color_error(const uint8_t *a, const uint8_t *b) {
    int dr = a[0] - b[0], dg = a[1] - b[1], db = a[2] - b[2];
    return 3 * dr * dr + 4 * dg * dg + 2 * db * db;
}

static int palette_equal(const frame_palette *a, const frame_palette *b) {
    return a->count == b->count && a->transparent == b->transparent &&
           memcmp(a->rgb, b->rgb, (size_t)a->count * 3) == 0;
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

/* One step of the nearest search from sorted position `position`: updates the best match, and returns 0 once green
   alone is farther than the best (the search in that direction is over). */
static int consider(const mp_gif_encoder *e, int position, int r, int g, int b, int *best, int *best_distance) {
    const uint8_t *rgb = e->palette.rgb;
    int index = e->by_green[position];
    int dg = rgb[index * 3 + 1] - g;
    if (4 * dg * dg >= *best_distance) return 0;
    int dr = rgb[index * 3] - r, db = rgb[index * 3 + 2] - b;
    int distance = 3 * dr * dr + 4 * dg * dg + 2 * db * db;
    if (distance < *best_distance) { *best_distance = distance; *best = index; }
    return 1;
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
        if (up < count) up = consider(e, up, r, g, b, &best, &best_distance) ? up + 1 : count;
        if (down >= 0) down = consider(e, down, r, g, b, &best, &best_distance) ? down - 1 : -1;
    }
    return (uint8_t)best;
}

uint8_t mp_gif_cached_nearest(mp_gif_encoder *e, const uint8_t *pixel) {
    uint32_t key = (uint32_t)pixel[0] << 16 | (uint32_t)pixel[1] << 8 | pixel[2];
    uint32_t slot = (key * 2654435761u) >> 16;
    if (e->cache_keys[slot] != key) {
        e->cache_keys[slot] = key;
        e->cache_values[slot] = nearest_sorted(e, pixel[0], pixel[1], pixel[2]);
    }
    return e->cache_values[slot];
}

int mp_gif_prepare_keep_cache(mp_gif_encoder *e) {
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

int mp_gif_lend_transparent_index(mp_gif_encoder *e) {
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

/* Takes libimagequant's palette, with a transparent entry (added at the end when it has none). */
static void take_palette(mp_gif_encoder *e, const liq_palette *palette) {
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
}

int mp_gif_quantize(mp_gif_encoder *e, pixel_box box) {
    int width = box.right - box.left, height = box.bottom - box.top;
    for (int y = 0; y < height; y++) {
        size_t row = (size_t)(box.top + y) * e->width + box.left;
        uint8_t *out = e->scratch + (size_t)y * width * 4;
        for (int x = 0; x < width; x++) {
            if (e->mask[row + x]) memcpy(out + x * 4, e->work + (row + x) * 4, 4);
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
            take_palette(e, liq_get_palette(result));
            status = 0;
        }
    }
    if (result) liq_result_destroy(result);
    if (image) liq_image_destroy(image);
    liq_attr_destroy(attributes);
    return status;
}
