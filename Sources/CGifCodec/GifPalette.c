#include "GifEncoderState.h"

#include <libimagequant.h>
#include <stdlib.h>
#include <string.h>

int mp_gif_prepare_keep_cache(mp_gif_encoder *e) {
    if (!e->nearest) {
        e->nearest = calloc(1, sizeof *e->nearest);
        if (!e->nearest) return -1;
        e->nearest->count = -1;
    }
    mp_nearest_use(e->nearest, e->palette.rgb, e->palette.count, e->palette.transparent);
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
