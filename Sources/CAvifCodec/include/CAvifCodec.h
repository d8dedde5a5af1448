#ifndef MP_AVIF_CODEC_H
#define MP_AVIF_CODEC_H

#include <stddef.h>
#include <stdint.h>

/* AVIF image sequences through libavif, a frame at a time; 10/12-bit PQ or HLG frames are tone-mapped to SDR. */
typedef struct mp_avif_decoder mp_avif_decoder;

typedef struct {
    int width, height, frames, depth;
    int has_alpha;
    int is_hdr;      /* PQ or HLG transfer */
    double duration; /* seconds */
} mp_avif_info;

/* Opens `data` (not copied). `max_pixels` bounds one frame. NULL with `message` set on error. */
mp_avif_decoder *mp_avif_decoder_open(const uint8_t *data, size_t length, int max_pixels, mp_avif_info *info,
                                      char message[128]);
/* 1 with the frame as 8-bit sRGB RGBA (width*height*4, owned by the decoder), 0 at the end, -1 on error. */
int mp_avif_decoder_next(mp_avif_decoder *decoder, const uint8_t **rgba, int *delay_ms, char message[128]);
/* The duration of frame `index` in milliseconds, without decoding it; -1 when out of range. */
int mp_avif_decoder_frame_duration(mp_avif_decoder *decoder, int index);
void mp_avif_decoder_close(mp_avif_decoder *decoder);

/* Encoder for a sequence (or a single image). `quality` 1-100, `speed` 0-10. */
typedef struct mp_avif_encoder mp_avif_encoder;
mp_avif_encoder *mp_avif_encoder_new(int width, int height, int quality, int speed, int has_alpha);
int mp_avif_encoder_add(mp_avif_encoder *encoder, const uint8_t *rgba, int delay_ms, char message[128]);
/* The buffer is the caller's (free()). */
int mp_avif_encoder_finish(mp_avif_encoder *encoder, uint8_t **out, size_t *length, char message[128]);
void mp_avif_encoder_free(mp_avif_encoder *encoder);

#endif
