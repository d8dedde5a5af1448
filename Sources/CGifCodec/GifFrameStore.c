/* The resizer's frames held until the end, so the colour tables can be chosen knowing every frame: the global
   table cut to the entries frames draw, or one global table for every frame when all their colours fit, which
   ever file is smaller. Past a memory budget the frames are written as they come, with the source's tables. */
#include "GifResizeParts.h"

#include <stdlib.h>
#include <string.h>

enum { INDEX_BUDGET = 16 << 20 };

/* A colour table being built: entries, and a lookup from colour to entry. */
typedef struct {
    uint8_t rgb[768];
    int count;
    int32_t keys[1024];   /* rgb + 1, 0 empty */
    uint8_t values[1024];
} color_table;

static int table_find(color_table *table, const uint8_t *rgb, int add) {
    int32_t key = (rgb[0] << 16 | rgb[1] << 8 | rgb[2]) + 1;
    uint32_t slot = ((uint32_t)key * 2654435761u) >> 22;
    while (table->keys[slot] != 0 && table->keys[slot] != key) slot = (slot + 1) & 1023;
    if (table->keys[slot] == key) return table->values[slot];
    if (!add || table->count >= 256) return -1;
    table->keys[slot] = key;
    table->values[slot] = (uint8_t)table->count;
    memcpy(table->rgb + table->count * 3, rgb, 3);
    return table->count++;
}

void mp_store_init(mp_frame_store *store, int width, int height, const uint8_t *global, int global_count,
                   int loop_count) {
    memset(store, 0, sizeof *store);
    store->width = width;
    store->height = height;
    store->loop_count = loop_count;
    store->global_count = global ? global_count : 0;
    if (global) memcpy(store->global, global, (size_t)global_count * 3);
}

static void write_header(mp_frame_store *store, mp_bytes *out, const uint8_t *global, int count) {
    mp_gif_write_header(out, store->width, store->height, count > 0 ? global : NULL, count, store->loop_count);
}

static const uint8_t *frame_indices(const mp_frame_store *store, const mp_stored_frame *frame) {
    return store->indices + frame->indices_at;
}

static size_t frame_pixels(const mp_stored_frame *frame) {
    return (size_t)(frame->record.box.right - frame->record.box.left) *
           (size_t)(frame->record.box.bottom - frame->record.box.top);
}

/* Writes every held frame with the source's tables and writes later ones as they come. */
static void start_streaming(mp_frame_store *store, mp_bytes *out) {
    write_header(store, out, store->global, store->global_count);
    for (int i = 0; i < store->count; i++) {
        mp_gif_frame_record record = store->frames[i].record;
        record.rgb = record.local ? store->frames[i].rgb : store->global;
        record.indices = frame_indices(store, &store->frames[i]);
        mp_gif_write_frame(out, &record);
    }
    store->streaming = 1;
    store->count = 0;
    store->length = 0;
}

int mp_store_add(mp_frame_store *store, const mp_gif_frame_record *record, mp_bytes *out) {
    size_t pixels = (size_t)(record->box.right - record->box.left) * (size_t)(record->box.bottom - record->box.top);
    if (!store->streaming && store->length + pixels > INDEX_BUDGET) start_streaming(store, out);
    if (store->streaming) {
        mp_gif_frame_record direct = *record;
        if (!direct.local) direct.rgb = store->global;
        mp_gif_write_frame(out, &direct);
        return 0;
    }
    if (store->count == store->capacity) {
        int capacity = store->capacity ? store->capacity * 2 : 64;
        mp_stored_frame *grown = realloc(store->frames, sizeof *grown * (size_t)capacity);
        if (!grown) return -1;
        store->frames = grown;
        store->capacity = capacity;
    }
    if (store->length + pixels > store->indices_capacity) {
        size_t capacity = store->indices_capacity ? store->indices_capacity : 65536;
        while (capacity < store->length + pixels) capacity *= 2;
        uint8_t *grown = realloc(store->indices, capacity);
        if (!grown) return -1;
        store->indices = grown;
        store->indices_capacity = capacity;
    }
    mp_stored_frame *frame = &store->frames[store->count++];
    frame->record = *record;
    if (record->local) memcpy(frame->rgb, record->rgb, (size_t)record->count * 3);
    frame->indices_at = store->length;
    memcpy(store->indices + store->length, record->indices, pixels);
    store->length += pixels;
    return 0;
}

/* Maps `count` indices of `frame` into `table` (the transparent one to `transparent`, a local colour by lookup, a
   global index through `global_map`), into `out`. */
MP_PIXEL_KERNEL static void remap_indices(const color_table *table, const mp_stored_frame *frame,
                                          const uint8_t *global_map, const uint8_t *indices, size_t count,
                                          uint8_t transparent, uint8_t *out) {
    const mp_gif_frame_record *record = &frame->record;
    for (size_t p = 0; p < count; p++) {
        int index = indices[p];
        if (index == record->transparent) out[p] = transparent;
        else if (record->local) out[p] = (uint8_t)table_find((color_table *)table, frame->rgb + index * 3, 0);
        else out[p] = global_map[index];
    }
}

/* Writes the held frames with every frame mapped into `table` (whose last entry is the transparent one);
   `keep_local` leaves frames with their own tables as they are, and without `with_global` no global table is
   written (no frame uses it). */
static void write_with(mp_frame_store *store, const color_table *table, const uint8_t *global_map, int keep_local,
                       int with_global, mp_bytes *out, uint8_t *scratch) {
    write_header(store, out, table->rgb, with_global ? table->count : 0);
    int bits = mp_palette_bits(table->count), transparent = table->count - 1;
    for (int i = 0; i < store->count; i++) {
        const mp_stored_frame *frame = &store->frames[i];
        mp_gif_frame_record record = frame->record;
        const uint8_t *indices = frame_indices(store, frame);
        record.indices = indices;
        if (record.local && keep_local) {
            record.rgb = frame->rgb;
            mp_gif_write_frame(out, &record);
            continue;
        }
        remap_indices(table, frame, global_map, indices, frame_pixels(frame), (uint8_t)transparent, scratch);
        record.local = 0;
        record.bits = bits;
        record.transparent = transparent;
        record.rgb = table->rgb;
        record.indices = scratch;
        mp_gif_write_frame(out, &record);
    }
}

int mp_store_finish(mp_frame_store *store, mp_bytes *out) {
    if (store->streaming) return 0;
    uint8_t used[256] = {0}, global_map[256] = {0};
    int any_global = 0;
    for (int i = 0; i < store->count; i++) {
        const mp_stored_frame *frame = &store->frames[i];
        if (frame->record.local) continue;
        any_global = 1;
        uint8_t drawn[256] = {0};
        const uint8_t *indices = frame_indices(store, frame);
        for (size_t p = 0, n = frame_pixels(frame); p < n; p++) drawn[indices[p]] = 1;
        if (frame->record.transparent >= 0) drawn[frame->record.transparent] = 0;
        for (int c = 0; c < 256; c++) used[c] |= drawn[c];
    }
    uint8_t *scratch = malloc((size_t)store->width * store->height);
    color_table *compact = calloc(1, sizeof *compact), *merged = calloc(1, sizeof *merged);
    if (!scratch || !compact || !merged) { free(scratch); free(compact); free(merged); return -1; }
    for (int i = 0; i < store->global_count; i++) {
        if (used[i]) global_map[i] = (uint8_t)table_find(compact, store->global + i * 3, 1);
    }
    *merged = *compact;
    int fits = compact->count < 256;
    for (int i = 0; i < store->count && fits; i++) {
        const mp_stored_frame *frame = &store->frames[i];
        if (!frame->record.local) continue;
        for (int c = 0; c < frame->record.count && fits; c++) {
            if (c != frame->record.transparent && table_find(merged, frame->rgb + c * 3, 1) < 0) fits = 0;
        }
    }
    fits = fits && merged->count < 256;
    compact->count++;   /* the transparent entry (black) */
    mp_bytes alternative = {0};
    write_with(store, compact, global_map, 1, any_global, out, scratch);
    if (fits) {
        merged->count++;
        write_with(store, merged, global_map, 0, 1, &alternative, scratch);
        if (!alternative.failed && alternative.length < out->length) {
            mp_bytes swap = *out;
            *out = alternative;
            alternative = swap;
        }
    }
    free(alternative.data);
    free(scratch);
    free(compact);
    free(merged);
    return out->failed ? -1 : 0;
}

void mp_store_free(mp_frame_store *store) {
    free(store->frames);
    free(store->indices);
    memset(store, 0, sizeof *store);
}
