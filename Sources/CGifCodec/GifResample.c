#include "GifResizeParts.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

enum { ONE = 1 << 14 };

/* The weight of source sample `s` for an output sample centred at `centre` (in source samples). */
static double tap_weight(int s, double centre, double scale, int area) {
    if (area) {
        double from = centre - scale / 2, to = centre + scale / 2;
        double covered = fmin(s + 1.0, to) - fmax((double)s, from);
        return covered > 0 ? covered : 0;
    }
    double radius = scale > 1 ? scale : 1;
    double distance = fabs(s + 0.5 - centre) / radius;
    return distance < 1 ? 1 - distance : 0;
}

/* Rounds one output sample's weights to fixed point summing to exactly ONE. */
static void quantise(const double *raw, int taps, int16_t *out) {
    double total = 0;
    for (int t = 0; t < taps; t++) total += raw[t];
    int sum = 0, largest = 0;
    for (int t = 0; t < taps; t++) {
        out[t] = (int16_t)lround(total > 0 ? raw[t] / total * ONE : (t == 0 ? ONE : 0));
        sum += out[t];
        if (out[t] > out[largest]) largest = t;
    }
    out[largest] = (int16_t)(out[largest] + ONE - sum);
}

int mp_axis_make(mp_axis *axis, int source, int target) {
    memset(axis, 0, sizeof *axis);
    if (source <= 0 || target <= 0) return -1;
    double scale = (double)source / target;
    int area = scale >= 2;
    double reach = area ? scale / 2 : (scale > 1 ? scale : 1);
    int taps = (int)ceil(2 * reach) + 1;
    if (taps > source) taps = source;
    axis->target = target;
    axis->taps = taps;
    axis->first = malloc(sizeof(int) * (size_t)target);
    axis->weights = malloc(sizeof(int16_t) * (size_t)target * (size_t)taps);
    double *raw = malloc(sizeof(double) * (size_t)taps);
    if (!axis->first || !axis->weights || !raw) {
        free(raw);
        mp_axis_free(axis);
        return -1;
    }
    for (int i = 0; i < target; i++) {
        double centre = (i + 0.5) * scale;
        int first = (int)floor(centre - reach);
        if (first < 0) first = 0;
        if (first + taps > source) first = source - taps;
        axis->first[i] = first;
        for (int t = 0; t < taps; t++) raw[t] = tap_weight(first + t, centre, scale, area);
        quantise(raw, taps, axis->weights + (size_t)i * taps);
    }
    free(raw);
    return 0;
}

void mp_axis_free(mp_axis *axis) {
    free(axis->first);
    free(axis->weights);
    axis->first = NULL;
    axis->weights = NULL;
}

void mp_axis_reach(const mp_axis *axis, int from, int to, int *out_from, int *out_to) {
    int low = 0, high = axis->target;
    while (low < axis->target && axis->first[low] + axis->taps <= from) low++;
    while (high > low && axis->first[high - 1] >= to) high--;
    *out_from = low;
    *out_to = high;
}

size_t mp_resample_scratch(const mp_axis *y, mp_box box) {
    int rows = y->first[box.bottom - 1] + y->taps - y->first[box.top];
    return (size_t)(box.right - box.left) * 4 * (size_t)rows;
}

/* One source row, premultiplied (0 ... 255 * 255 per channel), resampled across the box's columns. */
static void horizontal(const uint8_t *row, const mp_axis *x, mp_box box, uint16_t *out) {
    for (int ox = box.left; ox < box.right; ox++) {
        const uint8_t *pixel = row + (size_t)x->first[ox] * 4;
        const int16_t *w = x->weights + (size_t)ox * x->taps;
        uint32_t r = 0, g = 0, b = 0, a = 0;
        for (int t = 0; t < x->taps; t++, pixel += 4) {
            uint32_t alpha = pixel[3], weight = (uint32_t)w[t];
            uint32_t wa = weight * alpha;
            r += wa * pixel[0];
            g += wa * pixel[1];
            b += wa * pixel[2];
            a += wa * 255;
        }
        out[0] = (uint16_t)((r + ONE / 2) >> 14);
        out[1] = (uint16_t)((g + ONE / 2) >> 14);
        out[2] = (uint16_t)((b + ONE / 2) >> 14);
        out[3] = (uint16_t)((a + ONE / 2) >> 14);
        out += 4;
    }
}

/* Back from premultiplied sums to 8-bit colour and alpha. */
static void unpremultiply(const uint32_t sum[4], uint8_t *out) {
    uint32_t alpha = sum[3];
    if (alpha == 0) {
        out[0] = out[1] = out[2] = out[3] = 0;
        return;
    }
    if (alpha >= 255 * 255) {
        for (int c = 0; c < 3; c++) out[c] = (uint8_t)((sum[c] + 127) / 255);
        out[3] = 255;
        return;
    }
    for (int c = 0; c < 3; c++) {
        uint32_t value = (sum[c] * 255 + alpha / 2) / alpha;
        out[c] = (uint8_t)(value > 255 ? 255 : value);
    }
    out[3] = (uint8_t)((alpha + 127) / 255);
}

void mp_resample_box(const uint8_t *canvas, int source_width, const mp_axis *x, const mp_axis *y, mp_box box,
                     uint16_t *scratch, uint8_t *out) {
    int width = box.right - box.left;
    int top_row = y->first[box.top];
    int rows = y->first[box.bottom - 1] + y->taps - top_row;
    size_t stride = (size_t)width * 4;
    for (int r = 0; r < rows; r++) {
        horizontal(canvas + (size_t)(top_row + r) * source_width * 4, x, box, scratch + (size_t)r * stride);
    }
    for (int oy = box.top; oy < box.bottom; oy++) {
        const int16_t *w = y->weights + (size_t)oy * y->taps;
        const uint16_t *base = scratch + (size_t)(y->first[oy] - top_row) * stride;
        uint8_t *line = out + (size_t)(oy - box.top) * stride;
        for (int i = 0; i < width; i++) {
            uint32_t sum[4] = {0, 0, 0, 0};
            const uint16_t *sample = base + (size_t)i * 4;
            for (int t = 0; t < y->taps; t++, sample += stride) {
                uint32_t weight = (uint32_t)w[t];
                sum[0] += weight * sample[0];
                sum[1] += weight * sample[1];
                sum[2] += weight * sample[2];
                sum[3] += weight * sample[3];
            }
            for (int c = 0; c < 4; c++) sum[c] = (sum[c] + ONE / 2) >> 14;
            unpremultiply(sum, line + (size_t)i * 4);
        }
    }
}
