#ifndef MP_WEBP_ANIM_H
#define MP_WEBP_ANIM_H

#include <stddef.h>
#include <stdint.h>

/* Animated WebP through libwebp's demux and mux libraries: frames are composited one at a time. */
typedef struct mp_webp_decoder mp_webp_decoder;

/* Opens `data` (not copied: it must outlive the decoder). NULL with `message` set on error. */
mp_webp_decoder *mp_webp_decoder_open(const uint8_t *data, size_t length, char message[128]);
void mp_webp_decoder_info(const mp_webp_decoder *decoder, int *width, int *height, int *frames, int *loop_count);
/* 1 with the canvas (width*height*4 RGBA, owned by the decoder) and the frame's duration; 0 at the end; -1 on a
   broken frame. */
int mp_webp_decoder_next(mp_webp_decoder *decoder, const uint8_t **canvas, int *delay_ms, char message[128]);
void mp_webp_decoder_close(mp_webp_decoder *decoder);

/* Encoder: `mode` 0 lossy, 1 lossless, 2 each frame whichever is smaller. `effort` 0-6. */
typedef struct mp_webp_encoder mp_webp_encoder;
mp_webp_encoder *mp_webp_encoder_new(int width, int height, int loop_count, int quality, int mode, int effort);
/* `exact` encodes the frame losslessly, so a frame that differs from the previous one by a single level is kept
   as its own frame rather than merged into the previous one's duration. */
int mp_webp_encoder_add(mp_webp_encoder *encoder, const uint8_t *rgba, int delay_ms, int exact, char message[128]);
/* The buffer is the caller's (free()). */
int mp_webp_encoder_finish(mp_webp_encoder *encoder, uint8_t **out, size_t *length, char message[128]);
void mp_webp_encoder_free(mp_webp_encoder *encoder);

#endif
