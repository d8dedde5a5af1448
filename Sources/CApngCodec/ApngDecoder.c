#include "CApngCodec.h"
#include "ApngChunks.h"

#include <png.h>
#include <stdlib.h>
#include <string.h>

enum { DISPOSE_NONE = 0, DISPOSE_BACKGROUND = 1, DISPOSE_PREVIOUS = 2, BLEND_SOURCE = 0, BLEND_OVER = 1 };

/** One frame's control chunk. */
typedef struct {
    uint32_t width, height, x, y;
    int delay_ms, dispose, blend;
} frame_control;

struct mp_apng_decoder {
    const uint8_t *data;
    size_t length;
    /** Where the next chunk starts. */
    size_t offset;
    /** IHDR's payload, and PLTE and tRNS when present (every frame is decoded with them). */
    uint8_t header[13];
    mp_png_chunk palette, transparency;
    int width, height, declared_frames, decoded_frames;
    /** The sequence number the next fcTL or fdAT must carry. */
    uint32_t sequence;
    /** The canvas handed out, a copy of the region the last frame's "previous" disposal restores, one frame. */
    uint8_t *canvas, *saved, *pixels;
    /** The last frame, whose disposal is applied before the next one is drawn. */
    frame_control last;
    int has_last, ended;
    /** The frame's zlib stream wrapped as a PNG of the frame's size, for libpng. */
    mp_byte_buffer wrapped;
};

static int read_control(const mp_png_chunk *chunk, const mp_apng_decoder *d, frame_control *control,
                        char *message) {
    if (chunk->length != 26) return mp_fail(message, "fcTL is %u bytes, not 26", chunk->length);
    const uint8_t *p = chunk->data + 4;
    control->width = mp_read_u32(p);
    control->height = mp_read_u32(p + 4);
    control->x = mp_read_u32(p + 8);
    control->y = mp_read_u32(p + 12);
    uint16_t numerator = mp_read_u16(p + 16), denominator = mp_read_u16(p + 18);
    control->dispose = p[20];
    control->blend = p[21];
    if (control->width == 0 || control->height == 0) return mp_fail(message, "frame of no pixels");
    if ((uint64_t)control->x + control->width > (uint64_t)d->width ||
        (uint64_t)control->y + control->height > (uint64_t)d->height) {
        return mp_fail(message, "frame outside the canvas");
    }
    if (control->dispose > DISPOSE_PREVIOUS || control->blend > BLEND_OVER) {
        return mp_fail(message, "unknown dispose or blend op");
    }
    control->delay_ms = (int)(((uint32_t)numerator * 1000u + (denominator ? denominator : 100) / 2) /
                              (denominator ? denominator : 100));
    return 0;
}

mp_apng_decoder *mp_apng_decoder_open(const uint8_t *data, size_t length, const mp_limits *limits,
                                      mp_apng_info *info, char *message) {
    if (length < 8 || memcmp(data, mp_png_signature, 8) != 0) {
        mp_fail(message, "not a PNG");
        return NULL;
    }
    mp_apng_decoder *d = calloc(1, sizeof *d);
    if (!d) { mp_fail(message, "out of memory"); return NULL; }
    d->data = data;
    d->length = length;
    size_t offset = 8;
    mp_png_chunk chunk;
    int has_header = 0, has_control = 0;
    size_t frames_start = 0;
    /* Everything before the first image data: IHDR, acTL, PLTE, tRNS. The first fcTL may come before them. */
    while (mp_png_next_chunk(data, length, &offset, &chunk)) {
        if (chunk.type == MP_CHUNK('I', 'H', 'D', 'R')) {
            if (has_header || chunk.length != 13) break;
            memcpy(d->header, chunk.data, 13);
            has_header = 1;
        } else if (!has_header) {
            break;
        } else if (chunk.type == MP_CHUNK('a', 'c', 'T', 'L') && chunk.length == 8) {
            uint32_t frames = mp_read_u32(chunk.data), plays = mp_read_u32(chunk.data + 4);
            if (frames == 0 || frames > 0x7FFFFFFFu) {
                mp_fail(message, "acTL declares %u frames", frames);
                mp_apng_decoder_close(d);
                return NULL;
            }
            d->declared_frames = (int)frames;
            info->plays = plays > 0x7FFFFFFFu ? 0 : (int)plays;
            has_control = 1;
        } else if (chunk.type == MP_CHUNK('P', 'L', 'T', 'E')) {
            d->palette = chunk;
        } else if (chunk.type == MP_CHUNK('t', 'R', 'N', 'S')) {
            d->transparency = chunk;
        } else if (chunk.type == MP_CHUNK('f', 'c', 'T', 'L') && !frames_start) {
            frames_start = offset - 12 - chunk.length;
        } else if (chunk.type == MP_CHUNK('I', 'D', 'A', 'T')) {
            if (!frames_start) frames_start = offset - 12 - chunk.length;
            break;
        }
    }
    d->offset = frames_start ? frames_start : offset;
    uint32_t width = has_header ? mp_read_u32(d->header) : 0, height = has_header ? mp_read_u32(d->header + 4) : 0;
    const char *refusal = NULL;
    if (!has_header) refusal = "no IHDR";
    else if (!has_control) refusal = "no acTL before the image data";
    else if (width == 0 || height == 0) refusal = "zero-sized canvas";
    /* Rows of RGBA must fit libpng's signed stride, and the canvas a sane allocation, whatever the limits say. */
    else if (width > 0x1FFFFFFF || height > 0x7FFFFFFF || (uint64_t)width * height > ((uint64_t)1 << 32)) {
        refusal = "canvas out of range";
    } else if (limits->max_frame_pixels > 0 && (int64_t)width * height > limits->max_frame_pixels) {
        refusal = "canvas over the pixel limit";
    }
    if (refusal) {
        mp_fail(message, "%s", refusal);
        mp_apng_decoder_close(d);
        return NULL;
    }
    if (limits->max_frames > 0 && d->declared_frames > limits->max_frames) {
        mp_fail(message, "more than %d frames", limits->max_frames);
        mp_apng_decoder_close(d);
        return NULL;
    }
    d->width = (int)width;
    d->height = (int)height;
    size_t bytes = (size_t)d->width * (size_t)d->height * 4;
    d->canvas = calloc(bytes, 1);
    d->pixels = malloc(bytes);
    if (!d->canvas || !d->pixels) {
        mp_fail(message, "out of memory");
        mp_apng_decoder_close(d);
        return NULL;
    }
    *info = (mp_apng_info){d->width, d->height, d->declared_frames, info->plays};
    return d;
}

/** Finds the next fcTL and gathers its image data (IDAT, or fdAT without their sequence numbers) into a PNG of
    the frame's size. 1 with `control` filled, 0 when the file has no more frames, -1 on a broken frame. */
static int gather_frame(mp_apng_decoder *d, frame_control *control, char *message) {
    mp_png_chunk chunk;
    int found = 0;
    size_t offset = d->offset;
    while (!found && mp_png_next_chunk(d->data, d->length, &offset, &chunk)) {
        if (chunk.type == MP_CHUNK('I', 'E', 'N', 'D')) return 0;
        if (chunk.type != MP_CHUNK('f', 'c', 'T', 'L')) continue; /* a default image that is not a frame */
        if (chunk.length < 4 || mp_read_u32(chunk.data) != d->sequence) {
            return mp_fail(message, "fcTL sequence number out of order");
        }
        if (read_control(&chunk, d, control, message) != 0) return -1;
        d->sequence++;
        found = 1;
    }
    if (!found) return 0;
    d->wrapped.length = 0;
    mp_buffer_append(&d->wrapped, mp_png_signature, 8);
    uint8_t header[13];
    memcpy(header, d->header, 13);
    mp_write_u32(header, control->width);
    mp_write_u32(header + 4, control->height);
    mp_buffer_append_chunk(&d->wrapped, MP_CHUNK('I', 'H', 'D', 'R'), NULL, 0, header, 13);
    if (d->palette.data) mp_buffer_append_chunk(&d->wrapped, d->palette.type, NULL, 0, d->palette.data, d->palette.length);
    if (d->transparency.data) {
        mp_buffer_append_chunk(&d->wrapped, d->transparency.type, NULL, 0, d->transparency.data, d->transparency.length);
    }
    size_t data_chunks = 0, next = offset;
    /* The frame's data: IDAT for a first frame that is also the default image, fdAT otherwise. */
    while (mp_png_next_chunk(d->data, d->length, &next, &chunk)) {
        if (chunk.type == MP_CHUNK('I', 'D', 'A', 'T') && d->decoded_frames == 0) {
            mp_buffer_append_chunk(&d->wrapped, chunk.type, NULL, 0, chunk.data, chunk.length);
        } else if (chunk.type == MP_CHUNK('f', 'd', 'A', 'T')) {
            if (chunk.length < 4 || mp_read_u32(chunk.data) != d->sequence) {
                return mp_fail(message, "fdAT sequence number out of order");
            }
            d->sequence++;
            mp_buffer_append_chunk(&d->wrapped, MP_CHUNK('I', 'D', 'A', 'T'), NULL, 0, chunk.data + 4, chunk.length - 4);
        } else if (chunk.type == MP_CHUNK('f', 'c', 'T', 'L') || chunk.type == MP_CHUNK('I', 'E', 'N', 'D')) {
            break;
        } else {
            offset = next;
            continue;
        }
        data_chunks++;
        offset = next;
    }
    d->offset = offset;
    if (data_chunks == 0) return mp_fail(message, "frame without image data");
    mp_buffer_append_chunk(&d->wrapped, MP_CHUNK('I', 'E', 'N', 'D'), NULL, 0, NULL, 0);
    if (d->wrapped.failed) return mp_fail(message, "out of memory");
    return 1;
}

/** Decodes the gathered frame into `d->pixels` as 8-bit RGBA through libpng. 0, or -1 with `message`. */
static int decode_frame(mp_apng_decoder *d, const frame_control *control, char *message) {
    png_image image;
    memset(&image, 0, sizeof image);
    image.version = PNG_IMAGE_VERSION;
    if (!png_image_begin_read_from_memory(&image, d->wrapped.bytes, d->wrapped.length)) {
        return mp_fail(message, "frame: %.100s", image.message);
    }
    /* Samples are sRGB whatever their depth: no gamma change when 16 bits become 8. */
    image.flags |= PNG_IMAGE_FLAG_16BIT_sRGB;
    image.format = PNG_FORMAT_RGBA;
    if (image.width != control->width || image.height != control->height) {
        png_image_free(&image);
        return mp_fail(message, "frame header disagrees with fcTL");
    }
    if (!png_image_finish_read(&image, NULL, d->pixels, (png_int_32)(control->width * 4), NULL)) {
        return mp_fail(message, "frame: %.100s", image.message);
    }
    return 0;
}

static void dispose_last(mp_apng_decoder *d) {
    if (!d->has_last || d->last.dispose == DISPOSE_NONE) return;
    size_t row = (size_t)d->last.width * 4;
    for (uint32_t y = 0; y < d->last.height; y++) {
        size_t at = (((size_t)(d->last.y + y)) * (size_t)d->width + d->last.x) * 4;
        if (d->last.dispose == DISPOSE_BACKGROUND) memset(d->canvas + at, 0, row);
        else memcpy(d->canvas + at, d->saved + at, row);
    }
}

static void draw_frame(mp_apng_decoder *d, const frame_control *control) {
    for (uint32_t y = 0; y < control->height; y++) {
        uint8_t *to = d->canvas + (((size_t)(control->y + y)) * (size_t)d->width + control->x) * 4;
        const uint8_t *from = d->pixels + (size_t)y * control->width * 4;
        if (control->blend == BLEND_SOURCE) {
            memcpy(to, from, (size_t)control->width * 4);
            continue;
        }
        for (uint32_t x = 0; x < control->width; x++, to += 4, from += 4) {
            uint32_t alpha = from[3];
            if (alpha == 255) {
                memcpy(to, from, 4);
            } else if (alpha != 0) {
                /* Non-premultiplied "over", in units of 255 * 255. */
                uint32_t below = (uint32_t)to[3] * (255 - alpha);
                uint32_t total = alpha * 255 + below;
                for (int band = 0; band < 3; band++) {
                    to[band] = (uint8_t)((from[band] * alpha * 255 + to[band] * below + total / 2) / total);
                }
                to[3] = (uint8_t)((total + 127) / 255);
            }
        }
    }
}

int mp_apng_decoder_next(mp_apng_decoder *d, mp_frame *frame, char *message) {
    if (d->ended || d->decoded_frames >= d->declared_frames) return 0;
    frame_control control;
    int status = gather_frame(d, &control, message);
    if (status == 1 && d->decoded_frames == 0 && control.dispose == DISPOSE_PREVIOUS) {
        control.dispose = DISPOSE_BACKGROUND; /* nothing was shown before the first frame */
    }
    if (status == 1) status = decode_frame(d, &control, message) == 0 ? 1 : -1;
    if (status != 1) {
        d->ended = 1;
        return status == 0 || d->decoded_frames > 0 ? 0 : -1;
    }
    dispose_last(d);
    if (control.dispose == DISPOSE_PREVIOUS && !d->saved) {
        d->saved = malloc((size_t)d->width * (size_t)d->height * 4);
        if (!d->saved) {
            d->ended = 1;
            return mp_fail(message, "out of memory");
        }
    }
    if (control.dispose == DISPOSE_PREVIOUS) {
        size_t row = (size_t)control.width * 4;
        for (uint32_t y = 0; y < control.height; y++) {
            size_t at = (((size_t)(control.y + y)) * (size_t)d->width + control.x) * 4;
            memcpy(d->saved + at, d->canvas + at, row);
        }
    }
    draw_frame(d, &control);
    d->last = control;
    d->has_last = 1;
    d->decoded_frames++;
    *frame = (mp_frame){d->canvas, 4, d->width, d->height, control.delay_ms};
    return 1;
}

void mp_apng_decoder_close(mp_apng_decoder *d) {
    if (!d) return;
    free(d->canvas);
    free(d->saved);
    free(d->pixels);
    mp_buffer_free(&d->wrapped);
    free(d);
}
