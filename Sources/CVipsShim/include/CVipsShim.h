/*
 * CVipsShim: fixed-arity wrappers over libvips' variadic API, so Swift can call them.
 * Every function returns 0 on success and -1 on failure (vips' error buffer then says why),
 * and writes a new reference to *out that the caller must unref.
 */
#ifndef CVIPSSHIM_H
#define CVIPSSHIM_H

#include <stddef.h>
#include <vips/vips.h>
#include "CVipsJpeg.h"

/** Loads libvips (it is never linked: see VipsFunctions.h) and starts it once for a server: one thread per
 *  operation, no operation cache, Orc-generated vector code when `vector_code` is set and the orc code lock is
 *  installed, and every loader blocked except the seven the pipeline uses (JPEG, PNG, WebP, GIF, TIFF, HEIF, SVG
 *  from buffers). */
int mp_init(const char *argv0, int vector_code);

/** 1 when libvips' calls to orc_program_free resolve to the locked wrapper in OrcCodeLock.c (the executable exports
 *  it) and the wrapper finds orc's own functions, 0 otherwise. Call after mp_init. */
int mp_orc_code_lock_installed(void);

/** 1 when libvips runs Orc-generated vector code. */
int mp_vector_code_enabled(void);

/** Copies the vips error buffer into a malloc'ed string (caller frees) and clears it; says why libvips could not
 *  be loaded when it could not. */
char *mp_error_take(void);

/** Runs the loader named `loader` (e.g. "jpegload_buffer") over a private copy of the bytes.
 *  `options` is a vips option string such as "shrink=8,access=sequential" (may be empty). */
int mp_load_buffer(const char *loader, const void *data, size_t length, const char *options, VipsImage **out);

int mp_resize(VipsImage *in, VipsImage **out, double hscale, double vscale);
/** Integer box shrink (averages `hshrink` x `vshrink` blocks). */
int mp_shrink(VipsImage *in, VipsImage **out, int hshrink, int vshrink);
int mp_extract_area(VipsImage *in, VipsImage **out, int left, int top, int width, int height);
int mp_smartcrop(VipsImage *in, VipsImage **out, int width, int height, VipsInteresting interesting);
int mp_embed(VipsImage *in, VipsImage **out, int x, int y, int width, int height, const double *background, int n);
int mp_rot(VipsImage *in, VipsImage **out, VipsAngle angle);
/** Rotates upright by the image's "orientation" metadata (libvips' own EXIF reading). */
int mp_autorot(VipsImage *in, VipsImage **out);
int mp_flip(VipsImage *in, VipsImage **out, VipsDirection direction);
int mp_gaussblur(VipsImage *in, VipsImage **out, double sigma);
int mp_sharpen(VipsImage *in, VipsImage **out, double sigma);
int mp_flatten(VipsImage *in, VipsImage **out, const double *background, int n);
int mp_premultiply(VipsImage *in, VipsImage **out);
int mp_unpremultiply(VipsImage *in, VipsImage **out);
int mp_cast(VipsImage *in, VipsImage **out, VipsBandFormat format);
int mp_colourspace(VipsImage *in, VipsImage **out, VipsInterpretation space);
/** ICC transform to `output_profile`; `input_profile` is used when the image has none embedded (NULL: sRGB). */
int mp_icc_transform(VipsImage *in, VipsImage **out, const char *output_profile, const char *input_profile);
int mp_extract_band(VipsImage *in, VipsImage **out, int band, int n);
int mp_bandjoin_const1(VipsImage *in, VipsImage **out, double value);
int mp_bandjoin2(VipsImage *first, VipsImage *second, VipsImage **out);
/** out = in * a + b, as uchar when `uchar` is set. */
int mp_linear1(VipsImage *in, VipsImage **out, double a, double b, int uchar);
/** out = in * a[i] + b[i] per band (n values each), as uchar when `uchar` is set. */
int mp_linear(VipsImage *in, VipsImage **out, const double *a, const double *b, int n, int uchar);
/** Each output band is a weighted sum of the input bands: `matrix` is bands x bands, row-major. */
int mp_recomb(VipsImage *in, VipsImage **out, const double *matrix, int bands);
/** Mosaic of `size` x `size` blocks, each the average of its pixels; the size is unchanged. */
int mp_pixelate(VipsImage *in, VipsImage **out, int size);
/** Draws `overlay` (with alpha) over `base` with its top-left corner at (x, y); `base` gains an alpha band. */
int mp_composite_over(VipsImage *base, VipsImage *overlay, VipsImage **out, int x, int y);
/** Pixel-wise product of two images. */
int mp_multiply(VipsImage *left, VipsImage *right, VipsImage **out);
/** `across` x `down` copies of the image side by side. */
int mp_replicate(VipsImage *in, VipsImage **out, int across, int down);
int mp_find_trim(VipsImage *in, int *left, int *top, int *width, int *height,
                 double threshold, const double *background, int n);
/** Reads one pixel; *values is g_malloc'ed (caller g_frees). */
int mp_getpoint(VipsImage *in, double **values, int *n, int x, int y);
int mp_copy_memory(VipsImage *in, VipsImage **out);
int mp_copy(VipsImage *in, VipsImage **out);
/** Makes an image from packed 8-bit pixels (copied). */
int mp_new_from_memory(const void *data, size_t length, int width, int height, int bands, VipsImage **out);

/* Savers: *buffer is g_malloc'ed; the caller g_frees it. */
int mp_jpegsave(VipsImage *in, void **buffer, size_t *length, int quality, int interlace, int optimize_coding,
                int restart_interval, int strip);
int mp_pngsave(VipsImage *in, void **buffer, size_t *length, int compression, int palette, int quality, int strip);
int mp_webpsave(VipsImage *in, void **buffer, size_t *length, int quality, int lossless, int effort, int strip);
int mp_avifsave(VipsImage *in, void **buffer, size_t *length, int quality, int effort, int strip);
int mp_gifsave(VipsImage *in, void **buffer, size_t *length, int effort, int strip);
/** JPEG XL through libjxl: `quality` 1-100 (libvips maps it to a distance), `effort` 1-9, or lossless. */
int mp_jxlsave(VipsImage *in, void **buffer, size_t *length, int quality, int effort, int lossless, int strip);

/** Removes every metadata item a saver could write (EXIF, XMP, IPTC, ICC, orientation, comments). */
void mp_remove_metadata(VipsImage *image);
/** Attaches a blob (copied) under `name`, e.g. "exif-data" or "icc-profile-data". */
void mp_set_blob(VipsImage *image, const char *name, const void *data, size_t length);
/** Sets an integer metadata item, e.g. "orientation". */
void mp_set_int(VipsImage *image, const char *name, int value);

/* Image fields, metadata and memory for Swift (libvips' own functions are reached only through this shim). */
int mp_image_width(VipsImage *image);
int mp_image_height(VipsImage *image);
int mp_image_bands(VipsImage *image);
int mp_image_has_alpha(VipsImage *image);
VipsInterpretation mp_image_interpretation(VipsImage *image);
VipsBandFormat mp_image_format(VipsImage *image);
int mp_image_pages(VipsImage *image);
/** 1 when the image has a metadata item `name`. */
int mp_image_has_field(VipsImage *image, const char *name);
/** Points *data at the blob `name` (owned by the image): 0, or -1 when it has none. */
int mp_image_get_blob(VipsImage *image, const char *name, const void **data, size_t *length);
int mp_image_get_int(VipsImage *image, const char *name, int *value);
/** Renders the image into a g_malloc'ed buffer (caller mp_frees); NULL on failure. */
void *mp_write_to_memory(VipsImage *image, size_t *length);
/** Drops one reference to the image. */
void mp_image_unref(VipsImage *image);
/** Frees memory libvips or GLib allocated (g_free). */
void mp_free(void *memory);
/** libvips' version: part 0, 1, 2 are major, minor, micro. */
int mp_version(int part);
/** Turns libvips' leak report at shutdown on or off. */
void mp_leak_set(int enabled);
/** Ends libvips for the rest of the process (call it only at exit, and nothing of libvips after it): its worker
 *  threads stop, and so do the OpenMP threads its palette quantiser (libimagequant) started from the calling
 *  thread, which otherwise stay parked until that thread ends. */
void mp_shutdown(void);
/** How many libvips objects (images, operations, sources...) are alive now, or only those whose class nickname
 *  is `nickname` (e.g. "jxlload_buffer") when it is not NULL. */
int mp_live_objects(const char *nickname);

#endif
