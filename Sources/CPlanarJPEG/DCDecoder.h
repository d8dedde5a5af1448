/* A baseline JPEG read at 1/8 from its DC coefficients alone, by our own entropy decoder: every AC coefficient is
   skipped with one table lookup (code and value bits together), and no block is zeroed, dequantised or
   transformed. libjpeg reads the header (tables, frame, scan) and stays in charge of everything else: this decoder
   takes only one interleaved Huffman scan of 8-bit YCbCr, and hands any stream it does not find clean (a bad code,
   a missing or misnumbered restart marker, data that ends early) back to libjpeg, which then reads it as before.
   Private to CPlanarJPEG. */
#ifndef MP_DC_DECODER_H
#define MP_DC_DECODER_H

#include <stddef.h>
#include <stdint.h>
#include <stdio.h>

#include <jpeglib.h>

/* One 8-bit plane. `stride` is at least `width`, and rows past `height` may exist as padding. */
typedef struct {
    uint8_t *data;
    int width, height, stride, rows;
} plane;

/* Allocates a plane's samples (with slack for SIMD loops): 0, or -1. */
int allocate_plane(plane *p, int width, int height, int stride, int rows);

/* Frees the three planes' samples. */
void free_planes(plane planes[3]);

/* Whether `cinfo`, after jpeg_read_header, is a stream this decoder reads: sequential Huffman, 8-bit, one scan
   holding every component, with its tables present. */
int mp_dc_takes(const struct jpeg_decompress_struct *cinfo);

/* Reads each component at 1/8 (one sample per block, as libjpeg's 1x1 inverse DCT makes it) into `planes`, from
   the entropy-coded data that follows the scan header libjpeg has just read (`cinfo->src` is left where it is).
   0, 1 when the stream is not clean (nothing is kept; read it with libjpeg), -1 when out of memory. */
int mp_dc_decode(const struct jpeg_decompress_struct *cinfo, plane planes[3]);

#endif
