#include "CGifCodec.h"
#include "GifResizeParts.h"

#include <gif_lib.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

struct mp_gif_decoder {
    GifFileType *gif;
    mp_memory_reader input;
    mp_limits limits;
    int width, height;
    uint8_t *canvas;   /* what a viewer sees */
    uint8_t *saved;    /* canvas before a frame with disposal "previous" */
    uint8_t *line;     /* one row of indices */
    int line_capacity;
    /* the previous frame's disposal and rectangle (clipped to the canvas) */
    int last_disposal, last_left, last_top, last_width, last_height;
    int frames;
    int ended;
    /* what the last frame changed */
    mp_box changed;
};

/* The part of one frame that lies on the canvas. */
typedef struct {
    int left, top, right, bottom;
} clip_rect;

static int read_input(GifFileType *gif, GifByteType *buffer, int count) {
    mp_gif_decoder *decoder = gif->UserData;
    return (int)mp_memory_read(&decoder->input, buffer, count > 0 ? (size_t)count : 0);
}

static int fail_gif(char *message, const char *what, int code) {
    const char *text = GifErrorString(code);
    return mp_fail(message, "%s: %s", what, text ? text : "error");
}

mp_gif_decoder *mp_gif_decoder_open(const uint8_t *data, size_t length, const mp_limits *limits, mp_gif_info *info,
                                    char *message) {
    mp_gif_decoder *decoder = calloc(1, sizeof *decoder);
    if (!decoder) { mp_fail(message, "out of memory"); return NULL; }
    decoder->input = (mp_memory_reader){data, length, 0};
    decoder->limits = *limits;
    int error = 0;
    decoder->gif = DGifOpen(decoder, read_input, &error);
    if (!decoder->gif) {
        fail_gif(message, "open", error);
        free(decoder);
        return NULL;
    }
    decoder->width = decoder->gif->SWidth;
    decoder->height = decoder->gif->SHeight;
    int64_t pixels = (int64_t)decoder->width * decoder->height;
    if (decoder->width <= 0 || decoder->height <= 0) {
        mp_fail(message, "zero-sized canvas");
    } else if (limits->max_frame_pixels > 0 && pixels > limits->max_frame_pixels) {
        mp_fail(message, "canvas over the pixel limit");
    } else if (!(decoder->canvas = calloc((size_t)pixels * 4, 1))) {
        mp_fail(message, "out of memory for the canvas");
    } else {
        info->width = decoder->width;
        info->height = decoder->height;
        return decoder;
    }
    mp_gif_decoder_close(decoder);
    return NULL;
}

static void clear_rect(mp_gif_decoder *d, int left, int top, int width, int height) {
    for (int y = top; y < top + height; y++) {
        memset(d->canvas + ((size_t)y * d->width + left) * 4, 0, (size_t)width * 4);
    }
}

/* A broken frame: the end of the animation after the first frame (as browsers do), an error before. */
static int broken(mp_gif_decoder *d, char *message, const char *what) {
    if (d->frames > 0) {
        d->ended = 1;
        return 0;
    }
    return fail_gif(message, what, d->gif->Error);
}

/* Reads records up to the next image descriptor, keeping the graphics control block that precedes it.
   1 at a descriptor, 0 at the end, -1 on error. */
static int seek_image(mp_gif_decoder *d, GraphicsControlBlock *control, char *message) {
    GifFileType *gif = d->gif;
    for (;;) {
        GifRecordType type;
        if (DGifGetRecordType(gif, &type) == GIF_ERROR) return broken(d, message, "record");
        if (type == TERMINATE_RECORD_TYPE) {
            d->ended = 1;
            return d->frames == 0 ? mp_fail(message, "no frames") : 0;
        }
        if (type == IMAGE_DESC_RECORD_TYPE) return 1;
        if (type != EXTENSION_RECORD_TYPE) continue;
        int code;
        GifByteType *block;
        if (DGifGetExtension(gif, &code, &block) == GIF_ERROR) return broken(d, message, "extension");
        if (code == GRAPHICS_EXT_FUNC_CODE && block && block[0] >= 4) DGifExtensionToGCB(block[0], block + 1, control);
        while (block) {
            if (DGifGetExtensionNext(gif, &block) == GIF_ERROR) return broken(d, message, "extension data");
        }
    }
}

/* Applies the previous frame's disposal, and saves the canvas when this frame will be disposed "previous". */
static int dispose(mp_gif_decoder *d, int disposal, char *message) {
    size_t bytes = (size_t)d->width * d->height * 4;
    if (d->last_disposal == DISPOSE_BACKGROUND) {
        clear_rect(d, d->last_left, d->last_top, d->last_width, d->last_height);
    } else if (d->last_disposal == DISPOSE_PREVIOUS && d->saved) {
        memcpy(d->canvas, d->saved, bytes);
    }
    if (disposal == DISPOSE_PREVIOUS) {
        if (!d->saved) d->saved = malloc(bytes);
        if (!d->saved) return mp_fail(message, "out of memory for the saved canvas");
        memcpy(d->saved, d->canvas, bytes);
    }
    return 0;
}

/* Paints one row of colour indices (`line[x - left]` for canvas column x) onto the canvas row `out`, within the
   clip: the transparent index leaves the pixel, an index past the colour map paints black. */
MP_PIXEL_KERNEL static void draw_row(uint8_t *out, const uint8_t *line, int left, const ColorMapObject *map,
                                     int transparent, clip_rect clip) {
    for (int x = clip.left; x < clip.right; x++) {
        int index = line[x - left];
        if (index == transparent) continue;
        uint8_t *pixel = out + (size_t)x * 4;
        if (index < map->ColorCount) {
            GifColorType color = map->Colors[index];
            pixel[0] = color.Red; pixel[1] = color.Green; pixel[2] = color.Blue;
        } else {
            pixel[0] = pixel[1] = pixel[2] = 0;
        }
        pixel[3] = 255;
    }
}

/* Draws the frame's rows (interlaced or not) onto the canvas. 1 drawn, 0 the animation ends here, -1 error. */
static int draw_rows(mp_gif_decoder *d, const ColorMapObject *map, int transparent, clip_rect clip, char *message) {
    GifImageDesc *desc = &d->gif->Image;
    static const int pass_start[] = {0, 4, 2, 1}, pass_step[] = {8, 8, 4, 2};
    int passes = desc->Interlace ? 4 : 1;
    for (int pass = 0; pass < passes; pass++) {
        int start = desc->Interlace ? pass_start[pass] : 0, step = desc->Interlace ? pass_step[pass] : 1;
        for (int row = start; row < desc->Height; row += step) {
            if (DGifGetLine(d->gif, d->line, desc->Width) == GIF_ERROR) {
                if (d->frames > 0) { d->ended = 1; return 0; }
                return fail_gif(message, "pixel data", d->gif->Error);
            }
            int y = desc->Top + row;
            if (y >= d->height) continue;
            draw_row(d->canvas + ((size_t)y * d->width) * 4, d->line, desc->Left, map, transparent, clip);
        }
    }
    return 1;
}

/* A colour map's entries as RGB triples; how many (at most 256). */
static int map_rgb(const ColorMapObject *map, uint8_t rgb[768]) {
    int count = map->ColorCount > 256 ? 256 : map->ColorCount;
    for (int i = 0; i < count; i++) {
        rgb[i * 3] = map->Colors[i].Red;
        rgb[i * 3 + 1] = map->Colors[i].Green;
        rgb[i * 3 + 2] = map->Colors[i].Blue;
    }
    return count;
}

static void copy_palette(const ColorMapObject *map, int transparent, int is_global, mp_gif_palette *palette) {
    palette->count = map_rgb(map, palette->rgb);
    palette->transparent_index = transparent >= 0 && transparent < palette->count ? transparent : -1;
    palette->is_global = is_global;
}

/* Reads the descriptor at the position and readies the row buffer; the frame's palette, or NULL (status set). */
static const ColorMapObject *read_descriptor(mp_gif_decoder *d, int *status, char *message) {
    GifFileType *gif = d->gif;
    if (DGifGetImageDesc(gif) == GIF_ERROR) { *status = broken(d, message, "image descriptor"); return NULL; }
    /* giflib keeps a descriptor per frame; only the current one is needed. */
    if (gif->ImageCount > 1 && gif->SavedImages) {
        SavedImage *old = &gif->SavedImages[gif->ImageCount - 2];
        if (old->ImageDesc.ColorMap) {
            GifFreeMapObject(old->ImageDesc.ColorMap);
            old->ImageDesc.ColorMap = NULL;
        }
    }
    const ColorMapObject *map = gif->Image.ColorMap ? gif->Image.ColorMap : gif->SColorMap;
    if (!map) {
        if (d->frames > 0) { d->ended = 1; *status = 0; } else { *status = mp_fail(message, "frame without a palette"); }
        return NULL;
    }
    if (gif->Image.Width <= 0 || gif->Image.Height <= 0) { *status = broken(d, message, "empty frame"); return NULL; }
    if (gif->Image.Width > d->line_capacity) {
        uint8_t *line = realloc(d->line, (size_t)gif->Image.Width);
        if (!line) { *status = mp_fail(message, "out of memory for a row"); return NULL; }
        d->line = line;
        d->line_capacity = gif->Image.Width;
    }
    return map;
}

int mp_gif_decoder_next(mp_gif_decoder *d, mp_frame *frame, mp_gif_palette *palette, char *message) {
    if (d->ended) return 0;
    GraphicsControlBlock control = {DISPOSAL_UNSPECIFIED, false, 0, NO_TRANSPARENT_COLOR};
    int status = seek_image(d, &control, message);
    if (status != 1) return status;
    if (d->limits.max_frames > 0 && d->frames >= d->limits.max_frames) {
        return mp_fail(message, "more than %d frames", d->limits.max_frames);
    }
    const ColorMapObject *map = read_descriptor(d, &status, message);
    if (!map) return status;
    GifImageDesc *desc = &d->gif->Image;
    clip_rect clip = {
        desc->Left < d->width ? desc->Left : d->width, desc->Top < d->height ? desc->Top : d->height,
        desc->Left + desc->Width < d->width ? desc->Left + desc->Width : d->width,
        desc->Top + desc->Height < d->height ? desc->Top + desc->Height : d->height,
    };
    mp_box changed = {clip.left, clip.top, clip.right, clip.bottom};
    if (d->frames == 0) {
        changed = (mp_box){0, 0, d->width, d->height};
    } else if (d->last_disposal == DISPOSE_BACKGROUND || d->last_disposal == DISPOSE_PREVIOUS) {
        changed = mp_box_union(changed, (mp_box){d->last_left, d->last_top, d->last_left + d->last_width,
                                                 d->last_top + d->last_height});
    }
    if (dispose(d, control.DisposalMode, message) != 0) return -1;
    status = draw_rows(d, map, control.TransparentColor, clip, message);
    if (status != 1) return status;
    d->last_disposal = control.DisposalMode;
    d->last_left = clip.left;
    d->last_top = clip.top;
    d->last_width = clip.right - clip.left;
    d->last_height = clip.bottom - clip.top;
    d->frames++;
    d->changed = changed;
    *frame = (mp_frame){d->canvas, 4, d->width, d->height, control.DelayTime * 10};
    if (palette) copy_palette(map, control.TransparentColor, desc->ColorMap == NULL, palette);
    return 1;
}

int mp_gif_decoder_global(const mp_gif_decoder *decoder, uint8_t rgb[768]) {
    ColorMapObject *map = decoder->gif->SColorMap;
    return map && map->ColorCount > 0 ? map_rgb(map, rgb) : 0;
}

mp_box mp_gif_decoder_changed(const mp_gif_decoder *decoder) { return decoder->changed; }

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
