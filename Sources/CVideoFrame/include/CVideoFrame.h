#ifndef MP_VIDEO_FRAME_H
#define MP_VIDEO_FRAME_H

#include <stddef.h>
#include <stdint.h>

/* One frame of an MP4/MOV/WebM video, decoded from memory with libavformat/libavcodec/libswscale. Only the mov
   and matroska demuxers and the H.264, HEVC, VP8, VP9, AV1 and MPEG-4 decoders may run. */
typedef struct {
    int width, height;      /* coded size, before rotation */
    int rotation;           /* clockwise degrees the container asks for: 0, 90, 180, 270 */
    double duration;        /* seconds, 0 when unknown */
    double frame_rate;
    int64_t frames;         /* 0 when unknown */
    char codec[32];
    char container[32];
} mp_video_info;

/* Reads the container and stream headers. 0, or -1 with `message` set. */
int mp_video_probe(const uint8_t *data, size_t length, mp_video_info *info, char message[128]);

/* Decodes the first decodable frame at or after `seconds` (the last one when the stream ends before) into 8-bit
   RGB (malloc'd, the caller frees).
   Refuses frames over `max_pixels`. 0, or -1 with `message` set. */
int mp_video_frame(const uint8_t *data, size_t length, double seconds, int64_t max_pixels, uint8_t **rgba,
                   int *width, int *height, mp_video_info *info, char message[128]);

#endif
