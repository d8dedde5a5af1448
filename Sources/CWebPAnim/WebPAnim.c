#include "CWebPAnim.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <webp/demux.h>
#include <webp/encode.h>
#include <webp/mux.h>

struct mp_webp_decoder {
    WebPAnimDecoder *decoder;
    WebPAnimInfo info;
    int previous_timestamp;
};

mp_webp_decoder *mp_webp_decoder_open(const uint8_t *data, size_t length, char message[128]) {
    mp_webp_decoder *d = calloc(1, sizeof *d);
    if (!d) return NULL;
    WebPAnimDecoderOptions options;
    if (!WebPAnimDecoderOptionsInit(&options)) { free(d); return NULL; }
    options.color_mode = MODE_RGBA;
    options.use_threads = 0;
    WebPData webp = {data, length};
    d->decoder = WebPAnimDecoderNew(&webp, &options);
    if (!d->decoder || !WebPAnimDecoderGetInfo(d->decoder, &d->info)) {
        if (message) snprintf(message, 128, "not a decodable WebP");
        mp_webp_decoder_close(d);
        return NULL;
    }
    return d;
}

void mp_webp_decoder_info(const mp_webp_decoder *d, int *width, int *height, int *frames, int *loop_count) {
    *width = (int)d->info.canvas_width;
    *height = (int)d->info.canvas_height;
    *frames = (int)d->info.frame_count;
    *loop_count = (int)d->info.loop_count;
}

int mp_webp_decoder_next(mp_webp_decoder *d, const uint8_t **canvas, int *delay_ms, char message[128]) {
    if (!WebPAnimDecoderHasMoreFrames(d->decoder)) return 0;
    uint8_t *buffer = NULL;
    int timestamp = 0;
    if (!WebPAnimDecoderGetNext(d->decoder, &buffer, &timestamp)) {
        if (message) snprintf(message, 128, "broken frame");
        return -1;
    }
    *canvas = buffer;
    *delay_ms = timestamp - d->previous_timestamp;
    d->previous_timestamp = timestamp;
    return 1;
}

void mp_webp_decoder_close(mp_webp_decoder *d) {
    if (!d) return;
    if (d->decoder) WebPAnimDecoderDelete(d->decoder);
    free(d);
}

struct mp_webp_encoder {
    WebPAnimEncoder *encoder;
    WebPConfig config;
    int width, height, timestamp;
};

mp_webp_encoder *mp_webp_encoder_new(int width, int height, int loop_count, int quality, int mode, int effort) {
    mp_webp_encoder *e = calloc(1, sizeof *e);
    if (!e) return NULL;
    WebPAnimEncoderOptions options;
    if (!WebPAnimEncoderOptionsInit(&options) || !WebPConfigInit(&e->config)) { free(e); return NULL; }
    options.anim_params.loop_count = loop_count < 0 ? 1 : loop_count;
    options.allow_mixed = mode == 2;
    options.minimize_size = 0;
    e->config.lossless = mode == 1;
    e->config.quality = (float)quality;
    e->config.method = effort < 0 ? 0 : effort > 6 ? 6 : effort;
    e->config.thread_level = 0;
    e->width = width;
    e->height = height;
    if (!WebPValidateConfig(&e->config)) { free(e); return NULL; }
    e->encoder = WebPAnimEncoderNew(width, height, &options);
    if (!e->encoder) { free(e); return NULL; }
    return e;
}

int mp_webp_encoder_add(mp_webp_encoder *e, const uint8_t *rgba, int delay_ms, int exact, char message[128]) {
    WebPPicture picture;
    if (!WebPPictureInit(&picture)) return -1;
    picture.use_argb = 1;
    picture.width = e->width;
    picture.height = e->height;
    if (!WebPPictureImportRGBA(&picture, rgba, e->width * 4)) {
        if (message) snprintf(message, 128, "out of memory");
        return -1;
    }
    WebPConfig config = e->config;
    if (exact) config.lossless = 1;
    int ok = WebPAnimEncoderAdd(e->encoder, &picture, e->timestamp, &config);
    WebPPictureFree(&picture);
    if (!ok) {
        if (message) snprintf(message, 128, "%s", WebPAnimEncoderGetError(e->encoder));
        return -1;
    }
    e->timestamp += delay_ms;
    return 0;
}

int mp_webp_encoder_finish(mp_webp_encoder *e, uint8_t **out, size_t *length, char message[128]) {
    WebPData data;
    WebPDataInit(&data);
    if (!WebPAnimEncoderAdd(e->encoder, NULL, e->timestamp, NULL) || !WebPAnimEncoderAssemble(e->encoder, &data)) {
        if (message) snprintf(message, 128, "%s", WebPAnimEncoderGetError(e->encoder));
        WebPDataClear(&data);
        return -1;
    }
    *out = malloc(data.size);
    if (!*out) { WebPDataClear(&data); return -1; }
    memcpy(*out, data.bytes, data.size);
    *length = data.size;
    WebPDataClear(&data);
    return 0;
}

void mp_webp_encoder_free(mp_webp_encoder *e) {
    if (!e) return;
    if (e->encoder) WebPAnimEncoderDelete(e->encoder);
    free(e);
}
