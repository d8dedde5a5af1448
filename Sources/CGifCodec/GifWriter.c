#include "GifResizeParts.h"

#include <stdlib.h>
#include <string.h>

void mp_bytes_put(mp_bytes *bytes, const void *data, size_t count) {
    if (bytes->failed) return;
    if (bytes->length + count > bytes->capacity) {
        size_t capacity = bytes->capacity ? bytes->capacity : 65536;
        while (capacity < bytes->length + count) capacity *= 2;
        uint8_t *grown = realloc(bytes->data, capacity);
        if (!grown) {
            bytes->failed = 1;
            return;
        }
        bytes->data = grown;
        bytes->capacity = capacity;
    }
    memcpy(bytes->data + bytes->length, data, count);
    bytes->length += count;
}

void mp_bytes_byte(mp_bytes *bytes, uint8_t value) { mp_bytes_put(bytes, &value, 1); }

void mp_bytes_u16(mp_bytes *bytes, int value) {
    uint8_t pair[2] = {(uint8_t)(value & 0xff), (uint8_t)((value >> 8) & 0xff)};
    mp_bytes_put(bytes, pair, 2);
}

int mp_palette_bits(int count) {
    int bits = 1;
    while ((1 << bits) < count && bits < 8) bits++;
    return bits;
}

void mp_bytes_palette(mp_bytes *bytes, const uint8_t *rgb, int count, int bits) {
    uint8_t table[768];
    memset(table, 0, sizeof table);
    memcpy(table, rgb, (size_t)(count < 256 ? count : 256) * 3);
    mp_bytes_put(bytes, table, (size_t)3 << bits);
}

void mp_gif_write_header(mp_bytes *bytes, int width, int height, const uint8_t *_Nullable global, int global_count,
                         int loop_count) {
    mp_bytes_put(bytes, "GIF89a", 6);
    mp_bytes_u16(bytes, width);
    mp_bytes_u16(bytes, height);
    int bits = mp_palette_bits(global_count);
    mp_bytes_byte(bytes, (uint8_t)(global ? 0x80 | 0x70 | (bits - 1) : 0x70));
    mp_bytes_byte(bytes, 0);
    mp_bytes_byte(bytes, 0);
    if (global) mp_bytes_palette(bytes, global, global_count, bits);
    if (loop_count >= 0) {
        mp_bytes_put(bytes, "\x21\xff\x0bNETSCAPE2.0\x03\x01", 16);
        mp_bytes_u16(bytes, loop_count > 65535 ? 65535 : loop_count);
        mp_bytes_byte(bytes, 0);
    }
}

void mp_gif_write_frame(mp_bytes *bytes, const mp_gif_frame_record *frame) {
    mp_bytes_put(bytes, "\x21\xf9\x04", 3);
    mp_bytes_byte(bytes, (uint8_t)(frame->disposal << 2 | (frame->transparent >= 0 ? 1 : 0)));
    mp_bytes_u16(bytes, frame->delay_cs);
    mp_bytes_byte(bytes, (uint8_t)(frame->transparent >= 0 ? frame->transparent : 0));
    mp_bytes_byte(bytes, 0);
    mp_bytes_byte(bytes, 0x2c);
    mp_bytes_u16(bytes, frame->box.left);
    mp_bytes_u16(bytes, frame->box.top);
    mp_bytes_u16(bytes, frame->box.right - frame->box.left);
    mp_bytes_u16(bytes, frame->box.bottom - frame->box.top);
    mp_bytes_byte(bytes, (uint8_t)(frame->local ? 0x80 | (frame->bits - 1) : 0));
    if (frame->local) mp_bytes_palette(bytes, frame->rgb, frame->count, frame->bits);
    size_t pixels = (size_t)(frame->box.right - frame->box.left) * (size_t)(frame->box.bottom - frame->box.top);
    mp_lzw_encode(bytes, frame->indices, pixels, frame->bits < 2 ? 2 : frame->bits);
}
