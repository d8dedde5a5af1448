/* PNG chunk reading and writing shared by the APNG decoder and encoder. */
#ifndef MP_APNG_CHUNKS_H
#define MP_APNG_CHUNKS_H

#include <stddef.h>
#include <stdint.h>

/** The eight bytes every PNG starts with. */
extern const uint8_t mp_png_signature[8];

/** One chunk found in a file: its type and payload (inside the input bytes). */
typedef struct {
    uint32_t type;
    const uint8_t *data;
    uint32_t length;
} mp_png_chunk;

/** Builds a chunk type from its four letters. */
#define MP_CHUNK(a, b, c, d) (((uint32_t)(a) << 24) | ((uint32_t)(b) << 16) | ((uint32_t)(c) << 8) | (uint32_t)(d))

/** Reads the chunk at `*offset` and moves past it (its CRC is not checked). 1, or 0 when the bytes end first. */
int mp_png_next_chunk(const uint8_t *data, size_t length, size_t *offset, mp_png_chunk *chunk);

uint32_t mp_read_u32(const uint8_t *bytes);
uint16_t mp_read_u16(const uint8_t *bytes);
void mp_write_u32(uint8_t *bytes, uint32_t value);
void mp_write_u16(uint8_t *bytes, uint16_t value);

/** A growing byte buffer; `failed` is set when an allocation fails, and later appends do nothing. */
typedef struct {
    uint8_t *bytes;
    size_t length, capacity;
    int failed;
} mp_byte_buffer;

void mp_buffer_append(mp_byte_buffer *buffer, const void *bytes, size_t count);
/** Appends a whole chunk: length, type, the payload (`prefix` bytes then `data`) and its CRC. */
void mp_buffer_append_chunk(mp_byte_buffer *buffer, uint32_t type, const uint8_t *prefix, size_t prefix_length,
                            const uint8_t *data, size_t length);
void mp_buffer_free(mp_byte_buffer *buffer);

#endif
