#include "CAvifCodec.h"

#include "AvifFunctions.h"
#include <math.h>
#include <stdlib.h>
#include <string.h>

struct mp_avif_decoder {
    avifDecoder *decoder;
    avifRGBImage rgb;
    uint8_t *frame;   /* 8-bit RGBA handed out */
    int is_hdr;
};

static int is_hdr_transfer(avifTransferCharacteristics transfer) {
    return transfer == AVIF_TRANSFER_CHARACTERISTICS_SMPTE2084 || transfer == AVIF_TRANSFER_CHARACTERISTICS_HLG;
}

mp_avif_decoder *mp_avif_decoder_open(const uint8_t *data, size_t length, const mp_limits *limits,
                                      mp_avif_info *info, char *message) {
    if (mp_avif_load(message) != 0) return NULL;
    mp_avif_decoder *d = calloc(1, sizeof *d);
    if (!d) { mp_fail(message, "out of memory"); return NULL; }
    d->decoder = avifDecoderCreate();
    if (!d->decoder) { mp_fail(message, "out of memory"); free(d); return NULL; }
    int64_t max_pixels = limits->max_frame_pixels > 0 && limits->max_frame_pixels < UINT32_MAX
                       ? limits->max_frame_pixels : AVIF_DEFAULT_IMAGE_SIZE_LIMIT;
    d->decoder->maxThreads = 1;
    d->decoder->imageSizeLimit = (uint32_t)max_pixels;
    d->decoder->strictFlags = AVIF_STRICT_DISABLED;
    d->decoder->ignoreExif = AVIF_TRUE;
    d->decoder->ignoreXMP = AVIF_TRUE;
    avifResult result = avifDecoderSetIOMemory(d->decoder, data, length);
    if (result == AVIF_RESULT_OK) result = avifDecoderParse(d->decoder);
    if (result != AVIF_RESULT_OK) {
        mp_fail(message, "%s", avifResultToString(result));
        mp_avif_decoder_close(d);
        return NULL;
    }
    const avifImage *image = d->decoder->image;
    info->width = (int)image->width;
    info->height = (int)image->height;
    info->frames = d->decoder->imageCount;
    info->depth = (int)image->depth;
    info->has_alpha = d->decoder->alphaPresent;
    info->duration = d->decoder->duration;
    d->is_hdr = image->depth > 8 && is_hdr_transfer(image->transferCharacteristics);
    info->is_hdr = d->is_hdr;
    if (image->width == 0 || image->height == 0 || (int64_t)image->width * image->height > max_pixels) {
        mp_fail(message, "frame over the pixel limit");
    } else if (limits->max_frames > 0 && d->decoder->imageCount > limits->max_frames) {
        mp_fail(message, "more than %d frames", limits->max_frames);
    } else {
        return d;
    }
    mp_avif_decoder_close(d);
    return NULL;
}

/* PQ (SMPTE ST 2084) signal to linear light, 1.0 = 10000 cd/m2. */
static double pq_to_linear(double value) {
    const double m1 = 2610.0 / 16384, m2 = 2523.0 / 4096 * 128, c1 = 3424.0 / 4096, c2 = 2413.0 / 4096 * 32,
                 c3 = 2392.0 / 4096 * 32;
    double p = pow(value, 1 / m2);
    double numerator = p - c1 > 0 ? p - c1 : 0;
    return pow(numerator / (c2 - c3 * p), 1 / m1);
}

/* HLG signal to scene light, 0...1 (ARIB STD-B67 inverse OETF). */
static double hlg_to_linear(double value) {
    const double a = 0.17883277, b = 1 - 4 * a, c = 0.5 - a * log(4 * a);
    return value <= 0.5 ? value * value / 3 : (exp((value - c) / a) + b) / 12;
}

static double srgb_encode(double linear) {
    if (linear <= 0) return 0;
    if (linear >= 1) return 1;
    return linear <= 0.0031308 ? 12.92 * linear : 1.055 * pow(linear, 1 / 2.4) - 0.055;
}

/* Tone-maps 16-bit HDR RGB (BT.2020 or BT.709 primaries) to 8-bit sRGB: reference white at 203 cd/m2, extended
   Reinhard on luminance with the peak at 1000 cd/m2, gamut clipped after conversion to BT.709. */
static void tone_map(const avifImage *image, const avifRGBImage *rgb, uint8_t *out) {
    int pq = image->transferCharacteristics == AVIF_TRANSFER_CHARACTERISTICS_SMPTE2084;
    int bt2020 = image->colorPrimaries == AVIF_COLOR_PRIMARIES_BT2020;
    double maximum = (double)((1 << rgb->depth) - 1);
    const double white = 203.0, peak = 1000.0 / white;
    float table[4096];
    for (int i = 0; i < 4096; i++) {
        double signal = i / 4095.0;
        table[i] = (float)(pq ? pq_to_linear(signal) * 10000.0 / white : hlg_to_linear(signal) * 1000.0 / white);
    }
    for (uint32_t y = 0; y < rgb->height; y++) {
        const uint16_t *row = (const uint16_t *)(rgb->pixels + (size_t)y * rgb->rowBytes);
        uint8_t *target = out + (size_t)y * rgb->width * 4;
        for (uint32_t x = 0; x < rgb->width; x++) {
            const uint16_t *pixel = row + x * 4;
            double r = table[(int)(pixel[0] / maximum * 4095 + 0.5)];
            double g = table[(int)(pixel[1] / maximum * 4095 + 0.5)];
            double b = table[(int)(pixel[2] / maximum * 4095 + 0.5)];
            if (bt2020) {
                double r709 = 1.6605 * r - 0.5876 * g - 0.0728 * b;
                double g709 = -0.1246 * r + 1.1329 * g - 0.0083 * b;
                double b709 = -0.0182 * r - 0.1006 * g + 1.1187 * b;
                r = r709; g = g709; b = b709;
            }
            double luminance = 0.2126 * r + 0.7152 * g + 0.0722 * b;
            if (luminance > 0) {
                double mapped = luminance * (1 + luminance / (peak * peak)) / (1 + luminance);
                double scale = mapped / luminance;
                r *= scale; g *= scale; b *= scale;
            }
            target[x * 4] = (uint8_t)lround(srgb_encode(r) * 255);
            target[x * 4 + 1] = (uint8_t)lround(srgb_encode(g) * 255);
            target[x * 4 + 2] = (uint8_t)lround(srgb_encode(b) * 255);
            target[x * 4 + 3] = (uint8_t)lround(pixel[3] / maximum * 255);
        }
    }
}

/* Makes the RGB buffers for frames of the first frame's size. 0, or -1 out of memory. */
static int prepare_frame(mp_avif_decoder *d, avifImage *image, char *message) {
    d->frame = malloc((size_t)image->width * image->height * 4);
    if (!d->frame) return mp_fail(message, "out of memory for a %ux%u frame", image->width, image->height);
    avifRGBImageSetDefaults(&d->rgb, image);
    d->rgb.format = AVIF_RGB_FORMAT_RGBA;
    d->rgb.depth = d->is_hdr ? 16 : 8;
    if (d->is_hdr) {
        avifRGBImageAllocatePixels(&d->rgb);
        if (!d->rgb.pixels) {
            /* leave the decoder unprepared, so a later call does not convert into missing pixels */
            free(d->frame);
            d->frame = NULL;
            return mp_fail(message, "out of memory for a %ux%u frame", image->width, image->height);
        }
    } else {
        d->rgb.pixels = d->frame;
        d->rgb.rowBytes = image->width * 4;
    }
    return 0;
}

int mp_avif_decoder_next(mp_avif_decoder *d, mp_frame *frame, char *message) {
    avifResult result = avifDecoderNextImage(d->decoder);
    if (result == AVIF_RESULT_NO_IMAGES_REMAINING) return 0;
    if (result != AVIF_RESULT_OK) return mp_fail(message, "%s", avifResultToString(result));
    avifImage *image = d->decoder->image;
    if (!d->frame && prepare_frame(d, image, message) != 0) return -1;
    if (image->width != d->rgb.width || image->height != d->rgb.height) return mp_fail(message, "frame size changes");
    result = avifImageYUVToRGB(image, &d->rgb);
    if (result != AVIF_RESULT_OK) return mp_fail(message, "%s", avifResultToString(result));
    if (d->is_hdr) tone_map(image, &d->rgb, d->frame);
    *frame = (mp_frame){d->frame, 4, (int)image->width, (int)image->height,
                        (int)lround(d->decoder->imageTiming.duration * 1000)};
    return 1;
}

int mp_avif_decoder_frame_duration(mp_avif_decoder *d, int index) {
    avifImageTiming timing;
    if (avifDecoderNthImageTiming(d->decoder, (uint32_t)index, &timing) != AVIF_RESULT_OK) return -1;
    /* The file's timescale and durations are untrusted: NaN, negative or huge values become 0 or WebP's
       largest frame duration (2^24 - 1 ms), which every encoder of ours can hold. */
    double ms = timing.duration * 1000;
    if (!(ms >= 0)) return 0;
    return ms >= 16777215.0 ? 16777215 : (int)lround(ms);
}

void mp_avif_decoder_close(mp_avif_decoder *d) {
    if (!d) return;
    if (d->is_hdr && d->rgb.pixels) avifRGBImageFreePixels(&d->rgb);
    free(d->frame);
    if (d->decoder) avifDecoderDestroy(d->decoder);
    free(d);
}

struct mp_avif_encoder {
    avifEncoder *encoder;
    int width, height, has_alpha;
};

mp_avif_encoder *mp_avif_encoder_new(int width, int height, int quality, int speed, int has_alpha, char *message) {
    if (width <= 0 || height <= 0) { mp_fail(message, "an AVIF cannot be %dx%d", width, height); return NULL; }
    if (mp_avif_load(message) != 0) return NULL;
    mp_avif_encoder *e = calloc(1, sizeof *e);
    if (!e) { mp_fail(message, "out of memory"); return NULL; }
    e->encoder = avifEncoderCreate();
    if (!e->encoder) { mp_fail(message, "out of memory"); free(e); return NULL; }
    int quantizer = (int)lround((100 - (quality < 1 ? 1 : quality > 100 ? 100 : quality)) * 63 / 100.0);
    e->encoder->minQuantizer = quantizer > 8 ? quantizer - 8 : 0;
    e->encoder->maxQuantizer = quantizer;
    e->encoder->minQuantizerAlpha = e->encoder->minQuantizer;
    e->encoder->maxQuantizerAlpha = e->encoder->maxQuantizer;
    e->encoder->speed = speed < 0 ? 0 : speed > 10 ? 10 : speed;
    e->encoder->maxThreads = 1;
    e->encoder->timescale = 1000;
    /* libaom 3.6 under libavif 0.11 crashes on the second frame of a sequence with alpha; rav1e does not. */
    if (has_alpha && width >= 16 && height >= 16 && avifCodecName(AVIF_CODEC_CHOICE_RAV1E, AVIF_CODEC_FLAG_CAN_ENCODE)) {
        e->encoder->codecChoice = AVIF_CODEC_CHOICE_RAV1E;
    }
    e->width = width;
    e->height = height;
    e->has_alpha = has_alpha;
    return e;
}

int mp_avif_encoder_add(mp_avif_encoder *e, const uint8_t *rgba, int delay_ms, char *message) {
    avifImage *image = avifImageCreate(e->width, e->height, 8, AVIF_PIXEL_FORMAT_YUV420);
    if (!image) return mp_fail(message, "out of memory");
    image->colorPrimaries = AVIF_COLOR_PRIMARIES_BT709;
    image->transferCharacteristics = AVIF_TRANSFER_CHARACTERISTICS_SRGB;
    image->matrixCoefficients = AVIF_MATRIX_COEFFICIENTS_BT601;
    image->yuvRange = AVIF_RANGE_FULL;
    avifRGBImage rgb;
    avifRGBImageSetDefaults(&rgb, image);
    rgb.format = AVIF_RGB_FORMAT_RGBA;
    rgb.depth = 8;
    rgb.ignoreAlpha = !e->has_alpha;
    rgb.pixels = (uint8_t *)rgba;
    rgb.rowBytes = (uint32_t)e->width * 4;
    avifResult result = avifImageRGBToYUV(image, &rgb);
    if (result == AVIF_RESULT_OK) {
        uint64_t duration = delay_ms > 0 ? (uint64_t)delay_ms : 1;
        result = avifEncoderAddImage(e->encoder, image, duration, AVIF_ADD_IMAGE_FLAG_NONE);
    }
    avifImageDestroy(image);
    return result == AVIF_RESULT_OK ? 0 : mp_fail(message, "%s", avifResultToString(result));
}

/* Big-endian 32-bit value at `p`. */
static uint32_t read_u32(const uint8_t *p) {
    return (uint32_t)p[0] << 24 | (uint32_t)p[1] << 16 | (uint32_t)p[2] << 8 | p[3];
}

/* Zeroes the creation and modification times of the movie, track and media headers (mvhd, tkhd, mdhd) in the
   boxes from `data` to `end`, descending into moov, trak and mdia. libavif stamps a sequence with the time it was
   written: without this, the same request gave different bytes (and ETags) from one second to the next. */
static void clear_box_times(uint8_t *data, const uint8_t *end) {
    while (end - data >= 8) {
        uint64_t size = read_u32(data);
        size_t header = 8;
        if (size == 1) {
            if (end - data < 16) return;
            size = (uint64_t)read_u32(data + 8) << 32 | read_u32(data + 12);
            header = 16;
        } else if (size == 0) {
            size = (uint64_t)(end - data);
        }
        if (size < header || size > (uint64_t)(end - data)) return;
        const uint8_t *type = data + 4;
        uint8_t *body = data + header, *box_end = data + size;
        if (!memcmp(type, "moov", 4) || !memcmp(type, "trak", 4) || !memcmp(type, "mdia", 4)) {
            clear_box_times(body, box_end);
        } else if (!memcmp(type, "mvhd", 4) || !memcmp(type, "tkhd", 4) || !memcmp(type, "mdhd", 4)) {
            /* version 0: two 32-bit times after version and flags; version 1: two 64-bit times */
            size_t times = body < box_end && body[0] == 1 ? 16 : 8;
            if ((size_t)(box_end - body) >= 4 + times) memset(body + 4, 0, times);
        }
        data = box_end;
    }
}

int mp_avif_encoder_finish(mp_avif_encoder *e, uint8_t **out, size_t *length, char *message) {
    avifRWData data = AVIF_DATA_EMPTY;
    avifResult result = avifEncoderFinish(e->encoder, &data);
    if (result == AVIF_RESULT_OK) clear_box_times(data.data, data.data + data.size);
    int status = result == AVIF_RESULT_OK ? mp_copy_out(data.data, data.size, out, length, message)
                                          : mp_fail(message, "%s", avifResultToString(result));
    avifRWDataFree(&data);
    return status;
}

void mp_avif_encoder_free(mp_avif_encoder *e) {
    if (!e) return;
    if (e->encoder) avifEncoderDestroy(e->encoder);
    free(e);
}
