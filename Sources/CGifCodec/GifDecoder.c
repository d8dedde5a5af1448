#include "CGifCodec.h"

#include <gif_lib.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

struct mp_gif_decoder {
    GifFileType *gif;
    const uint8_t *data;
    size_t length;
    size_t offset;
    int width, height;
    uint8_t *canvas;   /* what a viewer sees */
    uint8_t *saved;    /* canvas before a frame with disposal "previous" */
    uint8_t *line;     /* one row of indices */
    int line_capacity;
    /* the previous frame's disposal and rectangle (clipped to the canvas) */
    int last_disposal, last_left, last_top, last_width, last_height;
    int frames;
    int ended;
};

static int read_memory(GifFileType *gif, GifByteType *buffer, int count) {
    mp_gif_decoder *decoder = gif->UserData;
    size_t left = decoder->length - decoder->offset;
    size_t take = (size_t)count < left ? (size_t)count : left;
    memcpy(buffer, decoder->data + decoder->offset, take);
    decoder->offset += take;
    return (int)take;
}

static void set_message(char message[128], const char *what, int code) {
    if (message) snprintf(message, 128, "%s: %s", what, GifErrorString(code) ? GifErrorString(code) : "error");
}

mp_gif_decoder *mp_gif_decoder_open(const uint8_t *data, size_t length, char message[128]) {
    mp_gif_decoder *decoder = calloc(1, sizeof *decoder);
    if (!decoder) return NULL;
    decoder->data = data;
    decoder->length = length;
    int error = 0;
    decoder->gif = DGifOpen(decoder, read_memory, &error);
    if (!decoder->gif) {
        set_message(message, "open", error);
        free(decoder);
        return NULL;
    }
    decoder->width = decoder->gif->SWidth;
    decoder->height = decoder->gif->SHeight;
    size_t bytes = (size_t)decoder->width * (size_t)decoder->height * 4;
    if (decoder->width <= 0 || decoder->height <= 0) {
        if (message) snprintf(message, 128, "zero-sized canvas");
        mp_gif_decoder_close(decoder);
        return NULL;
    }
    decoder->canvas = calloc(bytes, 1);
    if (!decoder->canvas) {
        mp_gif_decoder_close(decoder);
        return NULL;
    }
    return decoder;
}

int mp_gif_decoder_width(const mp_gif_decoder *decoder) { return decoder->width; }
int mp_gif_decoder_height(const mp_gif_decoder *decoder) { return decoder->height; }

static void clear_rect(mp_gif_decoder *d, int left, int top, int width, int height) {
    for (int y = top; y < top + height; y++) {
        memset(d->canvas + ((size_t)y * d->width + left) * 4, 0, (size_t)width * 4);
    }
}

/* Skips the data of an extension or image whose content is not needed. */
static int skip_extension(GifFileType *gif, GifByteType *block) {
    while (block) {
        if (DGifGetExtensionNext(gif, &block) == GIF_ERROR) return GIF_ERROR;
    }
    return GIF_OK;
}

static int fail(mp_gif_decoder *d, char message[128], const char *what) {
    if (d->frames > 0) {
        d->ended = 1;
        return 0;
    }
    set_message(message, what, d->gif->Error);
    return -1;
}

int mp_gif_decoder_next(mp_gif_decoder *d, const uint8_t **canvas, int *delay_ms, mp_gif_palette *palette,
                        char message[128]) {
    if (d->ended) return 0;
    GifFileType *gif = d->gif;
    GraphicsControlBlock control = {DISPOSAL_UNSPECIFIED, false, 0, NO_TRANSPARENT_COLOR};
    for (;;) {
        GifRecordType type;
        if (DGifGetRecordType(gif, &type) == GIF_ERROR) return fail(d, message, "record");
        if (type == TERMINATE_RECORD_TYPE) {
            d->ended = 1;
            if (d->frames == 0) {
                if (message) snprintf(message, 128, "no frames");
                return -1;
            }
            return 0;
        }
        if (type == EXTENSION_RECORD_TYPE) {
            int code;
            GifByteType *block;
            if (DGifGetExtension(gif, &code, &block) == GIF_ERROR) return fail(d, message, "extension");
            if (code == GRAPHICS_EXT_FUNC_CODE && block && block[0] >= 4) {
                DGifExtensionToGCB(block[0], block + 1, &control);
            }
            if (skip_extension(gif, block) == GIF_ERROR) return fail(d, message, "extension data");
            continue;
        }
        if (type != IMAGE_DESC_RECORD_TYPE) continue;

        if (DGifGetImageDesc(gif) == GIF_ERROR) return fail(d, message, "image descriptor");
        /* giflib keeps a descriptor per frame; only the current one is needed. */
        if (gif->ImageCount > 1 && gif->SavedImages) {
            SavedImage *old = &gif->SavedImages[gif->ImageCount - 2];
            if (old->ImageDesc.ColorMap) {
                GifFreeMapObject(old->ImageDesc.ColorMap);
                old->ImageDesc.ColorMap = NULL;
            }
        }
        GifImageDesc *desc = &gif->Image;
        ColorMapObject *map = desc->ColorMap ? desc->ColorMap : gif->SColorMap;
        if (!map) {
            if (d->frames > 0) { d->ended = 1; return 0; }
            if (message) snprintf(message, 128, "frame without a palette");
            return -1;
        }
        int frame_width = desc->Width, frame_height = desc->Height;
        if (frame_width <= 0 || frame_height <= 0) return fail(d, message, "empty frame");
        if (frame_width > d->line_capacity) {
            uint8_t *line = realloc(d->line, (size_t)frame_width);
            if (!line) return fail(d, message, "memory");
            d->line = line;
            d->line_capacity = frame_width;
        }

        /* dispose of the previous frame */
        if (d->last_disposal == DISPOSE_BACKGROUND) {
            clear_rect(d, d->last_left, d->last_top, d->last_width, d->last_height);
        } else if (d->last_disposal == DISPOSE_PREVIOUS && d->saved) {
            memcpy(d->canvas, d->saved, (size_t)d->width * d->height * 4);
        }
        int left = desc->Left, top = desc->Top;
        int clip_left = left < d->width ? left : d->width;
        int clip_top = top < d->height ? top : d->height;
        int clip_right = left + frame_width < d->width ? left + frame_width : d->width;
        int clip_bottom = top + frame_height < d->height ? top + frame_height : d->height;
        if (control.DisposalMode == DISPOSE_PREVIOUS) {
            if (!d->saved) d->saved = malloc((size_t)d->width * d->height * 4);
            if (!d->saved) return fail(d, message, "memory");
            memcpy(d->saved, d->canvas, (size_t)d->width * d->height * 4);
        }

        int transparent = control.TransparentColor;
        int colors = map->ColorCount;
        static const int pass_start[] = {0, 4, 2, 1}, pass_step[] = {8, 8, 4, 2};
        int passes = desc->Interlace ? 4 : 1;
        for (int pass = 0; pass < passes; pass++) {
            int start = desc->Interlace ? pass_start[pass] : 0, step = desc->Interlace ? pass_step[pass] : 1;
            for (int row = start; row < frame_height; row += step) {
                if (DGifGetLine(gif, d->line, frame_width) == GIF_ERROR) {
                    if (d->frames > 0) { d->ended = 1; return 0; }
                    set_message(message, "pixel data", gif->Error);
                    return -1;
                }
                int y = top + row;
                if (y >= d->height) continue;
                uint8_t *out = d->canvas + ((size_t)y * d->width) * 4;
                for (int x = clip_left; x < clip_right; x++) {
                    int index = d->line[x - left];
                    if (index == transparent) continue;
                    uint8_t *pixel = out + (size_t)x * 4;
                    if (index < colors) {
                        GifColorType color = map->Colors[index];
                        pixel[0] = color.Red; pixel[1] = color.Green; pixel[2] = color.Blue;
                    } else {
                        pixel[0] = pixel[1] = pixel[2] = 0;
                    }
                    pixel[3] = 255;
                }
            }
        }
        d->last_disposal = control.DisposalMode;
        d->last_left = clip_left;
        d->last_top = clip_top;
        d->last_width = clip_right - clip_left;
        d->last_height = clip_bottom - clip_top;
        d->frames++;

        *canvas = d->canvas;
        *delay_ms = control.DelayTime * 10;
        if (palette) {
            palette->count = colors > 256 ? 256 : colors;
            for (int i = 0; i < palette->count; i++) {
                palette->rgb[i * 3] = map->Colors[i].Red;
                palette->rgb[i * 3 + 1] = map->Colors[i].Green;
                palette->rgb[i * 3 + 2] = map->Colors[i].Blue;
            }
            palette->transparent_index = transparent >= 0 && transparent < palette->count ? transparent : -1;
            palette->is_global = desc->ColorMap == NULL;
        }
        return 1;
    }
}

void mp_gif_decoder_close(mp_gif_decoder *decoder) {
    if (!decoder) return;
    if (decoder->gif) {
        int error;
        DGifCloseFile(decoder->gif, &error);
    }
    free(decoder->canvas);
    free(decoder->saved);
    free(decoder->line);
    free(decoder);
}
