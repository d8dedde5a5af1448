#include "CWebPAnim.h"

#include <stdlib.h>
#include <string.h>
#include <webp/decode.h>
#include <webp/demux.h>
#include <webp/encode.h>
#include <webp/mux.h>

struct mp_webp_decoder {
    WebPAnimDecoder *decoder;
    WebPAnimInfo info;
    int previous_timestamp;
};

mp_webp_decoder *mp_webp_decoder_open(const uint8_t *data, size_t length, const mp_limits *limits,
                                      mp_webp_info *info, char *message) {
    /* libwebp allocates the whole canvas while it opens the animation: refuse an oversized one from the header
       first (a 140-byte file could ask for 8 GB). */
    WebPBitstreamFeatures features;
    if (WebPGetFeatures(data, length, &features) != VP8_STATUS_OK) {
        mp_fail(message, "not a decodable WebP");
        return NULL;
    }
    if (limits->max_frame_pixels > 0 && (int64_t)features.width * features.height > limits->max_frame_pixels) {
        mp_fail(message, "canvas over the pixel limit");
        return NULL;
    }
    mp_webp_decoder *d = calloc(1, sizeof *d);
    if (!d) { mp_fail(message, "out of memory"); return NULL; }
    WebPAnimDecoderOptions options;
    if (!WebPAnimDecoderOptionsInit(&options)) {
        mp_fail(message, "libwebp version mismatch");
        free(d);
        return NULL;
    }
    options.color_mode = MODE_RGBA;
    options.use_threads = 0;
    WebPData webp = {data, length};
    d->decoder = WebPAnimDecoderNew(&webp, &options);
    if (!d->decoder || !WebPAnimDecoderGetInfo(d->decoder, &d->info)) {
        mp_fail(message, "not a decodable WebP");
    } else if (limits->max_frame_pixels > 0 &&
               (int64_t)d->info.canvas_width * d->info.canvas_height > limits->max_frame_pixels) {
        mp_fail(message, "canvas over the pixel limit");
    } else if (limits->max_frames > 0 && d->info.frame_count > (uint32_t)limits->max_frames) {
        mp_fail(message, "more than %d frames", limits->max_frames);
    } else {
        *info = (mp_webp_info){(int)d->info.canvas_width, (int)d->info.canvas_height, (int)d->info.frame_count,
                               (int)d->info.loop_count};
        return d;
    }
    mp_webp_decoder_close(d);
    return NULL;
}

int mp_webp_decoder_next(mp_webp_decoder *d, mp_frame *frame, char *message) {
    if (!WebPAnimDecoderHasMoreFrames(d->decoder)) return 0;
    uint8_t *buffer = NULL;
    int timestamp = 0;
    if (!WebPAnimDecoderGetNext(d->decoder, &buffer, &timestamp)) return mp_fail(message, "broken frame");
    *frame = (mp_frame){buffer, 4, (int)d->info.canvas_width, (int)d->info.canvas_height,
                        timestamp - d->previous_timestamp};
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

mp_webp_encoder *mp_webp_encoder_new(int width, int height, int loop_count, int quality, int mode, int effort,
                                     char *message) {
    mp_webp_encoder *e = calloc(1, sizeof *e);
    if (!e) { mp_fail(message, "out of memory"); return NULL; }
    WebPAnimEncoderOptions options;
    if (!WebPAnimEncoderOptionsInit(&options) || !WebPConfigInit(&e->config)) {
        mp_fail(message, "libwebp version mismatch");
        free(e);
        return NULL;
    }
    options.anim_params.loop_count = loop_count < 0 ? 1 : loop_count > 65535 ? 65535 : loop_count;
    options.allow_mixed = mode == 2;
    options.minimize_size = 0;
    e->config.lossless = mode == 1;
    e->config.quality = (float)quality;
    e->config.method = effort < 0 ? 0 : effort > 6 ? 6 : effort;
    e->config.thread_level = 0;
    e->width = width;
    e->height = height;
    if (!WebPValidateConfig(&e->config)) {
        mp_fail(message, "invalid WebP settings");
    } else if (!(e->encoder = WebPAnimEncoderNew(width, height, &options))) {
        mp_fail(message, "libwebp refused a %dx%d animation", width, height);
    } else {
        return e;
    }
    free(e);
    return NULL;
}

int mp_webp_encoder_add(mp_webp_encoder *e, const uint8_t *rgba, int delay_ms, int exact, char *message) {
    WebPPicture picture;
    if (!WebPPictureInit(&picture)) return mp_fail(message, "libwebp version mismatch");
    picture.use_argb = 1;
    picture.width = e->width;
    picture.height = e->height;
    if (!WebPPictureImportRGBA(&picture, rgba, e->width * 4)) return mp_fail(message, "out of memory");
    WebPConfig config = e->config;
    if (exact) config.lossless = 1;
    int ok = WebPAnimEncoderAdd(e->encoder, &picture, e->timestamp, &config);
    WebPPictureFree(&picture);
    if (!ok) return mp_fail(message, "%s", WebPAnimEncoderGetError(e->encoder));
    e->timestamp += delay_ms;
    return 0;
}

int mp_webp_encoder_finish(mp_webp_encoder *e, uint8_t **out, size_t *length, char *message) {
    WebPData data;
    WebPDataInit(&data);
    int status;
    if (!WebPAnimEncoderAdd(e->encoder, NULL, e->timestamp, NULL) || !WebPAnimEncoderAssemble(e->encoder, &data)) {
        status = mp_fail(message, "%s", WebPAnimEncoderGetError(e->encoder));
    } else {
        status = mp_copy_out(data.bytes, data.size, out, length, message);
    }
    WebPDataClear(&data);
    return status;
}

void mp_webp_encoder_free(mp_webp_encoder *e) {
    if (!e) return;
    if (e->encoder) WebPAnimEncoderDelete(e->encoder);
    free(e);
}
