/* The colour table of an indexed APNG, filled as frames come: the encoder writes a palette file (colour type 3)
   when every frame's pixels fit 256 colours. */
#ifndef MP_APNG_PALETTE_H
#define MP_APNG_PALETTE_H

#include <stddef.h>
#include <stdint.h>

enum { MP_PALETTE_SLOTS = 1024 };

typedef struct {
    /** The colours in index order, as RGBA packed into one word (R in the top byte). */
    uint32_t colours[256];
    int count;
    /** Open addressing from a colour to its index + 1 (0: an empty slot). */
    uint32_t keys[MP_PALETTE_SLOTS];
    uint16_t entries[MP_PALETTE_SLOTS];
} mp_apng_palette;

/** Maps `count` RGBA pixels to indices in `out`, adding colours as met (with `alpha` 0, every colour is opaque and
    the pixels' alpha bytes are ignored). 0, or -1 once a 257th colour is met (`out` is then incomplete). */
int mp_apng_palette_map(mp_apng_palette *palette, const uint8_t *rgba, size_t count, int alpha, uint8_t *out);

/** Whether any colour is not opaque (the file then needs a tRNS chunk). */
int mp_apng_palette_translucent(const mp_apng_palette *palette);

#endif
