/* JPEG thumbnails in the YUV domain: a DCT-scaled raw decode into Y, Cb and Cr planes (libjpeg-turbo), each plane
   resampled on its own (libswscale), and the planes encoded straight to JPEG (libjpeg raw data in) or WebP
   (libwebp YUV 4:2:0 in), with no conversion to RGB and back. Follows the message and buffer conventions of
   mp_codec_support.h. */
#ifndef MP_PLANAR_JPEG_H
#define MP_PLANAR_JPEG_H

#include <stddef.h>
#include <stdint.h>
#include "mp_codec_support.h"

#pragma clang assume_nonnull begin

typedef enum { MP_PLANAR_JPEG = 0, MP_PLANAR_WEBP = 1 } mp_planar_output;

/** What to make. */
typedef struct {
    /** Size of the answer in pixels. */
    int width, height;
    /** DCT scaling while decoding: 1, 2, 4 or 8. */
    int shrink;
    mp_planar_output output;
    /** 1-100. */
    int quality;
    /** JPEG: progressive scans; WebP: ignored. */
    int progressive;
    /** WebP method 0-6; JPEG: ignored. */
    int effort;
    /** Refuse a stream that ends early instead of rendering what arrived. */
    int fail_on_truncated;
    /** Largest source in pixels. */
    int64_t max_source_pixels;
    /** At a shrink of 8, read a clean baseline JPEG's DC coefficients with our own entropy decoder (DCDecoder.h)
        rather than libjpeg's; 0 always uses libjpeg. */
    int own_dc_decoder;
} mp_planar_request;

/** Makes the thumbnail: 0 with the file in `out` (malloc'd, the caller frees), 1 when the JPEG is not one this
    path takes (not 3-component YCbCr with 1x1 chroma, for example: use the general path), -1 on a decode or encode
    error with `message` set. */
int mp_planar_jpeg_thumbnail(const uint8_t *data, size_t length, const mp_planar_request *request,
                             uint8_t *_Nullable *_Nonnull out, size_t *out_length, char *_Nullable message);

#pragma clang assume_nonnull end

#endif
