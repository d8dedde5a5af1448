#include "CVipsShim.h"
#include "VipsFunctions.h"
#include "mp_codec_support.h"

#include <dlfcn.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* Why libvips could not be loaded, for mp_error_take (libvips' own error buffer does not exist then). */
static char load_failure[MP_MESSAGE_SIZE];

static void mp_drop_log(const gchar *domain, GLogLevelFlags level, const gchar *message, gpointer user) {
    (void) domain; (void) level; (void) message; (void) user;
}

int mp_init(const char *argv0, int vector_code) {
    if (mp_vips_load(load_failure) != 0) return -1;
    /* libvips and its loaders warn on stderr about every odd file; the caller reports errors itself. */
    g_log_set_handler("VIPS", G_LOG_LEVEL_WARNING | G_LOG_LEVEL_MESSAGE | G_LOG_LEVEL_INFO, mp_drop_log, NULL);
    g_log_set_handler("GLib-GObject", G_LOG_LEVEL_WARNING, mp_drop_log, NULL);
    /* VIPS_INIT's check, without its GLib warnings: the library loaded must have the ABI the headers describe. */
    if (vips_version(3) - vips_version(5) != VIPS_LIBRARY_CURRENT - VIPS_LIBRARY_AGE) {
        snprintf(load_failure, sizeof load_failure, "libvips has ABI %d, built for %d",
                 vips_version(3) - vips_version(5), VIPS_LIBRARY_CURRENT - VIPS_LIBRARY_AGE);
        return -1;
    }
    if (vips_init(argv0 ? argv0 : "media-proxy") != 0) return -1;
    vips_concurrency_set(1);
    vips_cache_set_max(0);
    vips_cache_set_max_mem(0);
    vips_cache_set_max_files(0);
    /* Orc-generated code only behind the code-memory lock (OrcCodeLock.c): Debian 12's orc 0.4.33 frees compiled
       programs without a lock, and concurrent requests (an animation builds and frees many resize operations)
       crashed in orc_code_free under a 2-job fuzz run (about 1 run in 4). Without the lock in place, libvips'
       C paths run instead (15-25% slower on uchar resizes). */
    vips_vector_set_enabled(vector_code != 0 && mp_orc_code_lock_installed());
    /* Allow-list: every loader is blocked except the ones the pipeline names after probing the header. */
    vips_operation_block_set("VipsForeignLoad", TRUE);
    static const char *allowed[] = {
        "VipsForeignLoadJpegBuffer", "VipsForeignLoadPngBuffer", "VipsForeignLoadWebpBuffer",
        "VipsForeignLoadNsgifBuffer", "VipsForeignLoadTiffBuffer", "VipsForeignLoadHeifBuffer",
        "VipsForeignLoadSvgBuffer", "VipsForeignLoadJxlBuffer",
    };
    for (size_t i = 0; i < sizeof(allowed) / sizeof(allowed[0]); i++) vips_operation_block_set(allowed[i], FALSE);
    return 0;
}

int mp_vector_code_enabled(void) { return vips_vector_isenabled() ? 1 : 0; }

char *mp_error_take(void) {
    if (load_failure[0]) return strdup(load_failure);
    /* Copies and clears under libvips' lock: reading vips_error_buffer() directly races other threads. */
    char *copy = vips_error_buffer_copy();
    char *result = strdup(copy ? copy : "");
    g_free(copy);
    return result;
}

int mp_load_buffer(const char *loader, const void *data, size_t length, const char *options, VipsImage **out) {
    VipsOperation *op = vips_operation_new(loader);
    if (!op) return -1;
    VipsBlob *blob = vips_blob_copy(data, length);
    g_object_set(op, "buffer", blob, NULL);
    vips_area_unref(VIPS_AREA(blob));
    if (options && options[0] && vips_object_set_from_string((VipsObject *) op, options) != 0) {
        vips_object_unref_outputs((VipsObject *) op);
        g_object_unref(op);
        return -1;
    }
    VipsOperation *built = vips_cache_operation_build(op);
    if (!built) {
        /* A loader that fails in its header has already made its "out" image, and an output holds a reference
           to its operation: without dropping the outputs, each failed load kept the loader, its copy of the
           bytes and (JPEG XL) its decoder threads for the life of the process. */
        vips_object_unref_outputs((VipsObject *) op);
        g_object_unref(op);
        return -1;
    }
    g_object_unref(op);
    VipsImage *image = NULL;
    g_object_get(built, "out", &image, NULL);
    vips_object_unref_outputs((VipsObject *) built);
    g_object_unref(built);
    if (!image) return -1;
    *out = image;
    return 0;
}

int mp_resize(VipsImage *in, VipsImage **out, double hscale, double vscale) {
    return vips_resize(in, out, hscale, "vscale", vscale, "kernel", VIPS_KERNEL_LANCZOS3, NULL);
}

int mp_shrink(VipsImage *in, VipsImage **out, int hshrink, int vshrink) {
    return vips_shrink(in, out, (double) hshrink, (double) vshrink, NULL);
}

int mp_extract_area(VipsImage *in, VipsImage **out, int left, int top, int width, int height) {
    return vips_extract_area(in, out, left, top, width, height, NULL);
}

int mp_smartcrop(VipsImage *in, VipsImage **out, int width, int height, VipsInteresting interesting) {
    return vips_smartcrop(in, out, width, height, "interesting", interesting, NULL);
}

int mp_embed(VipsImage *in, VipsImage **out, int x, int y, int width, int height, const double *background, int n) {
    VipsArrayDouble *bg = vips_array_double_new(background, n);
    int result = vips_embed(in, out, x, y, width, height,
                            "extend", VIPS_EXTEND_BACKGROUND, "background", bg, NULL);
    vips_area_unref(VIPS_AREA(bg));
    return result;
}

int mp_rot(VipsImage *in, VipsImage **out, VipsAngle angle) { return vips_rot(in, out, angle, NULL); }

int mp_autorot(VipsImage *in, VipsImage **out) { return vips_autorot(in, out, NULL); }

int mp_flip(VipsImage *in, VipsImage **out, VipsDirection direction) { return vips_flip(in, out, direction, NULL); }

int mp_gaussblur(VipsImage *in, VipsImage **out, double sigma) { return vips_gaussblur(in, out, sigma, NULL); }

int mp_sharpen(VipsImage *in, VipsImage **out, double sigma) { return vips_sharpen(in, out, "sigma", sigma, NULL); }

int mp_flatten(VipsImage *in, VipsImage **out, const double *background, int n) {
    VipsArrayDouble *bg = vips_array_double_new(background, n);
    int result = vips_flatten(in, out, "background", bg, NULL);
    vips_area_unref(VIPS_AREA(bg));
    return result;
}

int mp_premultiply(VipsImage *in, VipsImage **out) { return vips_premultiply(in, out, NULL); }

int mp_unpremultiply(VipsImage *in, VipsImage **out) { return vips_unpremultiply(in, out, NULL); }

int mp_cast(VipsImage *in, VipsImage **out, VipsBandFormat format) { return vips_cast(in, out, format, NULL); }

int mp_colourspace(VipsImage *in, VipsImage **out, VipsInterpretation space) {
    return vips_colourspace(in, out, space, NULL);
}

int mp_icc_transform(VipsImage *in, VipsImage **out, const char *output_profile, const char *input_profile) {
    return vips_icc_transform(in, out, output_profile,
                              "input_profile", input_profile ? input_profile : "srgb",
                              "embedded", TRUE,
                              "intent", VIPS_INTENT_RELATIVE,
                              "depth", 8, NULL);
}

int mp_extract_band(VipsImage *in, VipsImage **out, int band, int n) {
    return vips_extract_band(in, out, band, "n", n, NULL);
}

int mp_bandjoin_const1(VipsImage *in, VipsImage **out, double value) {
    return vips_bandjoin_const1(in, out, value, NULL);
}

int mp_bandjoin2(VipsImage *first, VipsImage *second, VipsImage **out) {
    return vips_bandjoin2(first, second, out, NULL);
}

int mp_linear1(VipsImage *in, VipsImage **out, double a, double b, int uchar) {
    return vips_linear1(in, out, a, b, "uchar", uchar, NULL);
}

int mp_find_trim(VipsImage *in, int *left, int *top, int *width, int *height,
                 double threshold, const double *background, int n) {
    VipsArrayDouble *bg = vips_array_double_new(background, n);
    int result = vips_find_trim(in, left, top, width, height, "threshold", threshold, "background", bg, NULL);
    vips_area_unref(VIPS_AREA(bg));
    return result;
}

int mp_getpoint(VipsImage *in, double **values, int *n, int x, int y) {
    return vips_getpoint(in, values, n, x, y, NULL);
}

int mp_copy_memory(VipsImage *in, VipsImage **out) {
    VipsImage *copy = vips_image_copy_memory(in);
    if (!copy) return -1;
    *out = copy;
    return 0;
}

int mp_copy(VipsImage *in, VipsImage **out) { return vips_copy(in, out, NULL); }

int mp_new_from_memory(const void *data, size_t length, int width, int height, int bands, VipsImage **out) {
    VipsImage *image = vips_image_new_from_memory_copy(data, length, width, height, bands, VIPS_FORMAT_UCHAR);
    if (!image) return -1;
    /* Packed pixels are sRGB (or grey): libvips would call 4 bands "multiband", which jxlsave refuses. */
    image->Type = bands >= 3 ? VIPS_INTERPRETATION_sRGB : VIPS_INTERPRETATION_B_W;
    *out = image;
    return 0;
}

int mp_jpegsave(VipsImage *in, void **buffer, size_t *length, int quality, int interlace, int optimize_coding,
                int restart_interval, int strip) {
    return vips_jpegsave_buffer(in, buffer, length, "Q", quality, "interlace", interlace,
                                "optimize_coding", optimize_coding, "restart_interval", restart_interval,
                                "strip", strip, NULL);
}

int mp_pngsave(VipsImage *in, void **buffer, size_t *length, int compression, int palette, int quality, int strip) {
    return vips_pngsave_buffer(in, buffer, length, "compression", compression, "palette", palette,
                               "Q", quality, "effort", 4, "strip", strip, NULL);
}

int mp_webpsave(VipsImage *in, void **buffer, size_t *length, int quality, int lossless, int effort, int strip) {
    /* libvips before 8.15.4 (libvips#4107; Debian 12 has 8.14.1) leaks its copy of the input, and with it the whole
       pipeline upstream, when a pixel fails to compute while webpsave encodes (a source broken past its header).
       The pixels are computed first, so that such a failure happens outside the saver; webpsave holds a whole
       frame in memory anyway. */
    VipsImage *pixels = vips_image_copy_memory(in);
    if (!pixels) return -1;
    int status = vips_webpsave_buffer(pixels, buffer, length, "Q", quality, "lossless", lossless,
                                      "effort", effort, "strip", strip, NULL);
    g_object_unref(pixels);
    return status;
}

int mp_avifsave(VipsImage *in, void **buffer, size_t *length, int quality, int effort, int strip) {
    return vips_heifsave_buffer(in, buffer, length, "Q", quality, "effort", effort,
                                "compression", VIPS_FOREIGN_HEIF_COMPRESSION_AV1, "strip", strip, NULL);
}

int mp_gifsave(VipsImage *in, void **buffer, size_t *length, int effort, int strip) {
    return vips_gifsave_buffer(in, buffer, length, "effort", effort, "strip", strip, NULL);
}

int mp_jxlsave(VipsImage *in, void **buffer, size_t *length, int quality, int effort, int lossless, int strip) {
    return vips_jxlsave_buffer(in, buffer, length, "Q", quality, "effort", effort, "lossless", lossless,
                               "strip", strip, NULL);
}

static int has_prefix(const char *text, const char *prefix) { return strncmp(text, prefix, strlen(prefix)) == 0; }

static void *remove_metadata_field(VipsImage *image, const char *field, GValue *value, void *user) {
    (void) value;
    GSList **names = (GSList **) user;
    if (has_prefix(field, "exif-") || has_prefix(field, "xmp-") ||
        has_prefix(field, "iptc-") || has_prefix(field, "png-comment-") ||
        strcmp(field, "icc-profile-data") == 0 || strcmp(field, "orientation") == 0 ||
        strcmp(field, "photoshop-data") == 0 || strcmp(field, "gif-comment") == 0 ||
        strcmp(field, "jpeg-comment") == 0) {
        *names = g_slist_prepend(*names, g_strdup(field));
    }
    (void) image;
    return NULL;
}

void mp_remove_metadata(VipsImage *image) {
    GSList *names = NULL;
    vips_image_map(image, remove_metadata_field, &names);
    for (GSList *item = names; item; item = item->next) {
        vips_image_remove(image, (const char *) item->data);
    }
    g_slist_free_full(names, g_free);
}

void mp_set_blob(VipsImage *image, const char *name, const void *data, size_t length) {
    vips_image_set_blob_copy(image, name, data, length);
}

void mp_set_int(VipsImage *image, const char *name, int value) {
    vips_image_set_int(image, name, value);
}

int mp_image_width(VipsImage *image) { return vips_image_get_width(image); }

int mp_image_height(VipsImage *image) { return vips_image_get_height(image); }

int mp_image_bands(VipsImage *image) { return vips_image_get_bands(image); }

int mp_image_has_alpha(VipsImage *image) { return vips_image_hasalpha(image) ? 1 : 0; }

VipsInterpretation mp_image_interpretation(VipsImage *image) { return vips_image_get_interpretation(image); }

VipsBandFormat mp_image_format(VipsImage *image) { return vips_image_get_format(image); }

int mp_image_pages(VipsImage *image) { return vips_image_get_n_pages(image); }

int mp_image_has_field(VipsImage *image, const char *name) { return vips_image_get_typeof(image, name) != 0; }

int mp_image_get_blob(VipsImage *image, const char *name, const void **data, size_t *length) {
    return vips_image_get_blob(image, name, data, length);
}

int mp_image_get_int(VipsImage *image, const char *name, int *value) {
    return vips_image_get_int(image, name, value);
}

void *mp_write_to_memory(VipsImage *image, size_t *length) { return vips_image_write_to_memory(image, length); }

void mp_image_unref(VipsImage *image) { g_object_unref(image); }

void mp_free(void *memory) { g_free(memory); }

int mp_version(int part) { return vips_version(part); }

void mp_leak_set(int enabled) { vips_leak_set(enabled); }

void mp_shutdown(void) {
    vips_shutdown();
    /* libgomp, if libvips brought it, ends the calling thread's OpenMP team on a hard pause (OpenMP 5.0). */
    void *gomp = dlopen("libgomp.so.1", RTLD_LAZY | RTLD_NOLOAD);
    if (!gomp) return;
    int (*pause_all)(int) = (int (*)(int)) dlsym(gomp, "omp_pause_resource_all");
    if (pause_all) pause_all(2 /* omp_pause_hard */);
    dlclose(gomp);
}

static void *mp_count_object(void *object, void *nickname, void *count) {
    /* The class pointer without GLib's checked cast: every entry in libvips' table is a live VipsObject. */
    const VipsObjectClass *class = (const VipsObjectClass *) ((GTypeInstance *) object)->g_class;
    if (!nickname || (class->nickname && strcmp(class->nickname, (const char *) nickname) == 0)) ++*(int *) count;
    return NULL;
}

int mp_live_objects(const char *nickname) {
    int count = 0;
    vips_object_map(mp_count_object, (void *) nickname, &count);
    return count;
}

int mp_linear(VipsImage *in, VipsImage **out, const double *a, const double *b, int n, int uchar) {
    return vips_linear(in, out, a, b, n, "uchar", uchar, NULL);
}

int mp_recomb(VipsImage *in, VipsImage **out, const double *matrix, int bands) {
    VipsImage *m = vips_image_new_matrix_from_array(bands, bands, matrix, bands * bands);
    if (m == NULL) return -1;
    int result = vips_recomb(in, out, m, NULL);
    g_object_unref(m);
    return result;
}

int mp_pixelate(VipsImage *in, VipsImage **out, int size) {
    int width = vips_image_get_width(in), height = vips_image_get_height(in);
    if (size < 2 || width < 1 || height < 1) return vips_copy(in, out, NULL);
    /* Whole blocks: extend the edges by copying, average each block, blow it up again, cut back. */
    int padded_width = (width + size - 1) / size * size, padded_height = (height + size - 1) / size * size;
    VipsImage *padded = NULL, *small = NULL, *big = NULL;
    int result = vips_embed(in, &padded, 0, 0, padded_width, padded_height, "extend", VIPS_EXTEND_COPY, NULL);
    if (result == 0) result = vips_shrink(padded, &small, (double)size, (double)size, NULL);
    if (result == 0) result = vips_zoom(small, &big, size, size, NULL);
    if (result == 0) result = vips_extract_area(big, out, 0, 0, width, height, NULL);
    if (padded) g_object_unref(padded);
    if (small) g_object_unref(small);
    if (big) g_object_unref(big);
    return result;
}

int mp_composite_over(VipsImage *base, VipsImage *overlay, VipsImage **out, int x, int y) {
    return vips_composite2(base, overlay, out, VIPS_BLEND_MODE_OVER, "x", x, "y", y, NULL);
}

int mp_replicate(VipsImage *in, VipsImage **out, int across, int down) {
    return vips_replicate(in, out, across, down, NULL);
}

int mp_multiply(VipsImage *left, VipsImage *right, VipsImage **out) { return vips_multiply(left, right, out, NULL); }
