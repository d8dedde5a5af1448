#ifndef MP_GIF_CODEC_H
#define MP_GIF_CODEC_H

#include <stddef.h>
#include <stdint.h>

/* A GIF decoder that composites one frame at a time onto an RGBA canvas (disposal, partial frames,
   transparency, local palettes, interlacing). Memory does not grow with the number of frames. */
typedef struct mp_gif_decoder mp_gif_decoder;

/* A frame's palette as the encoder's "keep" strategy wants it. */
typedef struct {
    uint8_t rgb[768];
    int count;              /* entries in rgb */
    int transparent_index;  /* -1 when none */
    int is_global;          /* the frame used the global palette */
} mp_gif_palette;

/* Opens `data` (not copied: it must outlive the decoder). NULL on error with `message` set. */
mp_gif_decoder *mp_gif_decoder_open(const uint8_t *data, size_t length, char message[128]);
int mp_gif_decoder_width(const mp_gif_decoder *decoder);
int mp_gif_decoder_height(const mp_gif_decoder *decoder);
/* Composites the next frame. Returns 1 with `canvas` (width*height*4 RGBA, owned by the decoder, valid until the
   next call), 0 at the end, -1 on a broken first frame (`message` set). A frame broken after the first ends the
   animation, as browsers do. */
int mp_gif_decoder_next(mp_gif_decoder *decoder, const uint8_t **canvas, int *delay_ms, mp_gif_palette *palette,
                        char message[128]);
void mp_gif_decoder_close(mp_gif_decoder *decoder);

/* A GIF encoder for frames of one size: frame differencing (unchanged pixels transparent, smallest rectangle),
   disposal chosen per frame, one frame of look-ahead. */
typedef struct mp_gif_encoder mp_gif_encoder;

/* `loop_count` -1 writes no loop extension (play once), 0 forever. `dither` 0...1 for quantised frames. */
mp_gif_encoder *mp_gif_encoder_new(int width, int height, int loop_count, float dither, int quantize_speed);
/* Adds a frame (width*height*4 RGBA). With `palette` the colours are mapped into it (the "keep" strategy);
   without, or when it has no room for transparency, the frame is quantised with libimagequant.
   Returns 0, or -1 with `message` set. */
int mp_gif_encoder_add(mp_gif_encoder *encoder, const uint8_t *rgba, int delay_ms, const mp_gif_palette *palette,
                       char message[128]);
/* Writes the last frame and the trailer; the buffer is the caller's (free()). */
int mp_gif_encoder_finish(mp_gif_encoder *encoder, uint8_t **out, size_t *length, char message[128]);
void mp_gif_encoder_free(mp_gif_encoder *encoder);

#endif
