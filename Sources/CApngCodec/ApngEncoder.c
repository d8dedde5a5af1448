#include "CApngCodec.h"
#include "ApngChunks.h"
#include "ApngPalette.h"

#include <png.h>
#include <setjmp.h>
#include <zlib.h>
#include <stdlib.h>
#include <string.h>

enum { BLEND_SOURCE = 0, BLEND_OVER = 1 };

struct mp_apng_encoder {
    int width, height, plays, alpha, level, frames;
    /** The next fcTL/fdAT sequence number. */
    uint32_t sequence;
    /** The canvas as the last frame left it, and the rectangle being written. */
    uint8_t *previous, *region;
    /** Every chunk after acTL, written as frames come (RGBA or RGB). */
    mp_byte_buffer body;
    /** While every frame's pixels fit 256 colours: the palette, one frame's indices, and the same chunks written
        indexed (the file is written with whichever body is smaller). */
    int indexed;
    mp_apng_palette *palette;
    uint8_t *indices;
    mp_byte_buffer indexed_body;
    /** One frame's PNG from libpng, whose IDAT payloads become the frame's data. */
    mp_byte_buffer scratch;
};

mp_apng_encoder *mp_apng_encoder_new(int width, int height, int plays, int alpha, int level, char *message) {
    if (width <= 0 || height <= 0 || width > 0x7FFFFFF / 4 || height > 0x7FFFFFF / 4 ||
        (int64_t)width * height > (int64_t)1 << 28) {
        mp_fail(message, "size %dx%d out of range", width, height);
        return NULL;
    }
    mp_apng_encoder *e = calloc(1, sizeof *e);
    if (!e) { mp_fail(message, "out of memory"); return NULL; }
    e->width = width;
    e->height = height;
    e->plays = plays < 0 ? 0 : plays;
    e->alpha = alpha != 0;
    e->level = level < 1 ? 1 : level > 9 ? 9 : level;
    size_t bytes = (size_t)width * (size_t)height * 4;
    e->previous = malloc(bytes);
    e->region = malloc(bytes);
    e->palette = calloc(1, sizeof *e->palette);
    e->indices = malloc((size_t)width * (size_t)height);
    if (!e->previous || !e->region || !e->palette || !e->indices) {
        mp_fail(message, "out of memory");
        mp_apng_encoder_free(e);
        return NULL;
    }
    e->indexed = 1;
    return e;
}

static void write_to_scratch(png_structp png, png_bytep bytes, size_t count) {
    mp_buffer_append(png_get_io_ptr(png), bytes, count);
}

static void flush_nothing(png_structp png) { (void)png; }

/** Compresses `pixels` (`width` x `height`: RGBA rows of `width` * 4 bytes, or with `indexed` palette indices,
    a byte each) with libpng's filters into `e->scratch` as a whole PNG. 0, or -1 with `message`. */
static int compress_region(mp_apng_encoder *e, const uint8_t *pixels, int width, int height, int indexed,
                           char *message) {
    static const png_color unused_palette[256];
    e->scratch.length = 0;
    png_structp png = png_create_write_struct(PNG_LIBPNG_VER_STRING, NULL, NULL, NULL);
    png_infop info = png ? png_create_info_struct(png) : NULL;
    if (!info) {
        png_destroy_write_struct(&png, NULL);
        return mp_fail(message, "out of memory");
    }
    png_bytep *rows = malloc(sizeof(png_bytep) * (size_t)height);
    if (!rows || setjmp(png_jmpbuf(png))) {
        png_destroy_write_struct(&png, &info);
        free(rows);
        return mp_fail(message, "libpng could not write a frame");
    }
    png_set_write_fn(png, &e->scratch, write_to_scratch, flush_nothing);
    int type = indexed ? PNG_COLOR_TYPE_PALETTE : e->alpha ? PNG_COLOR_TYPE_RGBA : PNG_COLOR_TYPE_RGB;
    png_set_IHDR(png, info, (png_uint_32)width, (png_uint_32)height, 8, type, PNG_INTERLACE_NONE,
                 PNG_COMPRESSION_TYPE_DEFAULT, PNG_FILTER_TYPE_DEFAULT);
    /* Only the image data is kept: the file's own PLTE is written at the end, when every colour is known. */
    if (indexed) png_set_PLTE(png, info, unused_palette, 256);
    png_set_compression_level(png, e->level);
    /* Filters rarely help indices (the PNG specification advises none for them). */
    png_set_filter(png, PNG_FILTER_TYPE_BASE, indexed ? PNG_FILTER_NONE : PNG_ALL_FILTERS);
    png_write_info(png, info);
    if (!indexed && !e->alpha) png_set_filler(png, 0, PNG_FILLER_AFTER); /* the input keeps its fourth byte */
    size_t stride = (size_t)width * (indexed ? 1 : 4);
    for (int y = 0; y < height; y++) rows[y] = (png_bytep)(pixels + (size_t)y * stride);
    png_write_image(png, rows);
    png_write_end(png, NULL);
    png_destroy_write_struct(&png, &info);
    free(rows);
    return e->scratch.failed ? mp_fail(message, "out of memory") : 0;
}

/** Appends the scratch PNG's image data to `body`: as IDAT for the first frame, as one fdAT numbered `sequence`
    after. */
static void append_image_data(mp_apng_encoder *e, mp_byte_buffer *body, uint32_t sequence) {
    size_t offset = 8, total = 0;
    mp_png_chunk chunk;
    /* libpng splits the stream into IDATs; they are joined back and written as one chunk. */
    size_t start = body->length;
    uint8_t placeholder[12] = {0};
    mp_buffer_append(body, placeholder, e->frames == 0 ? 8 : 12);
    while (mp_png_next_chunk(e->scratch.bytes, e->scratch.length, &offset, &chunk)) {
        if (chunk.type != MP_CHUNK('I', 'D', 'A', 'T')) continue;
        mp_buffer_append(body, chunk.data, chunk.length);
        total += chunk.length;
    }
    if (body->failed) return;
    uint8_t *head = body->bytes + start;
    uint32_t type = e->frames == 0 ? MP_CHUNK('I', 'D', 'A', 'T') : MP_CHUNK('f', 'd', 'A', 'T');
    size_t payload = total + (e->frames == 0 ? 0 : 4);
    mp_write_u32(head, (uint32_t)payload);
    mp_write_u32(head + 4, type);
    if (e->frames > 0) mp_write_u32(head + 8, sequence);
    uLong crc = crc32_z(0L, head + 4, payload + 4);
    uint8_t tail[4];
    mp_write_u32(tail, (uint32_t)crc);
    mp_buffer_append(body, tail, 4);
}

/** The smallest rectangle holding every pixel that differs from the previous frame (as written: RGB only when
    the output has no alpha); a 1x1 one at the origin when nothing changed. */
MP_PIXEL_KERNEL static void changed_rectangle(const mp_apng_encoder *e, const uint8_t *rgba, int *x0, int *y0,
                                              int *x1, int *y1) {
    int left = e->width, right = -1, top = e->height, bottom = -1;
    size_t compared = e->alpha ? 4 : 3;
    for (int y = 0; y < e->height; y++) {
        const uint8_t *now = rgba + (size_t)y * (size_t)e->width * 4;
        const uint8_t *before = e->previous + (size_t)y * (size_t)e->width * 4;
        if (memcmp(now, before, (size_t)e->width * 4) == 0 && compared == 4) continue;
        int first = -1, last = -1;
        for (int x = 0; x < e->width; x++) {
            if (memcmp(now + x * 4, before + x * 4, compared) != 0) {
                if (first < 0) first = x;
                last = x;
            }
        }
        if (first < 0) continue;
        if (first < left) left = first;
        if (last > right) right = last;
        if (y < top) top = y;
        bottom = y;
    }
    if (right < 0) {
        *x0 = *y0 = 0;
        *x1 = *y1 = 1;
        return;
    }
    *x0 = left;
    *y0 = top;
    *x1 = right + 1;
    *y1 = bottom + 1;
}

/** Where a frame goes, how long it shows, how it is blended, and its chunks' sequence numbers. */
typedef struct {
    int x, y, width, height, delay_ms, blend;
    uint32_t control_number, data_number;
} frame_layout;

static void append_control(mp_byte_buffer *body, const frame_layout *frame) {
    uint8_t control[26];
    mp_write_u32(control, frame->control_number);
    mp_write_u32(control + 4, (uint32_t)frame->width);
    mp_write_u32(control + 8, (uint32_t)frame->height);
    mp_write_u32(control + 12, (uint32_t)frame->x);
    mp_write_u32(control + 16, (uint32_t)frame->y);
    int delay = frame->delay_ms < 0 ? 0 : frame->delay_ms;
    /* Milliseconds as a fraction of a second; past 65535 ms, in hundredths. */
    if (delay <= 65535) {
        mp_write_u16(control + 20, (uint16_t)delay);
        mp_write_u16(control + 22, 1000);
    } else {
        mp_write_u16(control + 20, (uint16_t)(delay / 10 > 65535 ? 65535 : delay / 10));
        mp_write_u16(control + 22, 100);
    }
    control[24] = 0; /* dispose: none */
    control[25] = (uint8_t)frame->blend;
    mp_buffer_append_chunk(body, MP_CHUNK('f', 'c', 'T', 'L'), NULL, 0, control, 26);
}

/** Compresses `pixels` (RGBA, or indices) and appends the frame's fcTL and image data to `body`. 0, or -1. */
static int write_frame(mp_apng_encoder *e, mp_byte_buffer *body, const uint8_t *pixels, int indexed,
                       const frame_layout *frame, char *message) {
    if (compress_region(e, pixels, frame->width, frame->height, indexed, message) != 0) return -1;
    append_control(body, frame);
    append_image_data(e, body, frame->data_number);
    return body->failed ? mp_fail(message, "out of memory") : 0;
}

/** Gives up the indexed body (a frame brought a 257th colour). */
static void stop_indexing(mp_apng_encoder *e) {
    e->indexed = 0;
    mp_buffer_free(&e->indexed_body);
}

/* The previous canvas's row `y` of the region at (x0, y0). */
static const uint8_t *previous_row(const mp_apng_encoder *e, int x0, int y0, int y) {
    return e->previous + ((size_t)(y0 + y) * (size_t)e->width + (size_t)x0) * 4;
}

/* Whether every pixel of the region (copied from the canvas at x0, y0) that differs from the previous canvas is
   opaque. */
MP_PIXEL_KERNEL static int changes_are_opaque(const mp_apng_encoder *e, int x0, int y0, int width, int height) {
    for (int y = 0; y < height; y++) {
        const uint8_t *pixel = e->region + (size_t)y * (size_t)width * 4, *before = previous_row(e, x0, y0, y);
        for (int x = 0; x < width; x++, pixel += 4, before += 4) {
            if (pixel[3] != 255 && memcmp(pixel, before, 4) != 0) return 0;
        }
    }
    return 1;
}

/* Makes every pixel of the region that equals the previous canvas transparent. */
MP_PIXEL_KERNEL static void clear_unchanged(mp_apng_encoder *e, int x0, int y0, int width, int height) {
    for (int y = 0; y < height; y++) {
        uint8_t *pixel = e->region + (size_t)y * (size_t)width * 4;
        const uint8_t *before = previous_row(e, x0, y0, y);
        for (int x = 0; x < width; x++, pixel += 4, before += 4) {
            if (memcmp(pixel, before, 4) == 0) memset(pixel, 0, 4);
        }
    }
}

int mp_apng_encoder_add(mp_apng_encoder *e, const uint8_t *rgba, int delay_ms, char *message) {
    int x0 = 0, y0 = 0, x1 = e->width, y1 = e->height;
    if (e->frames > 0) changed_rectangle(e, rgba, &x0, &y0, &x1, &y1);
    int width = x1 - x0, height = y1 - y0;
    /* Over the previous canvas, a pixel left unchanged can be transparent (it compresses to almost nothing),
       provided every changed pixel is opaque and so replaces what is below it. */
    int blend = BLEND_SOURCE;
    for (int y = 0; y < height; y++) {
        const uint8_t *from = rgba + (((size_t)(y0 + y)) * (size_t)e->width + x0) * 4;
        memcpy(e->region + (size_t)y * width * 4, from, (size_t)width * 4);
    }
    if (e->frames > 0 && e->alpha && changes_are_opaque(e, x0, y0, width, height)) {
        blend = BLEND_OVER;
        clear_unchanged(e, x0, y0, width, height);
    }
    frame_layout frame = {x0, y0, width, height, delay_ms, blend, e->sequence, e->frames > 0 ? e->sequence + 1 : 0};
    e->sequence += e->frames > 0 ? 2 : 1;
    if (write_frame(e, &e->body, e->region, 0, &frame, message) != 0) return -1;
    if (e->indexed) {
        size_t pixels = (size_t)width * (size_t)height;
        if (mp_apng_palette_map(e->palette, e->region, pixels, e->alpha, e->indices) != 0) {
            stop_indexing(e);
        } else if (write_frame(e, &e->indexed_body, e->indices, 1, &frame, message) != 0) {
            return -1;
        }
    }
    memcpy(e->previous, rgba, (size_t)e->width * (size_t)e->height * 4);
    e->frames++;
    return 0;
}

/** Appends PLTE and, when a colour is not opaque, tRNS. */
static void append_palette(mp_byte_buffer *file, const mp_apng_palette *palette, int translucent) {
    uint8_t rgb[768], alpha[256];
    for (int i = 0; i < palette->count; i++) {
        uint32_t colour = palette->colours[i];
        rgb[i * 3] = (uint8_t)(colour >> 24);
        rgb[i * 3 + 1] = (uint8_t)(colour >> 16);
        rgb[i * 3 + 2] = (uint8_t)(colour >> 8);
        alpha[i] = (uint8_t)colour;
    }
    mp_buffer_append_chunk(file, MP_CHUNK('P', 'L', 'T', 'E'), NULL, 0, rgb, (size_t)palette->count * 3);
    if (translucent) {
        mp_buffer_append_chunk(file, MP_CHUNK('t', 'R', 'N', 'S'), NULL, 0, alpha, (size_t)palette->count);
    }
}

int mp_apng_encoder_finish(mp_apng_encoder *e, uint8_t **out, size_t *length, char *message) {
    if (e->frames == 0) return mp_fail(message, "no frames");
    int count = e->palette->count, translucent = mp_apng_palette_translucent(e->palette);
    size_t palette_chunks = 12 + (size_t)count * 3 + (translucent ? 12 + (size_t)count : 0);
    int indexed = e->indexed && e->indexed_body.length + palette_chunks < e->body.length;
    mp_byte_buffer file = {0};
    mp_buffer_append(&file, mp_png_signature, 8);
    uint8_t header[13];
    mp_write_u32(header, (uint32_t)e->width);
    mp_write_u32(header + 4, (uint32_t)e->height);
    header[8] = 8;
    header[9] = indexed ? 3 : e->alpha ? 6 : 2;
    header[10] = header[11] = header[12] = 0;
    mp_buffer_append_chunk(&file, MP_CHUNK('I', 'H', 'D', 'R'), NULL, 0, header, 13);
    if (indexed) append_palette(&file, e->palette, translucent);
    uint8_t animation[8];
    mp_write_u32(animation, (uint32_t)e->frames);
    mp_write_u32(animation + 4, (uint32_t)e->plays);
    mp_buffer_append_chunk(&file, MP_CHUNK('a', 'c', 'T', 'L'), NULL, 0, animation, 8);
    const mp_byte_buffer *body = indexed ? &e->indexed_body : &e->body;
    mp_buffer_append(&file, body->bytes, body->length);
    mp_buffer_append_chunk(&file, MP_CHUNK('I', 'E', 'N', 'D'), NULL, 0, NULL, 0);
    int status = file.failed ? mp_fail(message, "out of memory")
                             : mp_copy_out(file.bytes, file.length, out, length, message);
    mp_buffer_free(&file);
    return status;
}

void mp_apng_encoder_free(mp_apng_encoder *e) {
    if (!e) return;
    free(e->previous);
    free(e->region);
    free(e->palette);
    free(e->indices);
    mp_buffer_free(&e->body);
    mp_buffer_free(&e->indexed_body);
    mp_buffer_free(&e->scratch);
    free(e);
}
