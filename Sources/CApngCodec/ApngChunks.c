#include "ApngChunks.h"

#include <stdlib.h>
#include <string.h>
#include <zlib.h>

const uint8_t mp_png_signature[8] = {0x89, 'P', 'N', 'G', 0x0D, 0x0A, 0x1A, 0x0A};

uint32_t mp_read_u32(const uint8_t *b) {
    return ((uint32_t)b[0] << 24) | ((uint32_t)b[1] << 16) | ((uint32_t)b[2] << 8) | (uint32_t)b[3];
}

uint16_t mp_read_u16(const uint8_t *b) { return (uint16_t)((b[0] << 8) | b[1]); }

void mp_write_u32(uint8_t *b, uint32_t v) {
    b[0] = (uint8_t)(v >> 24);
    b[1] = (uint8_t)(v >> 16);
    b[2] = (uint8_t)(v >> 8);
    b[3] = (uint8_t)v;
}

void mp_write_u16(uint8_t *b, uint16_t v) {
    b[0] = (uint8_t)(v >> 8);
    b[1] = (uint8_t)v;
}

int mp_png_next_chunk(const uint8_t *data, size_t length, size_t *offset, mp_png_chunk *chunk) {
    size_t at = *offset;
    if (at > length || length - at < 12) return 0;
    uint32_t size = mp_read_u32(data + at);
    if (size > 0x7FFFFFFFu || (size_t)size > length - at - 12) return 0;
    chunk->length = size;
    chunk->type = mp_read_u32(data + at + 4);
    chunk->data = data + at + 8;
    *offset = at + 12 + size;
    return 1;
}

static int reserve(mp_byte_buffer *buffer, size_t count) {
    if (buffer->failed) return 0;
    if (count > SIZE_MAX / 2 - buffer->length) { buffer->failed = 1; return 0; }
    size_t needed = buffer->length + count;
    if (needed <= buffer->capacity) return 1;
    size_t capacity = buffer->capacity ? buffer->capacity : 4096;
    while (capacity < needed) capacity *= 2;
    uint8_t *grown = realloc(buffer->bytes, capacity);
    if (!grown) { buffer->failed = 1; return 0; }
    buffer->bytes = grown;
    buffer->capacity = capacity;
    return 1;
}

void mp_buffer_append(mp_byte_buffer *buffer, const void *bytes, size_t count) {
    if (count == 0 || !reserve(buffer, count)) return;
    memcpy(buffer->bytes + buffer->length, bytes, count);
    buffer->length += count;
}

void mp_buffer_append_chunk(mp_byte_buffer *buffer, uint32_t type, const uint8_t *prefix, size_t prefix_length,
                            const uint8_t *data, size_t length) {
    uint8_t head[8];
    mp_write_u32(head, (uint32_t)(prefix_length + length));
    mp_write_u32(head + 4, type);
    mp_buffer_append(buffer, head, 8);
    mp_buffer_append(buffer, prefix, prefix_length);
    mp_buffer_append(buffer, data, length);
    uLong crc = crc32(0L, head + 4, 4);
    if (prefix_length) crc = crc32(crc, prefix, (uInt)prefix_length);
    if (length) crc = crc32_z(crc, data, length);
    uint8_t tail[4];
    mp_write_u32(tail, (uint32_t)crc);
    mp_buffer_append(buffer, tail, 4);
}

void mp_buffer_free(mp_byte_buffer *buffer) {
    free(buffer->bytes);
    *buffer = (mp_byte_buffer){0};
}
