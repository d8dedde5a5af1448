/*
 * Scaled JPEG decoding straight through libjpeg-turbo, for shrink-on-load: DCT scaling by 1/2, 1/4 or 1/8,
 * optionally with the fast integer IDCT and without fancy upsampling (as Pillow's draft mode does), into a libvips
 * image. The EXIF block and the ICC profile are attached as "exif-data" and "icc-profile-data".
 */
#ifndef CVIPSJPEG_H
#define CVIPSJPEG_H

#include <stddef.h>
#include <vips/vips.h>

/** Decodes YCbCr, RGB or greyscale JPEGs (not CMYK/YCCK: returns -2 so the caller can use jpegload).
 *  `shrink` is 1, 2, 4 or 8. A truncated stream fails when `fail_on_truncated` is set.
 *  Returns 0 on success, -1 on a decode error (vips' error buffer says why), -2 when unsupported here. */
int mp_jpeg_decode_scaled(const void *data, size_t length, int shrink, int fast, int fail_on_truncated,
                          VipsImage **out);

#endif
