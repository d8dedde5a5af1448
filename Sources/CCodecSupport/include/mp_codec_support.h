/*
 * What every C codec module of MediaProxy shares: one calling convention, the limits they enforce, message
 * helpers, the copy of an encoded result into a buffer the caller owns, and an in-memory reader.
 *
 * The convention:
 *   decoders  mp_X_decoder_open(data, length, limits, &info, message) -> decoder, or NULL with `message` set;
 *             mp_X_decoder_next(decoder, &frame, message) -> 1 with a frame, 0 at the end, -1 with `message` set;
 *             mp_X_decoder_close(decoder). The input bytes are not copied: they must outlive the decoder.
 *   encoders  mp_X_encoder_new(...) -> encoder or NULL; mp_X_encoder_add(encoder, pixels, ..., message) -> 0 or -1;
 *             mp_X_encoder_finish(encoder, &buffer, &length, message) -> 0 or -1 (the buffer is malloc'd and the
 *             caller's, to free()); mp_X_encoder_free(encoder).
 *   Every message buffer holds MP_MESSAGE_SIZE bytes and may be NULL; out-of-memory paths set it too.
 */
#ifndef MP_CODEC_SUPPORT_H
#define MP_CODEC_SUPPORT_H

#include <stddef.h>
#include <stdint.h>

#pragma clang assume_nonnull begin

/** Marks a pixel kernel (a loop over every pixel whose branches follow pixel values): in fuzz builds it has no
    coverage instrumentation, where tracing each of its comparisons made the animation paths several times slower
    for no new paths, and is not inlined into an instrumented caller; AddressSanitizer still checks every access.
    Other builds are unchanged. */
#if defined(__has_feature)
#if __has_feature(coverage_sanitizer)
#define MP_PIXEL_KERNEL __attribute__((no_sanitize("coverage"), noinline))
#endif
#endif
#ifndef MP_PIXEL_KERNEL
#define MP_PIXEL_KERNEL
#endif

/** Bytes in every message buffer a codec call writes into. */
#define MP_MESSAGE_SIZE 128

/** What a decoder refuses, checked from the header and again while decoding. */
typedef struct {
    /** Largest frame (or canvas) in pixels. */
    int64_t max_frame_pixels;
    /** Most frames an animation may have; 0 for no limit. */
    int max_frames;
} mp_limits;

/** One decoded frame: 8-bit pixels owned by the decoder, valid until its next call. */
typedef struct {
    const uint8_t *_Nullable pixels;
    /** Bands per pixel: 4 (RGBA) or 3 (RGB). */
    int bands;
    int width, height;
    /** How long the frame shows, in milliseconds (0 for a still or a video frame). */
    int delay_ms;
} mp_frame;

/** Writes a printf-style message into `message` (when not NULL); returns -1, so failures read `return mp_fail(...)`. */
int mp_fail(char *_Nullable message, const char *format, ...) __attribute__((format(printf, 2, 3)));

/** Copies an encoder's result into a new malloc'd buffer for the caller. 0, or -1 with `message` set. */
int mp_copy_out(const void *data, size_t length, uint8_t *_Nullable *_Nonnull out, size_t *out_length,
                char *_Nullable message);

/** Bytes in memory read front to back by libraries that pull their input (giflib, FFmpeg's AVIO). */
typedef struct {
    const uint8_t *data;
    size_t length;
    size_t offset;
} mp_memory_reader;

/** Copies up to `count` bytes at the position into `buffer` and moves on; returns how many (0 at the end). */
size_t mp_memory_read(mp_memory_reader *reader, uint8_t *buffer, size_t count);

/** Moves to `offset` from SEEK_SET, SEEK_CUR or SEEK_END; the new position, or -1 outside the bytes. */
int64_t mp_memory_seek(mp_memory_reader *reader, int64_t offset, int whence);

/** Opens the library `soname` and stores each of `count` functions, found by name, where `slots` points. 0, or -1
    with `failure` (MP_MESSAGE_SIZE bytes) naming what could not be loaded. For libraries loaded on first use
    rather than at start-up; `global` makes the library's symbols (and its dependencies') visible to every later
    lookup, as if it had been linked. */
int mp_load_functions(const char *soname, const char *_Nonnull const *_Nonnull names,
                      void *_Nullable *_Nonnull const *_Nonnull slots,
                      int count, int global, char *failure);

/** What a library load stored in `failure` means to a caller: 0 when it is empty, else -1 with it copied into
    `message` (MP_MESSAGE_SIZE bytes, may be NULL). */
int mp_load_outcome(const char *failure, char *_Nullable message);

/** Caps glibc's malloc arenas at `count` (mallopt M_ARENA_MAX) for arenas made from now on. */
void mp_limit_malloc_arenas(int count);

#pragma clang assume_nonnull end

#endif
