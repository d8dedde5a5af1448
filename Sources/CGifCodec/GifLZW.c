#include "GifResizeParts.h"

#include <string.h>

enum {
    MAX_CODES = 4096,
    TABLE_SLOTS = 8192,
    /* Input pixels between checks of whether a full table still compresses as well as it did. */
    CHECK_GAP = 2048,
};

/* Codes packed little-endian into 255-byte sub-blocks. */
typedef struct {
    mp_bytes *out;
    uint8_t block[256];
    int used;
    uint32_t bits;
    int bit_count;
    uint64_t written;   /* bits since the last clear */
} code_writer;

MP_PIXEL_KERNEL static void flush_block(code_writer *w) {
    if (w->used == 0) return;
    w->block[0] = (uint8_t)w->used;
    mp_bytes_put(w->out, w->block, (size_t)w->used + 1);
    w->used = 0;
}

MP_PIXEL_KERNEL static void put_code(code_writer *w, int code, int width) {
    w->bits |= (uint32_t)code << w->bit_count;
    w->bit_count += width;
    w->written += (uint64_t)width;
    while (w->bit_count >= 8) {
        w->block[1 + w->used++] = (uint8_t)(w->bits & 0xff);
        w->bits >>= 8;
        w->bit_count -= 8;
        if (w->used == 255) flush_block(w);
    }
}

/* The string table: (prefix code, next index) -> code, open addressing. */
typedef struct {
    int32_t keys[TABLE_SLOTS];   /* (prefix << 8 | index) + 1; 0 empty */
    int16_t codes[TABLE_SLOTS];
} string_table;

MP_PIXEL_KERNEL static int table_slot(const string_table *table, int32_t key) {
    uint32_t slot = ((uint32_t)key * 2654435761u) >> (32 - 13);
    while (table->keys[slot] != 0 && table->keys[slot] != key) slot = (slot + 1) & (TABLE_SLOTS - 1);
    return (int)slot;
}

MP_PIXEL_KERNEL void mp_lzw_encode(mp_bytes *out, const uint8_t *indices, size_t count, int min_code_size) {
    static _Thread_local string_table table;
    int clear = 1 << min_code_size, end = clear + 1;
    code_writer w = {.out = out};
    mp_bytes_byte(out, (uint8_t)min_code_size);
    memset(table.keys, 0, sizeof table.keys);
    int next = clear + 2, width = min_code_size + 1;
    put_code(&w, clear, width);
    if (count == 0) {
        put_code(&w, end, width);
    } else {
        int prefix = indices[0];
        uint64_t since_clear = 1, best_ratio = 0, next_check = 0;
        for (size_t i = 1; i < count; i++) {
            int32_t key = (prefix << 8 | indices[i]) + 1;
            int slot = table_slot(&table, key);
            since_clear++;
            if (table.keys[slot] == key) {
                prefix = table.codes[slot];
                continue;
            }
            put_code(&w, prefix, width);
            prefix = indices[i];
            if (next < MAX_CODES) {
                table.keys[slot] = key;
                table.codes[slot] = (int16_t)next++;
                if (next > (1 << width) && width < 12) width++;
                continue;
            }
            /* Full: keep the table while it compresses as well as it has since the last clear. */
            if (since_clear < next_check) continue;
            uint64_t ratio = (since_clear << 16) / (w.written ? w.written : 1);
            next_check = since_clear + CHECK_GAP;
            if (ratio >= best_ratio) {
                best_ratio = ratio;
                continue;
            }
            put_code(&w, clear, width);
            memset(table.keys, 0, sizeof table.keys);
            next = clear + 2;
            width = min_code_size + 1;
            since_clear = 1;
            best_ratio = 0;
            next_check = 0;
            w.written = 0;
        }
        put_code(&w, prefix, width);
        /* A decoder adds one more entry on reading that last code, and may widen its codes before the end code. */
        if (next < MAX_CODES && next + 1 > (1 << width) && width < 12) width++;
        put_code(&w, end, width);
    }
    if (w.bit_count > 0) put_code(&w, 0, 8 - w.bit_count);
    flush_block(&w);
    mp_bytes_byte(out, 0);
}
