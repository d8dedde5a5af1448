#include "ApngPalette.h"

#include "CApngCodec.h"

/* The index of `colour`, added when new; -1 when the table is full. */
static int index_of(mp_apng_palette *palette, uint32_t colour) {
    uint32_t slot = (colour * 2654435761u) >> 22;
    while (palette->entries[slot] != 0) {
        if (palette->keys[slot] == colour) return palette->entries[slot] - 1;
        slot = (slot + 1) & (MP_PALETTE_SLOTS - 1);
    }
    if (palette->count == 256) return -1;
    palette->keys[slot] = colour;
    palette->entries[slot] = (uint16_t)(palette->count + 1);
    palette->colours[palette->count] = colour;
    return palette->count++;
}

MP_PIXEL_KERNEL int mp_apng_palette_map(mp_apng_palette *palette, const uint8_t *rgba, size_t count, int alpha,
                                        uint8_t *out) {
    uint32_t last = 0;
    int last_index = -1;
    for (size_t i = 0; i < count; i++, rgba += 4) {
        uint32_t colour = (uint32_t)rgba[0] << 24 | (uint32_t)rgba[1] << 16 | (uint32_t)rgba[2] << 8 |
                          (alpha ? rgba[3] : 255u);
        if (last_index < 0 || colour != last) {
            last_index = index_of(palette, colour);
            if (last_index < 0) return -1;
            last = colour;
        }
        out[i] = (uint8_t)last_index;
    }
    return 0;
}

int mp_apng_palette_translucent(const mp_apng_palette *palette) {
    for (int i = 0; i < palette->count; i++) {
        if ((palette->colours[i] & 255) != 255) return 1;
    }
    return 0;
}
