#include "GifResizeParts.h"

#include <string.h>

static void order_by_green(mp_nearest *nearest);

MP_PIXEL_KERNEL int mp_color_distance(const uint8_t *a, const uint8_t *b) {
    int dr = a[0] - b[0], dg = a[1] - b[1], db = a[2] - b[2];
    return 3 * dr * dr + 4 * dg * dg + 2 * db * db;
}

void mp_nearest_use(mp_nearest *nearest, const uint8_t *rgb, int count, int skip) {
    if (count == nearest->count && skip == nearest->skip && memcmp(rgb, nearest->rgb, (size_t)count * 3) == 0) return;
    memcpy(nearest->rgb, rgb, (size_t)count * 3);
    nearest->count = count;
    nearest->skip = skip;
    memset(nearest->keys, 0, sizeof nearest->keys);
    order_by_green(nearest);
}

/* Orders the usable entries by green, so a search can start at the pixel's green and stop once green alone is
   farther than the best match. */
static void order_by_green(mp_nearest *nearest) {
    int count = 0;
    for (int i = 0; i < nearest->count; i++) {
        if (i == nearest->skip) continue;
        int green = nearest->rgb[i * 3 + 1], j = count++;
        for (; j > 0 && nearest->green[j - 1] > green; j--) {
            nearest->green[j] = nearest->green[j - 1];
            nearest->order[j] = nearest->order[j - 1];
        }
        nearest->green[j] = (uint8_t)green;
        nearest->order[j] = (uint8_t)i;
    }
    nearest->ordered = count;
}

MP_PIXEL_KERNEL static uint8_t search(const mp_nearest *nearest, const uint8_t *pixel) {
    int count = nearest->ordered;
    if (count == 0) return 0;
    int low = 0, high = count;
    while (low < high) {
        int middle = (low + high) / 2;
        if (nearest->green[middle] < pixel[1]) low = middle + 1; else high = middle;
    }
    int best = nearest->order[low < count ? low : count - 1], best_distance = 1 << 30;
    int up = low, down = low - 1;
    while (up < count || down >= 0) {
        if (up < count) {
            int dg = nearest->green[up] - pixel[1];
            if (4 * dg * dg >= best_distance) {
                up = count;
            } else {
                int distance = mp_color_distance(pixel, nearest->rgb + nearest->order[up] * 3);
                if (distance < best_distance) { best_distance = distance; best = nearest->order[up]; }
                up++;
            }
        }
        if (down >= 0) {
            int dg = pixel[1] - nearest->green[down];
            if (4 * dg * dg >= best_distance) {
                down = -1;
            } else {
                int distance = mp_color_distance(pixel, nearest->rgb + nearest->order[down] * 3);
                if (distance < best_distance) { best_distance = distance; best = nearest->order[down]; }
                down--;
            }
        }
    }
    return (uint8_t)best;
}

MP_PIXEL_KERNEL uint8_t mp_nearest_index(mp_nearest *nearest, const uint8_t *pixel) {
    uint32_t rgb = (uint32_t)pixel[0] << 16 | (uint32_t)pixel[1] << 8 | pixel[2];
    uint32_t key = 0x1000000u | rgb;
    uint32_t slot = (rgb * 2654435761u) >> (32 - 14);
    if (nearest->keys[slot] == key) return nearest->values[slot];
    uint8_t index = search(nearest, pixel);
    nearest->keys[slot] = key;
    nearest->values[slot] = index;
    return index;
}
