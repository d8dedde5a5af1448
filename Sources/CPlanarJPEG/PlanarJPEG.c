#include "CPlanarJPEG.h"

#include <pthread.h>
#include <setjmp.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <jpeglib.h>
#include <jerror.h>
#include "CFFmpeg.h"
#include "DCDecoder.h"
#include <webp/encode.h>

typedef struct {
    struct jpeg_error_mgr base;
    jmp_buf escape;
    int fail_on_truncated;
    char *message;
} planar_error;

static void on_error(j_common_ptr cinfo) {
    planar_error *error = (planar_error *)cinfo->err;
    char text[JMSG_LENGTH_MAX];
    cinfo->err->format_message(cinfo, text);
    mp_fail(error->message, "jpeg: %s", text);
    longjmp(error->escape, 1);
}

static void on_message(j_common_ptr cinfo, int level) {
    planar_error *error = (planar_error *)cinfo->err;
    if (level < 0 && cinfo->err->msg_code == JWRN_JPEG_EOF && error->fail_on_truncated) {
        mp_fail(error->message, "jpeg: premature end of data");
        longjmp(error->escape, 1);
    }
}

static void use_error(planar_error *error, struct jpeg_error_mgr **slot, int fail_on_truncated, char *message) {
    *slot = jpeg_std_error(&error->base);
    error->base.error_exit = on_error;
    error->base.emit_message = on_message;
    error->fail_on_truncated = fail_on_truncated;
    error->message = message;
}

/* Whether the header is one this path takes: 3-component YCbCr, chroma at 1x1, luma at 1x1, 2x1, 1x2 or 2x2. */
static int takes(const struct jpeg_decompress_struct *cinfo) {
    if (cinfo->num_components != 3 || cinfo->jpeg_color_space != JCS_YCbCr) return 0;
    const jpeg_component_info *c = cinfo->comp_info;
    if (c[1].h_samp_factor != 1 || c[1].v_samp_factor != 1 || c[2].h_samp_factor != 1 || c[2].v_samp_factor != 1)
        return 0;
    return c[0].h_samp_factor >= 1 && c[0].h_samp_factor <= 2 && c[0].v_samp_factor >= 1 && c[0].v_samp_factor <= 2;
}

/* Reads the DCT-scaled planes row group by row group (each component gives v_samp_factor * DCT_scaled_size rows
   per group). Called under the decoder's setjmp. */
static void read_planes(struct jpeg_decompress_struct *cinfo, plane planes[3]) {
    int group = cinfo->max_v_samp_factor * cinfo->min_DCT_scaled_size;
    JSAMPROW rows[3][16];
    JSAMPARRAY arrays[3] = {rows[0], rows[1], rows[2]};
    while (cinfo->output_scanline < cinfo->output_height) {
        int index = (int)(cinfo->output_scanline / (JDIMENSION)group);
        for (int c = 0; c < 3; c++) {
            int count = cinfo->comp_info[c].v_samp_factor * cinfo->comp_info[c].DCT_scaled_size;
            for (int r = 0; r < count; r++) {
                int row = index * count + r;
                if (row >= planes[c].rows) row = planes[c].rows - 1;
                rows[c][r] = planes[c].data + (size_t)row * planes[c].stride;
            }
        }
        if (jpeg_read_raw_data(cinfo, arrays, (JDIMENSION)group) == 0) break;
    }
}

/* A progressive JPEG read at 1/8 needs only each block's DC coefficient: consumes scans until every component's
   first DC scan is in, so the AC scans that follow are never entropy-decoded. Without successive approximation
   that is exact; with it (libjpeg's default script) the DC values lack their last bit. Called under setjmp. */
static void consume_dc_scans(struct jpeg_decompress_struct *cinfo) {
    int has_dc[MAX_COMPONENTS] = {0}, scan[MAX_COMPS_IN_SCAN] = {0};
    /* jpeg_start_decompress has read the first scan's header already */
    int dc_scan = cinfo->Ss == 0, count = cinfo->comps_in_scan;
    for (int i = 0; i < count; i++) scan[i] = cinfo->cur_comp_info[i]->component_index;
    for (;;) {
        int status = jpeg_consume_input(cinfo);
        if (status == JPEG_SUSPENDED || status == JPEG_REACHED_EOI) return;
        if (status == JPEG_REACHED_SOS) {
            dc_scan = cinfo->Ss == 0;
            count = cinfo->comps_in_scan;
            for (int i = 0; i < count; i++) scan[i] = cinfo->cur_comp_info[i]->component_index;
        } else if (status == JPEG_SCAN_COMPLETED && dc_scan) {
            for (int i = 0; i < count; i++) has_dc[scan[i]] = 1;
            if (has_dc[0] && has_dc[1] && has_dc[2]) return;
        }
    }
}

/* Whether the file ends in an EOI marker (trailing bytes allowed): a cut file is read whole instead, so it is
   refused as the general path refuses it, though its DC scan may be complete. */
static int ends_whole(const uint8_t *data, size_t length) {
    size_t from = length > 1024 ? length - 1024 : 0;
    for (size_t i = length; i-- > from + 1;) {
        if (data[i - 1] == 0xFF && data[i] == 0xD9) return 1;
    }
    return 0;
}

/* The luma kept from a plane decoded at 1/shrink: libjpeg rounds a scaled size up, and the partial last pixel is
   dropped, as the general path does. */
static void kept_luma_size(const struct jpeg_decompress_struct *cinfo, int shrink, const plane *luma, int *width,
                           int *height) {
    *width = (int)cinfo->image_width / shrink > 0 ? (int)cinfo->image_width / shrink : 1;
    *height = (int)cinfo->image_height / shrink > 0 ? (int)cinfo->image_height / shrink : 1;
    if (*width > luma->width) *width = luma->width;
    if (*height > luma->height) *height = luma->height;
}

/* Decodes Y, Cb and Cr at 1/shrink. 0, 1 (not taken here) or -1 with `message` set. */
static int decode_planes(const uint8_t *data, size_t length, const mp_planar_request *request, plane planes[3],
                         int *luma_width, int *luma_height, char *message) {
    struct jpeg_decompress_struct cinfo;
    planar_error error;
    use_error(&error, &cinfo.err, request->fail_on_truncated, message);
    memset(planes, 0, sizeof(plane) * 3);
    if (setjmp(error.escape)) {
        jpeg_destroy_decompress(&cinfo);
        free_planes(planes);
        return -1;
    }
    jpeg_create_decompress(&cinfo);
    jpeg_mem_src(&cinfo, data, (unsigned long)length);
    jpeg_read_header(&cinfo, TRUE);
    if (!takes(&cinfo)) {
        jpeg_destroy_decompress(&cinfo);
        return 1;
    }
    if ((int64_t)cinfo.image_width * cinfo.image_height > request->max_source_pixels) {
        jpeg_destroy_decompress(&cinfo);
        return mp_fail(message, "jpeg: over the pixel limit");
    }
    /* Luma is the same either way; chroma comes at one sample per block, which covers a 4:2:0 answer but not a
       full-chroma one (libjpeg scales a subsampled component's DCT less to give it at luma size). */
    int subsampled = cinfo.comp_info[0].h_samp_factor > 1 || cinfo.comp_info[0].v_samp_factor > 1;
    int full_chroma = request->output == MP_PLANAR_JPEG && request->quality >= 90;
    if (request->shrink == 8 && request->own_dc_decoder && !(subsampled && full_chroma) && mp_dc_takes(&cinfo)) {
        int status = mp_dc_decode(&cinfo, planes);
        if (status == 0) {
            kept_luma_size(&cinfo, 8, &planes[0], luma_width, luma_height);
            jpeg_destroy_decompress(&cinfo);
            return 0;
        }
        if (status < 0) {
            jpeg_destroy_decompress(&cinfo);
            return mp_fail(message, "out of memory for the planes");
        }
        /* not clean: libjpeg reads it from the scan's start, where cinfo still is */
    }
    cinfo.raw_data_out = TRUE;
    cinfo.out_color_space = JCS_YCbCr;
    cinfo.scale_num = 1;
    cinfo.scale_denom = (unsigned)request->shrink;
    cinfo.dct_method = JDCT_ISLOW;
    int dc_only = cinfo.progressive_mode && request->shrink == 8 && ends_whole(data, length);
    if (dc_only) {
        cinfo.buffered_image = TRUE;
        cinfo.do_block_smoothing = FALSE;
    }
    jpeg_start_decompress(&cinfo);
    for (int c = 0; c < 3; c++) {
        jpeg_component_info *component = &cinfo.comp_info[c];
        /* libjpeg-turbo may scale a subsampled component's DCT less, so it comes out at a larger size */
        int count = component->v_samp_factor * component->DCT_scaled_size;
        int rows = ((int)component->downsampled_height + count - 1) / count * count;
        int stride = (int)component->width_in_blocks * component->DCT_scaled_size;
        if (allocate_plane(&planes[c], (int)component->downsampled_width, (int)component->downsampled_height,
                           stride, rows) != 0) {
            jpeg_destroy_decompress(&cinfo);
            free_planes(planes);
            return mp_fail(message, "out of memory for the planes");
        }
    }
    if (dc_only) {
        consume_dc_scans(&cinfo);
        jpeg_start_output(&cinfo, cinfo.input_scan_number);
    }
    read_planes(&cinfo, planes);
    kept_luma_size(&cinfo, request->shrink, &planes[0], luma_width, luma_height);
    jpeg_destroy_decompress(&cinfo);
    return 0;
}

/* Each thread keeps the scaler of its last thumbnail for each plane: making one computes its Lanczos weights
   (about 5% of a 6 MP thumbnail), and a proxy's thumbnails often repeat their sizes. Freed when the thread ends. */
typedef struct {
    struct SwsContext *plane[3];
} kept_scalers;

static pthread_key_t kept_scalers_key;
static pthread_once_t kept_scalers_once = PTHREAD_ONCE_INIT;
static int kept_scalers_ready;

static void free_kept_scalers(void *value) {
    kept_scalers *kept = value;
    for (int c = 0; c < 3; c++) sws_freeContext(kept->plane[c]);
    free(kept);
}

static void make_kept_scalers_key(void) {
    kept_scalers_ready = pthread_key_create(&kept_scalers_key, free_kept_scalers) == 0;
}

/* This thread's kept scalers, or NULL (then each thumbnail makes and frees its own). */
static kept_scalers *thread_scalers(void) {
    pthread_once(&kept_scalers_once, make_kept_scalers_key);
    if (!kept_scalers_ready) return NULL;
    kept_scalers *kept = pthread_getspecific(kept_scalers_key);
    if (kept) return kept;
    kept = calloc(1, sizeof *kept);
    if (kept && pthread_setspecific(kept_scalers_key, kept) != 0) {
        free(kept);
        kept = NULL;
    }
    return kept;
}

/* Resamples `source` (its first `width` x `height` samples) into `target` with Lanczos, padding the target's extra
   columns and rows with copies of its last ones (what raw JPEG input needs), with this thread's scaler for plane
   `index` when it has the same sizes. 0, or -1. */
static int resample(const plane *source, int width, int height, plane *target, int index) {
    int flags = SWS_LANCZOS | SWS_ACCURATE_RND;
    kept_scalers *kept = thread_scalers();
    struct SwsContext *context;
    if (kept) {
        /* the kept one when its sizes and flags match, else a new one (the old is freed) */
        context = sws_getCachedContext(kept->plane[index], width, height, AV_PIX_FMT_GRAY8, target->width,
                                       target->height, AV_PIX_FMT_GRAY8, flags, NULL, NULL, NULL);
        kept->plane[index] = context;
    } else {
        context = sws_getContext(width, height, AV_PIX_FMT_GRAY8, target->width, target->height, AV_PIX_FMT_GRAY8,
                                 flags, NULL, NULL, NULL);
    }
    if (!context) return -1;
    const uint8_t *const source_rows[4] = {source->data, NULL, NULL, NULL};
    const int source_strides[4] = {source->stride, 0, 0, 0};
    uint8_t *const target_rows[4] = {target->data, NULL, NULL, NULL};
    const int target_strides[4] = {target->stride, 0, 0, 0};
    int made = sws_scale(context, source_rows, source_strides, 0, height, target_rows, target_strides);
    if (!kept) sws_freeContext(context);
    if (made != target->height) return -1;
    for (int y = 0; y < target->height; y++) {
        uint8_t *row = target->data + (size_t)y * target->stride;
        memset(row + target->width, row[target->width - 1], (size_t)(target->stride - target->width));
    }
    for (int y = target->height; y < target->rows; y++) {
        memcpy(target->data + (size_t)y * target->stride, target->data + (size_t)(target->height - 1) * target->stride,
               (size_t)target->stride);
    }
    return 0;
}

/* Encodes 4:2:0 or 4:4:4 planes as a baseline or progressive JPEG with optimised Huffman tables. */
static int encode_jpeg(plane planes[3], int chroma_factor, const mp_planar_request *request, uint8_t **out,
                       size_t *out_length, char *message) {
    struct jpeg_compress_struct cinfo;
    planar_error error;
    unsigned char *buffer = NULL;
    unsigned long size = 0;
    use_error(&error, &cinfo.err, 0, message);
    if (setjmp(error.escape)) {
        jpeg_destroy_compress(&cinfo);
        free(buffer);
        return -1;
    }
    jpeg_create_compress(&cinfo);
    jpeg_mem_dest(&cinfo, &buffer, &size);
    cinfo.image_width = (JDIMENSION)planes[0].width;
    cinfo.image_height = (JDIMENSION)planes[0].height;
    cinfo.input_components = 3;
    cinfo.in_color_space = JCS_YCbCr;
    jpeg_set_defaults(&cinfo);
    jpeg_set_quality(&cinfo, request->quality, TRUE);
    cinfo.raw_data_in = TRUE;
    cinfo.optimize_coding = TRUE;
    cinfo.dct_method = JDCT_ISLOW;
    cinfo.comp_info[0].h_samp_factor = cinfo.comp_info[0].v_samp_factor = chroma_factor;
    for (int c = 1; c < 3; c++) cinfo.comp_info[c].h_samp_factor = cinfo.comp_info[c].v_samp_factor = 1;
    if (request->progressive) jpeg_simple_progression(&cinfo);
    jpeg_start_compress(&cinfo, TRUE);
    int group = chroma_factor * DCTSIZE;
    JSAMPROW rows[3][16];
    JSAMPARRAY arrays[3] = {rows[0], rows[1], rows[2]};
    while (cinfo.next_scanline < cinfo.image_height) {
        for (int c = 0; c < 3; c++) {
            int count = c == 0 ? group : DCTSIZE;
            int first = c == 0 ? (int)cinfo.next_scanline : (int)cinfo.next_scanline / chroma_factor;
            for (int r = 0; r < count; r++) {
                int row = first + r < planes[c].rows ? first + r : planes[c].rows - 1;
                rows[c][r] = planes[c].data + (size_t)row * planes[c].stride;
            }
        }
        jpeg_write_raw_data(&cinfo, arrays, (JDIMENSION)group);
    }
    jpeg_finish_compress(&cinfo);
    jpeg_destroy_compress(&cinfo);
    int status = mp_copy_out(buffer, size, out, out_length, message);
    free(buffer);
    return status;
}

/* Encodes 4:2:0 planes as lossy WebP. JPEG's planes are full range and libwebp's are video range (BT.601), so each
   sample is mapped on the way. */
static int encode_webp(plane planes[3], const mp_planar_request *request, uint8_t **out, size_t *out_length,
                       char *message) {
    WebPConfig config;
    WebPPicture picture;
    if (!WebPConfigInit(&config) || !WebPPictureInit(&picture)) return mp_fail(message, "libwebp version mismatch");
    config.quality = (float)request->quality;
    config.method = request->effort < 0 ? 0 : request->effort > 6 ? 6 : request->effort;
    picture.use_argb = 0;
    picture.colorspace = WEBP_YUV420;
    picture.width = planes[0].width;
    picture.height = planes[0].height;
    if (!WebPPictureAlloc(&picture)) return mp_fail(message, "out of memory for the WebP picture");
    uint8_t luma[256], chroma[256];
    for (int v = 0; v < 256; v++) {
        luma[v] = (uint8_t)(16 + (v * 219 + 127) / 255);
        chroma[v] = (uint8_t)(128 + ((v - 128) * 224 + (v >= 128 ? 127 : -127)) / 255);
    }
    uint8_t *targets[3] = {picture.y, picture.u, picture.v};
    int strides[3] = {picture.y_stride, picture.uv_stride, picture.uv_stride};
    const uint8_t *maps[3] = {luma, chroma, chroma};
    for (int c = 0; c < 3; c++) {
        int width = c == 0 ? picture.width : (picture.width + 1) / 2;
        int height = c == 0 ? picture.height : (picture.height + 1) / 2;
        for (int y = 0; y < height; y++) {
            const uint8_t *from = planes[c].data + (size_t)y * planes[c].stride;
            uint8_t *to = targets[c] + (size_t)y * strides[c];
            for (int x = 0; x < width; x++) to[x] = maps[c][from[x]];
        }
    }
    WebPMemoryWriter writer;
    WebPMemoryWriterInit(&writer);
    picture.writer = WebPMemoryWrite;
    picture.custom_ptr = &writer;
    int status = WebPEncode(&config, &picture) ? mp_copy_out(writer.mem, writer.size, out, out_length, message)
                                                : mp_fail(message, "webp: encoding error %d", picture.error_code);
    WebPMemoryWriterClear(&writer);
    WebPPictureFree(&picture);
    return status;
}

int mp_planar_jpeg_thumbnail(const uint8_t *data, size_t length, const mp_planar_request *request, uint8_t **out,
                             size_t *out_length, char *message) {
    if (request->width <= 0 || request->height <= 0 || request->width > 65500 || request->height > 65500)
        return mp_fail(message, "no such thumbnail size");
    if (mp_ffmpeg_load_scaler(NULL) != 0) return 1;
    plane source[3], target[3];
    int width = 0, height = 0;
    int status = decode_planes(data, length, request, source, &width, &height, message);
    if (status != 0) return status;
    /* JPEG keeps full chroma at high qualities (as libvips does from 90 on); WebP is always 4:2:0. */
    int chroma_factor = request->output == MP_PLANAR_JPEG && request->quality >= 90 ? 1 : 2;
    memset(target, 0, sizeof target);
    for (int c = 0; c < 3 && status == 0; c++) {
        int factor = c == 0 ? 1 : chroma_factor;
        int target_width = (request->width + factor - 1) / factor, target_height = (request->height + factor - 1) / factor;
        int group = DCTSIZE * (c == 0 ? chroma_factor : 1);
        int stride = (target_width + group - 1) / group * group, rows = (target_height + group - 1) / group * group;
        /* the source chroma that covers the luma kept */
        int source_factor_x = source[0].width > source[c].width ? 2 : 1;
        int source_factor_y = source[0].height > source[c].height ? 2 : 1;
        int source_width = c == 0 ? width : (width + source_factor_x - 1) / source_factor_x;
        int source_height = c == 0 ? height : (height + source_factor_y - 1) / source_factor_y;
        if (source_width > source[c].width) source_width = source[c].width;
        if (source_height > source[c].height) source_height = source[c].height;
        if (allocate_plane(&target[c], target_width, target_height, stride, rows) != 0) {
            status = mp_fail(message, "out of memory for the planes");
        } else if (resample(&source[c], source_width, source_height, &target[c], c) != 0) {
            status = mp_fail(message, "resampling failed");
        }
    }
    free_planes(source);
    if (status == 0) {
        status = request->output == MP_PLANAR_WEBP ? encode_webp(target, request, out, out_length, message)
                                                   : encode_jpeg(target, chroma_factor, request, out, out_length, message);
    }
    free_planes(target);
    return status;
}
