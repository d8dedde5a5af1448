#include "CVipsJpeg.h"
#include "VipsFunctions.h"

#include <setjmp.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <jpeglib.h>
#include <jerror.h>

typedef struct {
    struct jpeg_error_mgr base;
    jmp_buf escape;
    int fail_on_truncated;
} mp_jpeg_error;

static void mp_jpeg_error_exit(j_common_ptr cinfo) {
    mp_jpeg_error *error = (mp_jpeg_error *) cinfo->err;
    char message[JMSG_LENGTH_MAX];
    cinfo->err->format_message(cinfo, message);
    vips_error("jpeg", "%s", message);
    longjmp(error->escape, 1);
}

static void mp_jpeg_emit_message(j_common_ptr cinfo, int level) {
    mp_jpeg_error *error = (mp_jpeg_error *) cinfo->err;
    if (level < 0 && cinfo->err->msg_code == JWRN_JPEG_EOF && error->fail_on_truncated) {
        vips_error("jpeg", "%s", "premature end of JPEG data");
        longjmp(error->escape, 1);
    }
}

static void mp_free_pixels(VipsImage *image, void *pixels) {
    (void) image;
    g_free(pixels);
}

static void mp_attach_markers(j_decompress_ptr cinfo, VipsImage *image) {
    for (jpeg_saved_marker_ptr marker = cinfo->marker_list; marker; marker = marker->next) {
        if (marker->marker == JPEG_APP0 + 1 && marker->data_length > 6 && memcmp(marker->data, "Exif\0\0", 6) == 0) {
            vips_image_set_blob_copy(image, "exif-data", marker->data, marker->data_length);
            break;
        }
    }
    JOCTET *icc = NULL;
    unsigned int icc_length = 0;
    if (jpeg_read_icc_profile(cinfo, &icc, &icc_length) && icc) {
        vips_image_set_blob_copy(image, "icc-profile-data", icc, icc_length);
        free(icc);
    }
}

int mp_jpeg_decode_scaled(const void *data, size_t length, int shrink, int fast, int fail_on_truncated,
                          VipsImage **out) {
    struct jpeg_decompress_struct cinfo;
    mp_jpeg_error error;
    unsigned char *volatile pixels = NULL;
    memset(&cinfo, 0, sizeof(cinfo));
    cinfo.err = jpeg_std_error(&error.base);
    error.base.error_exit = mp_jpeg_error_exit;
    error.base.emit_message = mp_jpeg_emit_message;
    error.fail_on_truncated = fail_on_truncated;
    if (setjmp(error.escape)) {
        jpeg_destroy_decompress(&cinfo);
        g_free(pixels);
        return -1;
    }
    jpeg_create_decompress(&cinfo);
    jpeg_mem_src(&cinfo, (const unsigned char *) data, (unsigned long) length);
    jpeg_save_markers(&cinfo, JPEG_APP0 + 1, 0xFFFF);
    jpeg_save_markers(&cinfo, JPEG_APP0 + 2, 0xFFFF);
    jpeg_read_header(&cinfo, TRUE);
    if (cinfo.jpeg_color_space == JCS_CMYK || cinfo.jpeg_color_space == JCS_YCCK ||
        cinfo.num_components == 2 || cinfo.num_components > 3) {
        jpeg_destroy_decompress(&cinfo);
        return -2;
    }
    int grey = cinfo.jpeg_color_space == JCS_GRAYSCALE;
    cinfo.out_color_space = grey ? JCS_GRAYSCALE : JCS_RGB;
    cinfo.scale_num = 1;
    cinfo.scale_denom = (unsigned int) (shrink == 2 || shrink == 4 || shrink == 8 ? shrink : 1);
    if (fast) {
        cinfo.dct_method = JDCT_IFAST;
        cinfo.do_fancy_upsampling = FALSE;
    }
    jpeg_start_decompress(&cinfo);
    size_t row = (size_t) cinfo.output_width * (size_t) cinfo.output_components;
    pixels = g_malloc(row * cinfo.output_height);
    while (cinfo.output_scanline < cinfo.output_height) {
        JSAMPROW rows[1] = { pixels + row * cinfo.output_scanline };
        jpeg_read_scanlines(&cinfo, rows, 1);
    }
    VipsImage *image = vips_image_new_from_memory(pixels, row * cinfo.output_height, (int) cinfo.output_width,
                                                  (int) cinfo.output_height, cinfo.output_components,
                                                  VIPS_FORMAT_UCHAR);
    if (!image) {
        jpeg_destroy_decompress(&cinfo);
        g_free(pixels);
        return -1;
    }
    g_signal_connect(image, "postclose", G_CALLBACK(mp_free_pixels), pixels);
    image->Type = grey ? VIPS_INTERPRETATION_B_W : VIPS_INTERPRETATION_sRGB;
    mp_attach_markers(&cinfo, image);
    /* No jpeg_finish_decompress: it reads on to the end marker, and an error there (a stray marker after the
       scan) would escape past the image made above, which owns the pixels. Every row is decoded, so, like
       libvips' loader, what follows the scan is ignored. */
    jpeg_destroy_decompress(&cinfo);
    *out = image;
    return 0;
}
