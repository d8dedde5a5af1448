/*
 * FFmpeg loaded on first use rather than at start-up: its libraries and their ~60 dependencies cost a process
 * about 40 ms to load, which every command and request paid even when no video or YUV scaling was involved.
 *
 * Include this header instead of FFmpeg's own: it includes them, then renames each FFmpeg function the C modules
 * call to a pointer in `mp_ffmpeg`, filled by mp_ffmpeg_load_* (thread-safe, once per process).
 */
#ifndef MP_FFMPEG_H
#define MP_FFMPEG_H

#include <libavcodec/avcodec.h>
#include <libavformat/avformat.h>
#include <libavutil/display.h>
#include <libavutil/imgutils.h>
#include <libswscale/swscale.h>

/* Every FFmpeg function called, with its library: X(library, function). */
#define MP_FFMPEG_SCALER_FUNCTIONS(X)                                                                              \
    X(swscale, sws_getContext) X(swscale, sws_getCachedContext) X(swscale, sws_scale)                              \
    X(swscale, sws_freeContext) X(swscale, sws_setColorspaceDetails) X(swscale, sws_getCoefficients)
#define MP_FFMPEG_VIDEO_FUNCTIONS(X)                                                                               \
    X(avutil, av_display_rotation_get) X(avutil, av_frame_alloc) X(avutil, av_frame_free)                          \
    X(avutil, av_frame_move_ref) X(avutil, av_frame_unref) X(avutil, av_free) X(avutil, av_freep)                   \
    X(avutil, av_log_set_level) X(avutil, av_malloc) X(avutil, av_strdup) X(avutil, av_strerror)                   \
    X(avcodec, av_packet_alloc) X(avcodec, av_packet_free) X(avcodec, av_packet_unref)                             \
    X(avcodec, avcodec_alloc_context3) X(avcodec, avcodec_find_decoder_by_name) X(avcodec, avcodec_free_context)   \
    X(avcodec, avcodec_get_name) X(avcodec, avcodec_open2) X(avcodec, avcodec_parameters_to_context)               \
    X(avcodec, avcodec_receive_frame) X(avcodec, avcodec_send_packet)                                              \
    X(avformat, av_find_best_stream) X(avformat, av_read_frame) X(avformat, av_seek_frame)                         \
    X(avformat, av_stream_get_side_data) X(avformat, avformat_alloc_context) X(avformat, avformat_close_input)      \
    X(avformat, avformat_find_stream_info) X(avformat, avformat_open_input) X(avformat, avio_alloc_context)         \
    X(avformat, avio_context_free)

#define MP_FFMPEG_POINTER(library, function) __typeof__(function) *function;
/** The loaded functions; a pointer is NULL until its group is loaded. */
typedef struct {
    MP_FFMPEG_SCALER_FUNCTIONS(MP_FFMPEG_POINTER)
    MP_FFMPEG_VIDEO_FUNCTIONS(MP_FFMPEG_POINTER)
} mp_ffmpeg_functions;
#undef MP_FFMPEG_POINTER

extern mp_ffmpeg_functions mp_ffmpeg;

/** Loads libswscale (and libavutil): 0, or -1 with `message` (MP_MESSAGE_SIZE bytes, may be NULL) set. */
int mp_ffmpeg_load_scaler(char *message);
/** Loads libavformat, libavcodec, libswscale and libavutil: 0, or -1 with `message` set. */
int mp_ffmpeg_load_video(char *message);

#ifndef MP_FFMPEG_LOADER
#define MP_FFMPEG_RENAME(library, function) (*mp_ffmpeg.function)
#define sws_getContext MP_FFMPEG_RENAME(swscale, sws_getContext)
#define sws_getCachedContext MP_FFMPEG_RENAME(swscale, sws_getCachedContext)
#define sws_scale MP_FFMPEG_RENAME(swscale, sws_scale)
#define sws_freeContext MP_FFMPEG_RENAME(swscale, sws_freeContext)
#define sws_setColorspaceDetails MP_FFMPEG_RENAME(swscale, sws_setColorspaceDetails)
#define sws_getCoefficients MP_FFMPEG_RENAME(swscale, sws_getCoefficients)
#define av_display_rotation_get MP_FFMPEG_RENAME(avutil, av_display_rotation_get)
#define av_frame_alloc MP_FFMPEG_RENAME(avutil, av_frame_alloc)
#define av_frame_free MP_FFMPEG_RENAME(avutil, av_frame_free)
#define av_frame_move_ref MP_FFMPEG_RENAME(avutil, av_frame_move_ref)
#define av_frame_unref MP_FFMPEG_RENAME(avutil, av_frame_unref)
#define av_free MP_FFMPEG_RENAME(avutil, av_free)
#define av_freep MP_FFMPEG_RENAME(avutil, av_freep)
#define av_log_set_level MP_FFMPEG_RENAME(avutil, av_log_set_level)
#define av_malloc MP_FFMPEG_RENAME(avutil, av_malloc)
#define av_strdup MP_FFMPEG_RENAME(avutil, av_strdup)
#define av_strerror MP_FFMPEG_RENAME(avutil, av_strerror)
#define av_packet_alloc MP_FFMPEG_RENAME(avcodec, av_packet_alloc)
#define av_packet_free MP_FFMPEG_RENAME(avcodec, av_packet_free)
#define av_packet_unref MP_FFMPEG_RENAME(avcodec, av_packet_unref)
#define avcodec_alloc_context3 MP_FFMPEG_RENAME(avcodec, avcodec_alloc_context3)
#define avcodec_find_decoder_by_name MP_FFMPEG_RENAME(avcodec, avcodec_find_decoder_by_name)
#define avcodec_free_context MP_FFMPEG_RENAME(avcodec, avcodec_free_context)
#define avcodec_get_name MP_FFMPEG_RENAME(avcodec, avcodec_get_name)
#define avcodec_open2 MP_FFMPEG_RENAME(avcodec, avcodec_open2)
#define avcodec_parameters_to_context MP_FFMPEG_RENAME(avcodec, avcodec_parameters_to_context)
#define avcodec_receive_frame MP_FFMPEG_RENAME(avcodec, avcodec_receive_frame)
#define avcodec_send_packet MP_FFMPEG_RENAME(avcodec, avcodec_send_packet)
#define av_find_best_stream MP_FFMPEG_RENAME(avformat, av_find_best_stream)
#define av_read_frame MP_FFMPEG_RENAME(avformat, av_read_frame)
#define av_seek_frame MP_FFMPEG_RENAME(avformat, av_seek_frame)
#define av_stream_get_side_data MP_FFMPEG_RENAME(avformat, av_stream_get_side_data)
#define avformat_alloc_context MP_FFMPEG_RENAME(avformat, avformat_alloc_context)
#define avformat_close_input MP_FFMPEG_RENAME(avformat, avformat_close_input)
#define avformat_find_stream_info MP_FFMPEG_RENAME(avformat, avformat_find_stream_info)
#define avformat_open_input MP_FFMPEG_RENAME(avformat, avformat_open_input)
#define avio_alloc_context MP_FFMPEG_RENAME(avformat, avio_alloc_context)
#define avio_context_free MP_FFMPEG_RENAME(avformat, avio_context_free)
#endif

#endif
