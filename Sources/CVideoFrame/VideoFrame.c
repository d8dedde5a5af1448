#include "CVideoFrame.h"

#include <libavcodec/avcodec.h>
#include <libavformat/avformat.h>
#include <libavutil/display.h>
#include <libavutil/imgutils.h>
#include <libswscale/swscale.h>
#include <math.h>
#include <stdio.h>
#include <string.h>

enum { IO_BUFFER = 65536, MAX_PACKETS = 4096 };

typedef struct {
    const uint8_t *data;
    size_t length;
    size_t offset;
} memory_source;

static int read_packet(void *opaque, uint8_t *buffer, int size) {
    memory_source *source = opaque;
    size_t left = source->length - source->offset;
    if (left == 0) return AVERROR_EOF;
    size_t take = (size_t)size < left ? (size_t)size : left;
    memcpy(buffer, source->data + source->offset, take);
    source->offset += take;
    return (int)take;
}

static int64_t seek(void *opaque, int64_t offset, int whence) {
    memory_source *source = opaque;
    if (whence & AVSEEK_SIZE) return (int64_t)source->length;
    int64_t base = 0;
    switch (whence & ~AVSEEK_FORCE) {
    case SEEK_SET: base = 0; break;
    case SEEK_CUR: base = (int64_t)source->offset; break;
    case SEEK_END: base = (int64_t)source->length; break;
    default: return -1;
    }
    int64_t target = base + offset;
    if (target < 0 || target > (int64_t)source->length) return -1;
    source->offset = (size_t)target;
    return target;
}

typedef struct {
    memory_source source;
    AVIOContext *io;
    AVFormatContext *format;
    AVCodecContext *codec;
    int stream;
} video_session;

static void set_error(char message[128], const char *what, int code) {
    if (!message) return;
    char text[64] = "";
    if (code) av_strerror(code, text, sizeof text);
    snprintf(message, 128, "%s%s%s", what, code ? ": " : "", text);
}

static void close_session(video_session *s) {
    if (s->codec) avcodec_free_context(&s->codec);
    if (s->format) avformat_close_input(&s->format);
    if (s->io) {
        av_freep(&s->io->buffer);
        avio_context_free(&s->io);
    }
}

static int open_session(video_session *s, const uint8_t *data, size_t length, mp_video_info *info,
                        char message[128]) {
    memset(s, 0, sizeof *s);
    av_log_set_level(AV_LOG_QUIET);
    s->source = (memory_source){data, length, 0};
    uint8_t *buffer = av_malloc(IO_BUFFER);
    if (!buffer) return -1;
    s->io = avio_alloc_context(buffer, IO_BUFFER, 0, &s->source, read_packet, NULL, seek);
    if (!s->io) { av_free(buffer); return -1; }
    s->format = avformat_alloc_context();
    if (!s->format) return -1;
    s->format->pb = s->io;
    s->format->flags |= AVFMT_FLAG_CUSTOM_IO;
    s->format->format_whitelist = av_strdup("mov,mp4,m4a,3gp,3g2,mj2,matroska,webm");
    s->format->codec_whitelist = av_strdup("h264,hevc,vp8,vp9,av1,libdav1d,mpeg4,aac,opus,vorbis,mp3");
    s->format->protocol_whitelist = av_strdup("");
    int status = avformat_open_input(&s->format, NULL, NULL, NULL);
    if (status < 0) {
        s->format = NULL;
        set_error(message, "container", status);
        return -1;
    }
    s->format->max_analyze_duration = 0;
    status = avformat_find_stream_info(s->format, NULL);
    if (status < 0) { set_error(message, "stream info", status); return -1; }
    const AVCodec *decoder = NULL;
    s->stream = av_find_best_stream(s->format, AVMEDIA_TYPE_VIDEO, -1, -1, &decoder, 0);
    if (s->stream < 0 || !decoder) { set_error(message, "no decodable video stream", 0); return -1; }
    AVStream *stream = s->format->streams[s->stream];
    AVCodecParameters *parameters = stream->codecpar;
    if (parameters->codec_id == AV_CODEC_ID_AV1) {
        const AVCodec *dav1d = avcodec_find_decoder_by_name("libdav1d");
        if (dav1d) decoder = dav1d;
    }
    memset(info, 0, sizeof *info);
    info->width = parameters->width;
    info->height = parameters->height;
    snprintf(info->codec, sizeof info->codec, "%s", avcodec_get_name(parameters->codec_id));
    snprintf(info->container, sizeof info->container, "%s", s->format->iformat->name);
    if (s->format->duration > 0) info->duration = s->format->duration / (double)AV_TIME_BASE;
    if (stream->avg_frame_rate.den > 0) info->frame_rate = av_q2d(stream->avg_frame_rate);
    info->frames = stream->nb_frames;
    const uint8_t *matrix = av_stream_get_side_data(stream, AV_PKT_DATA_DISPLAYMATRIX, NULL);
    if (matrix) {
        double theta = -av_display_rotation_get((const int32_t *)matrix);
        long degrees = lround(theta / 90.0) * 90 % 360;
        info->rotation = (int)(degrees < 0 ? degrees + 360 : degrees);
    }
    s->codec = avcodec_alloc_context3(decoder);
    if (!s->codec) return -1;
    status = avcodec_parameters_to_context(s->codec, parameters);
    if (status < 0) { set_error(message, "codec parameters", status); return -1; }
    s->codec->thread_count = 1;
    status = avcodec_open2(s->codec, decoder, NULL);
    if (status < 0) { set_error(message, "codec", status); return -1; }
    return 0;
}

int mp_video_probe(const uint8_t *data, size_t length, mp_video_info *info, char message[128]) {
    video_session session;
    int status = open_session(&session, data, length, info, message);
    close_session(&session);
    return status;
}

static int convert(const AVFrame *frame, uint8_t **rgba) {
    int width = frame->width, height = frame->height;
    struct SwsContext *scaler = sws_getContext(width, height, frame->format, width, height, AV_PIX_FMT_RGB24,
                                               SWS_BICUBIC | SWS_ACCURATE_RND | SWS_FULL_CHR_H_INT, NULL, NULL, NULL);
    if (!scaler) return -1;
    int standard = frame->colorspace == AVCOL_SPC_BT709 ? SWS_CS_ITU709
                 : frame->colorspace == AVCOL_SPC_BT2020_NCL ? SWS_CS_BT2020
                 : (frame->colorspace == AVCOL_SPC_UNSPECIFIED && height >= 720) ? SWS_CS_ITU709 : SWS_CS_DEFAULT;
    const int *coefficients = sws_getCoefficients(standard);
    int full = frame->color_range == AVCOL_RANGE_JPEG;
    sws_setColorspaceDetails(scaler, coefficients, full, sws_getCoefficients(SWS_CS_DEFAULT), 1, 0, 1 << 16, 1 << 16);
    *rgba = malloc((size_t)width * height * 3);
    if (!*rgba) { sws_freeContext(scaler); return -1; }
    uint8_t *planes[4] = {*rgba, NULL, NULL, NULL};
    int strides[4] = {width * 3, 0, 0, 0};
    int rows = sws_scale(scaler, (const uint8_t *const *)frame->data, frame->linesize, 0, height, planes, strides);
    sws_freeContext(scaler);
    if (rows != height) { free(*rgba); *rgba = NULL; return -1; }
    return 0;
}

int mp_video_frame(const uint8_t *data, size_t length, double seconds, int64_t max_pixels, uint8_t **rgba,
                   int *width, int *height, mp_video_info *info, char message[128]) {
    video_session s;
    memset(&s, 0, sizeof s);
    int result = -1;
    AVPacket *packet = av_packet_alloc();
    AVFrame *frame = av_frame_alloc();
    AVFrame *last = av_frame_alloc(); /* the latest frame before the target, for a file that ends before it */
    if (!packet || !frame || !last) goto done;
    if (open_session(&s, data, length, info, message) != 0) goto done;
    if (info->width <= 0 || info->height <= 0 || (int64_t)info->width * info->height > max_pixels) {
        set_error(message, "video frame over the pixel limit", 0);
        goto done;
    }
    AVStream *stream = s.format->streams[s.stream];
    int64_t target = AV_NOPTS_VALUE;
    if (seconds > 0) {
        target = (int64_t)(seconds / av_q2d(stream->time_base));
        if (stream->start_time != AV_NOPTS_VALUE) target += stream->start_time;
        if (av_seek_frame(s.format, s.stream, target, AVSEEK_FLAG_BACKWARD) < 0) target = AV_NOPTS_VALUE;
    }
    int flushing = 0, continue_with_last = 0;
    for (int packets = 0; packets < MAX_PACKETS;) {
        int status = avcodec_receive_frame(s.codec, frame);
        if (status == 0) {
            int64_t pts = frame->best_effort_timestamp;
            if (target != AV_NOPTS_VALUE && pts != AV_NOPTS_VALUE && pts < target) {
                av_frame_unref(last);
                av_frame_move_ref(last, frame);
                continue;
            }
            if ((int64_t)frame->width * frame->height > max_pixels || frame->width <= 0 || frame->height <= 0) {
                set_error(message, "video frame over the pixel limit", 0);
                goto done;
            }
            if (convert(frame, rgba) != 0) { set_error(message, "pixel conversion", 0); goto done; }
            *width = frame->width;
            *height = frame->height;
            result = 0;
            goto done;
        }
        if (status == AVERROR_EOF) {
            if (last->width > 0) {
                av_frame_move_ref(frame, last);
                continue_with_last = 1;
            }
            break;
        }
        if (status != AVERROR(EAGAIN)) { set_error(message, "decode", status); goto done; }
        if (flushing) break;
        status = av_read_frame(s.format, packet);
        if (status < 0) {
            flushing = 1;
            avcodec_send_packet(s.codec, NULL);
            continue;
        }
        if (packet->stream_index == s.stream) {
            packets++;
            status = avcodec_send_packet(s.codec, packet);
            if (status < 0 && status != AVERROR(EAGAIN) && status != AVERROR_INVALIDDATA) {
                av_packet_unref(packet);
                set_error(message, "decode", status);
                goto done;
            }
        }
        av_packet_unref(packet);
    }
    if (continue_with_last && (int64_t)frame->width * frame->height <= max_pixels) {
        if (convert(frame, rgba) == 0) {
            *width = frame->width;
            *height = frame->height;
            result = 0;
            goto done;
        }
    }
    if (result != 0 && message && !message[0]) set_error(message, "no decodable frame", 0);
done:
    if (last) av_frame_free(&last);
    if (packet) av_packet_free(&packet);
    if (frame) av_frame_free(&frame);
    if (s.format || s.io || s.codec) close_session(&s);
    return result;
}
