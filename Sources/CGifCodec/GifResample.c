#include "GifResizeParts.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

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

/* One output sample's weights, normalised to sum 1. */
static void normalise(const double *raw, int taps, float *out) {
    double total = 0;
    for (int t = 0; t < taps; t++) total += raw[t];
    for (int t = 0; t < taps; t++) out[t] = (float)(total > 0 ? raw[t] / total : (t == 0 ? 1 : 0));
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
    axis->weights = malloc(sizeof(float) * (size_t)target * (size_t)taps);
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
        normalise(raw, taps, axis->weights + (size_t)i * taps);
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


typedef float lanes __attribute__((ext_vector_type(4)));

/* One source row, premultiplied (0 ... 255 * 255 per channel), resampled across the box's columns. */
MP_PIXEL_KERNEL static void horizontal(const uint8_t *row, const mp_axis *x, mp_box box, lanes *out) {
    for (int ox = box.left; ox < box.right; ox++) {
        const uint8_t *pixel = row + (size_t)x->first[ox] * 4;
        const float *w = x->weights + (size_t)ox * x->taps;
        lanes even = 0, odd = 0;
        int t = 0;
        for (; t + 1 < x->taps; t += 2, pixel += 8) {
            lanes first = {pixel[0], pixel[1], pixel[2], 255}, second = {pixel[4], pixel[5], pixel[6], 255};
            even += first * (w[t] * pixel[3]);
            odd += second * (w[t + 1] * pixel[7]);
        }
        if (t < x->taps) {
            lanes last = {pixel[0], pixel[1], pixel[2], 255};
            even += last * (w[t] * pixel[3]);
        }
        *out++ = even + odd;
    }
}

/* Back from a premultiplied sum to 8-bit colour and alpha. */
MP_PIXEL_KERNEL static void unpremultiply(lanes sum, uint8_t *out) {
    float alpha = sum.w;
    if (alpha < 0.5f) {
        out[0] = out[1] = out[2] = out[3] = 0;
        return;
    }
    lanes colour = sum * (255.0f / alpha) + 0.5f;
    out[0] = (uint8_t)(colour.x > 255 ? 255 : colour.x);
    out[1] = (uint8_t)(colour.y > 255 ? 255 : colour.y);
    out[2] = (uint8_t)(colour.z > 255 ? 255 : colour.z);
    float a = alpha / 255.0f + 0.5f;
    out[3] = (uint8_t)(a > 255 ? 255 : a);
}

size_t mp_resample_scratch(const mp_axis *y, mp_box box) {
    int rows = y->first[box.bottom - 1] + y->taps - y->first[box.top];
    return (size_t)(box.right - box.left) * (size_t)rows;
}

MP_PIXEL_KERNEL void mp_resample_box(const uint8_t *canvas, int source_width, const mp_axis *x, const mp_axis *y,
                                     mp_box box, void *scratch_memory, uint8_t *out) {
    lanes *scratch = scratch_memory;
    int width = box.right - box.left;
    int top_row = y->first[box.top];
    int rows = y->first[box.bottom - 1] + y->taps - top_row;
    for (int r = 0; r < rows; r++) {
        horizontal(canvas + (size_t)(top_row + r) * source_width * 4, x, box, scratch + (size_t)r * width);
    }
    for (int oy = box.top; oy < box.bottom; oy++) {
        const float *w = y->weights + (size_t)oy * y->taps;
        const lanes *base = scratch + (size_t)(y->first[oy] - top_row) * width;
        uint8_t *line = out + (size_t)(oy - box.top) * width * 4;
        for (int i = 0; i < width; i++) {
            lanes total = 0;
            const lanes *sample = base + i;
            for (int t = 0; t < y->taps; t++, sample += width) total += *sample * w[t];
            unpremultiply(total, line + (size_t)i * 4);
        }
    }
}
