#include "DCDecoder.h"

#include <stdlib.h>
#include <string.h>

/* Codes up to this many bits are decoded by one table lookup; longer ones (rare) by the canonical code lengths. */
enum { LOOKAHEAD = 12, TABLE_SIZE = 1 << LOOKAHEAD, MAX_BLOCKS_IN_MCU = 10 };

/* A Huffman table for decoding, indexed by the next LOOKAHEAD bits.
   `code[peek]`: bits 0-7 the code's length (0: longer than LOOKAHEAD), bits 8-15 its symbol.
   `pair[peek]` (AC tables): every whole coefficient (code and value bits) those bits hold, up to and including an
   end of block, as long as they stay within one block (see skip_ac). Bits 0-3 the bits they take (0: not even one
   fits), 4 whether they end the block, 5-11 how far they move along it, plus one when they end it. */
typedef struct {
    uint16_t code[TABLE_SIZE];
    uint16_t pair[TABLE_SIZE];
    int32_t max_code[17];
    int32_t value_offset[17];
    uint8_t values[256];
} huffman_table;

/* The entropy-coded bytes, most significant bit first; zero bits are appended at a marker or the end. */
typedef struct {
    const uint8_t *next, *end;
    uint64_t bits;
    int count;
    /* appended zero bits still in `bits` (consuming them means the data ended early) */
    int padding;
} bit_reader;

int allocate_plane(plane *p, int width, int height, int stride, int rows) {
    p->width = width;
    p->height = height;
    p->stride = stride;
    p->rows = rows;
    /* libswscale's SIMD loops may read and write a little past a row's end */
    p->data = malloc((size_t)stride * rows + 64);
    return p->data ? 0 : -1;
}

void free_planes(plane planes[3]) {
    for (int c = 0; c < 3; c++) {
        free(planes[c].data);
        planes[c].data = NULL;
    }
}

/* Builds the table from libjpeg's code counts and symbols: 0, or -1 when the table is not a valid prefix code or
   holds a value size baseline 8-bit data cannot have. */
static int build_table(const JHUFF_TBL *source, int is_dc, huffman_table *table) {
    memset(table, 0, sizeof *table);
    int total = 0;
    for (int length = 1; length <= 16; length++) total += source->bits[length];
    if (total > 256) return -1;
    memcpy(table->values, source->huffval, (size_t)total);
    int32_t code = 0;
    int index = 0;
    for (int length = 1; length <= 16; length++) {
        int count = source->bits[length];
        table->value_offset[length] = index - code;
        for (int i = 0; i < count; i++, index++, code++) {
            /* a code of `length` bits must fit them: more codes than that is no prefix code (and would index past
               the lookup table) */
            if (code >= 1 << length) return -1;
            int symbol = table->values[index];
            int size = symbol & 15;
            if (is_dc ? symbol > 11 : size > 10) return -1;
            if (length > LOOKAHEAD) continue;
            int shift = LOOKAHEAD - length;
            for (int extra = 0; extra < 1 << shift; extra++)
                table->code[(code << shift) | extra] = (uint16_t)(length | symbol << 8);
        }
        if (code > 1 << length) return -1;
        table->max_code[length] = count ? code - 1 : -1;
        code <<= 1;
    }
    if (!is_dc) {
        for (uint32_t peek = 0; peek < TABLE_SIZE; peek++) {
            int bits = 0, advance = 0, eob = 0;
            /* whole coefficients while they fit, stopping after an end of block or before a block would overflow */
            for (;;) {
                uint32_t rest = (peek << bits) & (TABLE_SIZE - 1);
                int length = table->code[rest] & 0xFF, symbol = table->code[rest] >> 8;
                int run = symbol >> 4, size = symbol & 15;
                if (!length || bits + length + size > LOOKAHEAD) break;
                if (!size && run != 15) { bits += length; eob = 1; break; }
                if (advance + (size ? run + 1 : 16) > 63) break;
                bits += length + size;
                advance += size ? run + 1 : 16;
            }
            /* bits 0-3: bits taken (0: none); 4: ends the block; 5-11: how far k moves, plus one if it ends the block */
            table->pair[peek] = bits ? (uint16_t)(bits | eob << 4 | (advance + eob) << 5) : 0;
        }
    }
    return 0;
}

/* Tops the reader up to at least 57 bits: whole bytes eight at a time while none of them is 0xFF (a stuffed byte
   or a marker), one at a time otherwise. */
static inline void fill(bit_reader *reader) {
    const uint8_t *next = reader->next;
    if (reader->end - next >= 8) {
        uint64_t word;
        memcpy(&word, next, 8);
        word = __builtin_bswap64(word);
        uint64_t inverted = ~word;
        /* a byte of `inverted` is zero exactly where `word` has 0xFF */
        if (!((inverted - 0x0101010101010101ULL) & ~inverted & 0x8080808080808080ULL)) {
            int take = (64 - reader->count) >> 3;
            uint64_t kept = take == 8 ? word : word & ~(~0ULL >> (8 * take));
            reader->bits |= kept >> reader->count;
            reader->count += 8 * take;
            reader->next = next + take;
            return;
        }
    }
    while (reader->count <= 56) {
        uint64_t byte = 0;
        const uint8_t *next = reader->next;
        if (next < reader->end && *next != 0xFF) {
            byte = *next;
            reader->next = next + 1;
        } else if (next + 1 < reader->end && next[0] == 0xFF && next[1] == 0x00) {
            byte = 0xFF;
            reader->next = next + 2;
        } else {
            reader->padding += 8; /* a marker or the end: stay there */
        }
        reader->bits |= byte << (56 - reader->count);
        reader->count += 8;
    }
}

static inline uint32_t peek(const bit_reader *reader, int count) {
    return (uint32_t)(reader->bits >> (64 - count));
}

static inline void consume(bit_reader *reader, int count) {
    reader->bits <<= count;
    reader->count -= count;
}

/* Decodes one symbol (the reader holds at least 16 bits): the symbol, or -1 for a code the table lacks. */
static inline int decode_symbol(bit_reader *reader, const huffman_table *table) {
    uint32_t entry = table->code[peek(reader, LOOKAHEAD)];
    int length = (int)(entry & 0xFF);
    if (length) {
        consume(reader, length);
        return (int)(entry >> 8);
    }
    uint32_t window = peek(reader, 16);
    for (length = LOOKAHEAD + 1; length <= 16; length++) {
        int32_t code = (int32_t)(window >> (16 - length));
        if (code <= table->max_code[length]) {
            consume(reader, length);
            return table->values[code + table->value_offset[length]];
        }
    }
    return -1;
}

/* Skips one block's AC coefficients: 0, or -1 on a bad code. */
static inline int skip_ac(bit_reader *reader, const huffman_table *table) {
    for (int k = 1; k < 64;) {
        if (reader->count < 32) fill(reader);
        uint32_t entry = table->pair[peek(reader, LOOKAHEAD)];
        int bits = (int)(entry & 15);
        /* the entry is this block's only if its coefficients stay at positions up to 63 and an end of block in it
           comes at 63 at the latest; otherwise (rare) one coefficient at a time */
        int moved = k + (int)(entry >> 5);
        if (bits && moved <= 64) {
            consume(reader, bits);
            if (entry & 16) return 0;
            k = moved;
            continue;
        }
        int symbol = decode_symbol(reader, table);
        if (symbol < 0) return -1;
        int run = symbol >> 4, size = symbol & 15;
        if (size) {
            consume(reader, size);
            k += run + 1;
        } else if (run == 15) {
            k += 16;
        } else {
            break;
        }
    }
    return 0;
}

/* Decodes one block's DC difference into *dc: 0, or -1 on a bad code or an implausible value. */
static inline int decode_dc(bit_reader *reader, const huffman_table *table, int *dc) {
    if (reader->count < 32) fill(reader);
    int size = decode_symbol(reader, table);
    if (size < 0) return -1;
    if (size) {
        int value = (int)peek(reader, size);
        consume(reader, size);
        *dc += value < 1 << (size - 1) ? value - (1 << size) + 1 : value;
        /* 8-bit baseline DC coefficients lie in -2048...2047: anything else is a broken stream */
        if (*dc < -2048 || *dc > 2047) return -1;
    }
    return 0;
}

/* Moves past the restart marker that must follow an interval: 0, or -1 when it is missing, misnumbered, or data
   remains before it. */
static int next_restart(bit_reader *reader, int number) {
    int remaining = reader->count - reader->padding;
    if (remaining < 0 || remaining >= 8) return -1;
    const uint8_t *next = reader->next;
    if (next + 1 >= reader->end || next[0] != 0xFF) return -1;
    while (next + 1 < reader->end && next[1] == 0xFF) next++;
    if (next + 1 >= reader->end || next[1] != 0xD0 + number) return -1;
    reader->next = next + 2;
    reader->bits = 0;
    reader->count = 0;
    reader->padding = 0;
    return 0;
}

int mp_dc_takes(const struct jpeg_decompress_struct *cinfo) {
    if (cinfo->progressive_mode || cinfo->arith_code || cinfo->data_precision != 8) return 0;
    if (cinfo->num_components != 3 || cinfo->comps_in_scan != 3) return 0;
    if (cinfo->Ss != 0 || cinfo->Se != 63 || cinfo->Ah != 0 || cinfo->Al != 0) return 0;
    int blocks = 0;
    for (int i = 0; i < 3; i++) {
        const jpeg_component_info *component = cinfo->cur_comp_info[i];
        if (!component || component->quant_tbl_no < 0 || component->quant_tbl_no >= NUM_QUANT_TBLS) return 0;
        if (!cinfo->quant_tbl_ptrs[component->quant_tbl_no]) return 0;
        if (component->dc_tbl_no < 0 || component->dc_tbl_no >= NUM_HUFF_TBLS) return 0;
        if (component->ac_tbl_no < 0 || component->ac_tbl_no >= NUM_HUFF_TBLS) return 0;
        if (!cinfo->dc_huff_tbl_ptrs[component->dc_tbl_no] || !cinfo->ac_huff_tbl_ptrs[component->ac_tbl_no]) return 0;
        blocks += component->h_samp_factor * component->v_samp_factor;
    }
    return blocks <= MAX_BLOCKS_IN_MCU;
}

/* One interleaved component as the scan lays it out. */
typedef struct {
    plane *target;
    int h, v, quant, dc;
    const huffman_table *dc_table, *ac_table;
} scan_component;

/* Decodes the scan's `mcus_x` x `mcus_y` MCUs into the components' planes: 0, or 1 when the stream is not clean. */
static int decode_scan(const struct jpeg_decompress_struct *cinfo, scan_component components[3], int mcus_x,
                       int mcus_y) {
    bit_reader reader = {cinfo->src->next_input_byte, cinfo->src->next_input_byte + cinfo->src->bytes_in_buffer, 0,
                         0, 0};
    int interval = (int)cinfo->restart_interval, left = interval, restart = 0;
    for (int my = 0; my < mcus_y; my++) {
        for (int mx = 0; mx < mcus_x; mx++) {
            if (interval && left == 0) {
                if (next_restart(&reader, restart) != 0) return 1;
                restart = (restart + 1) & 7;
                left = interval;
                for (int i = 0; i < 3; i++) components[i].dc = 0;
            }
            for (int i = 0; i < 3; i++) {
                scan_component *component = &components[i];
                plane *target = component->target;
                for (int by = 0; by < component->v; by++) {
                    uint8_t *row = target->data + (size_t)(my * component->v + by) * target->stride
                                   + mx * component->h;
                    for (int bx = 0; bx < component->h; bx++) {
                        if (decode_dc(&reader, component->dc_table, &component->dc) != 0) return 1;
                        if (skip_ac(&reader, component->ac_table) != 0) return 1;
                        /* libjpeg's 1x1 inverse DCT: dequantise, divide by 8 rounding, centre, clamp */
                        int value = ((component->dc * component->quant + 4) >> 3) + 128;
                        row[bx] = (uint8_t)(value < 0 ? 0 : value > 255 ? 255 : value);
                    }
                }
            }
            left--;
        }
    }
    return reader.count - reader.padding < 0 ? 1 : 0;
}

int mp_dc_decode(const struct jpeg_decompress_struct *cinfo, plane planes[3]) {
    huffman_table *tables = malloc(sizeof(huffman_table) * 6);
    if (!tables) return -1;
    memset(planes, 0, sizeof(plane) * 3);
    scan_component components[3];
    int max_h = cinfo->max_h_samp_factor, max_v = cinfo->max_v_samp_factor;
    int mcus_x = (int)((cinfo->image_width + 8 * max_h - 1) / (8 * max_h));
    int mcus_y = (int)((cinfo->image_height + 8 * max_v - 1) / (8 * max_v));
    int status = 0;
    for (int i = 0; i < 3 && status == 0; i++) {
        const jpeg_component_info *info = cinfo->cur_comp_info[i];
        scan_component *component = &components[i];
        component->h = info->h_samp_factor;
        component->v = info->v_samp_factor;
        component->quant = cinfo->quant_tbl_ptrs[info->quant_tbl_no]->quantval[0];
        component->dc = 0;
        component->dc_table = &tables[2 * i];
        component->ac_table = &tables[2 * i + 1];
        if (build_table(cinfo->dc_huff_tbl_ptrs[info->dc_tbl_no], 1, &tables[2 * i]) != 0 ||
            build_table(cinfo->ac_huff_tbl_ptrs[info->ac_tbl_no], 0, &tables[2 * i + 1]) != 0) {
            status = 1;
            break;
        }
        /* one sample per block, dummy blocks at the edges included; the size is libjpeg's at 1/8 */
        component->target = &planes[info->component_index];
        int width = (int)(info->downsampled_width + 7) / 8, height = (int)(info->downsampled_height + 7) / 8;
        if (allocate_plane(component->target, width, height, mcus_x * component->h, mcus_y * component->v) != 0)
            status = -1;
    }
    if (status == 0) status = decode_scan(cinfo, components, mcus_x, mcus_y);
    free(tables);
    if (status != 0) free_planes(planes);
    return status;
}
