/* Frames of an MP4/MOV/WebM video from memory with libavformat/libavcodec/libswscale, following
   mp_codec_support.h. Only the mov and matroska demuxers and the H.264, HEVC, VP8, VP9, AV1 and MPEG-4 decoders
   may run, and no protocol. */
#ifndef MP_VIDEO_FRAME_H
#define MP_VIDEO_FRAME_H

#include <stddef.h>
#include <stdint.h>
#include "mp_codec_support.h"

#pragma clang assume_nonnull begin

typedef struct mp_video_decoder mp_video_decoder;

typedef struct {
    /** Coded size, before rotation. */
    int width, height;
    /** Clockwise degrees the container asks for: 0, 90, 180, 270. */
    int rotation;
    /** Seconds, 0 when unknown. */
    double duration;
    double frame_rate;
    /** 0 when unknown. */
    int64_t frames;
    char codec[32];
    char container[32];
} mp_video_info;

/** Reads the container and stream headers and opens the decoder; the coded size must fit
    `limits->max_frame_pixels`. Frames start at the first decodable one at or after `start_seconds`. NULL with
    `message` set on error. */
mp_video_decoder *_Nullable mp_video_decoder_open(const uint8_t *data, size_t length, const mp_limits *limits,
                                                  double start_seconds, mp_video_info *info,
                                                  char *_Nullable message);
/** 1 with the next frame as 8-bit RGB (3 bands, owned by the decoder): the first call gives the first decodable
    frame at or after the start (the last one when the stream ends before it); 0 at the end; -1 on error. */
int mp_video_decoder_next(mp_video_decoder *decoder, mp_frame *frame, char *_Nullable message);
void mp_video_decoder_close(mp_video_decoder *_Nullable decoder);

#pragma clang assume_nonnull end

#endif
