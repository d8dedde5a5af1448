#include "CVideoFrame.h"

#include "CFFmpeg.h"
#include <math.h>
#include <stdio.h>
#include <stdlib.h>

enum { IO_BUFFER = 65536, MAX_PACKETS = 4096 };

struct mp_video_decoder {
    mp_memory_reader input;
    mp_limits limits;
    AVIOContext *io;
    AVFormatContext *format;
    AVCodecContext *codec;
    int stream;
    int64_t target;     /* the start, in stream time base; AV_NOPTS_VALUE for the first frame */
    AVPacket *packet;
    AVFrame *frame;
    AVFrame *last;      /* the latest frame before the target, for a stream that ends before it */
    int flushing, packets, returned, ended;
    uint8_t *rgb;       /* the frame handed out */
    size_t rgb_capacity;
};

static int read_input(void *opaque, uint8_t *buffer, int size) {
    size_t count = mp_memory_read(opaque, buffer, size > 0 ? (size_t)size : 0);
    return count ? (int)count : AVERROR_EOF;
}

static int64_t seek_input(void *opaque, int64_t offset, int whence) {
    mp_memory_reader *reader = opaque;
    if (whence & AVSEEK_SIZE) return (int64_t)reader->length;
    return mp_memory_seek(reader, offset, whence & ~AVSEEK_FORCE);
}

static int fail_av(char *message, const char *what, int code) {
    char text[64] = "";
    if (code) av_strerror(code, text, sizeof text);
    return mp_fail(message, "%s%s%s", what, code ? ": " : "", text);
}

/* Opens the container from memory with only the allowed demuxers and codecs. 0, or -1 with `message`. */
static int open_container(mp_video_decoder *d, char *message) {
    uint8_t *buffer = av_malloc(IO_BUFFER);
    if (!buffer) return mp_fail(message, "out of memory");
    d->io = avio_alloc_context(buffer, IO_BUFFER, 0, &d->input, read_input, NULL, seek_input);
    if (!d->io) { av_free(buffer); return mp_fail(message, "out of memory"); }
    d->format = avformat_alloc_context();
    if (!d->format) return mp_fail(message, "out of memory");
    d->format->pb = d->io;
    d->format->flags |= AVFMT_FLAG_CUSTOM_IO;
    d->format->format_whitelist = av_strdup("mov,mp4,m4a,3gp,3g2,mj2,matroska,webm");
    d->format->codec_whitelist = av_strdup("h264,hevc,vp8,vp9,av1,libdav1d,mpeg4,aac,opus,vorbis,mp3");
    d->format->protocol_whitelist = av_strdup("");
    int status = avformat_open_input(&d->format, NULL, NULL, NULL);
    if (status < 0) {
        d->format = NULL;
        return fail_av(message, "container", status);
    }
    d->format->max_analyze_duration = 0;
    status = avformat_find_stream_info(d->format, NULL);
    return status < 0 ? fail_av(message, "stream info", status) : 0;
}

static void describe(const mp_video_decoder *d, const AVStream *stream, mp_video_info *info) {
    const AVCodecParameters *parameters = stream->codecpar;
    memset(info, 0, sizeof *info);
    info->width = parameters->width;
    info->height = parameters->height;
    snprintf(info->codec, sizeof info->codec, "%s", avcodec_get_name(parameters->codec_id));
    snprintf(info->container, sizeof info->container, "%s", d->format->iformat->name);
    if (d->format->duration > 0) info->duration = d->format->duration / (double)AV_TIME_BASE;
    if (stream->avg_frame_rate.den > 0) info->frame_rate = av_q2d(stream->avg_frame_rate);
    info->frames = stream->nb_frames;
    const uint8_t *matrix = av_stream_get_side_data(stream, AV_PKT_DATA_DISPLAYMATRIX, NULL);
    if (matrix) {
        /* A degenerate matrix (all zeros, say) gives NaN, and a hostile one any angle: only whole quarter turns
           of a finite angle count. */
        double theta = -av_display_rotation_get((const int32_t *)matrix);
        int quarters = isfinite(theta) ? (int)fmod(round(theta / 90.0), 4.0) : 0;
        info->rotation = (quarters < 0 ? quarters + 4 : quarters) * 90;
    }
}

/* Finds the best video stream and opens its decoder (dav1d for AV1 when present). 0, or -1 with `message`. */
static int open_codec(mp_video_decoder *d, mp_video_info *info, char *message) {
    const AVCodec *decoder = NULL;
    d->stream = av_find_best_stream(d->format, AVMEDIA_TYPE_VIDEO, -1, -1, &decoder, 0);
    if (d->stream < 0 || !decoder) return mp_fail(message, "no decodable video stream");
    AVStream *stream = d->format->streams[d->stream];
    if (stream->codecpar->codec_id == AV_CODEC_ID_AV1) {
        const AVCodec *dav1d = avcodec_find_decoder_by_name("libdav1d");
        if (dav1d) decoder = dav1d;
    }
    describe(d, stream, info);
    if (info->width <= 0 || info->height <= 0 ||
        (d->limits.max_frame_pixels > 0 && (int64_t)info->width * info->height > d->limits.max_frame_pixels)) {
        return mp_fail(message, "video frame over the pixel limit");
    }
    d->codec = avcodec_alloc_context3(decoder);
    if (!d->codec) return mp_fail(message, "out of memory");
    int status = avcodec_parameters_to_context(d->codec, stream->codecpar);
    if (status < 0) return fail_av(message, "codec parameters", status);
    d->codec->thread_count = 1;
    status = avcodec_open2(d->codec, decoder, NULL);
    return status < 0 ? fail_av(message, "codec", status) : 0;
}

/* Seeks to the keyframe before `seconds`; frames before it are then skipped. */
static void seek_start(mp_video_decoder *d, double seconds) {
    d->target = AV_NOPTS_VALUE;
    if (seconds <= 0) return;
    AVStream *stream = d->format->streams[d->stream];
    int64_t target = (int64_t)(seconds / av_q2d(stream->time_base));
    if (stream->start_time != AV_NOPTS_VALUE) target += stream->start_time;
    if (av_seek_frame(d->format, d->stream, target, AVSEEK_FLAG_BACKWARD) >= 0) d->target = target;
}

mp_video_decoder *mp_video_decoder_open(const uint8_t *data, size_t length, const mp_limits *limits,
                                        double start_seconds, mp_video_info *info, char *message) {
    if (mp_ffmpeg_load_video(message) != 0) return NULL;
    av_log_set_level(AV_LOG_QUIET);
    mp_video_decoder *d = calloc(1, sizeof *d);
    if (!d) { mp_fail(message, "out of memory"); return NULL; }
    d->input = (mp_memory_reader){data, length, 0};
    d->limits = *limits;
    d->packet = av_packet_alloc();
    d->frame = av_frame_alloc();
    d->last = av_frame_alloc();
    if (!d->packet || !d->frame || !d->last) {
        mp_fail(message, "out of memory");
    } else if (open_container(d, message) == 0 && open_codec(d, info, message) == 0) {
        seek_start(d, start_seconds);
        return d;
    }
    mp_video_decoder_close(d);
    return NULL;
}

/* Converts `frame` to packed RGB in the decoder's buffer, with the stream's colour matrix. */
static int convert(mp_video_decoder *d, const AVFrame *frame, mp_frame *out, char *message) {
    int width = frame->width, height = frame->height;
    if (width <= 0 || height <= 0 ||
        (d->limits.max_frame_pixels > 0 && (int64_t)width * height > d->limits.max_frame_pixels)) {
        return mp_fail(message, "video frame over the pixel limit");
    }
    size_t bytes = (size_t)width * height * 3;
    if (bytes > d->rgb_capacity) {
        uint8_t *grown = realloc(d->rgb, bytes);
        if (!grown) return mp_fail(message, "out of memory for a %dx%d frame", width, height);
        d->rgb = grown;
        d->rgb_capacity = bytes;
    }
    struct SwsContext *scaler = sws_getContext(width, height, frame->format, width, height, AV_PIX_FMT_RGB24,
                                               SWS_BICUBIC | SWS_ACCURATE_RND | SWS_FULL_CHR_H_INT, NULL, NULL, NULL);
    if (!scaler) return mp_fail(message, "pixel conversion");
    int standard = frame->colorspace == AVCOL_SPC_BT709 ? SWS_CS_ITU709
                 : frame->colorspace == AVCOL_SPC_BT2020_NCL ? SWS_CS_BT2020
                 : (frame->colorspace == AVCOL_SPC_UNSPECIFIED && height >= 720) ? SWS_CS_ITU709 : SWS_CS_DEFAULT;
    int full = frame->color_range == AVCOL_RANGE_JPEG;
    sws_setColorspaceDetails(scaler, sws_getCoefficients(standard), full, sws_getCoefficients(SWS_CS_DEFAULT), 1, 0,
                             1 << 16, 1 << 16);
    uint8_t *planes[4] = {d->rgb, NULL, NULL, NULL};
    int strides[4] = {width * 3, 0, 0, 0};
    int rows = sws_scale(scaler, (const uint8_t *const *)frame->data, frame->linesize, 0, height, planes, strides);
    sws_freeContext(scaler);
    if (rows != height) return mp_fail(message, "pixel conversion");
    *out = (mp_frame){d->rgb, 3, width, height, 0};
    d->returned = 1;
    return 1;
}

/* Feeds the decoder one more packet of the stream (or starts flushing at the end). 0, or -1 with `message`. */
static int feed(mp_video_decoder *d, char *message) {
    int status = av_read_frame(d->format, d->packet);
    if (status < 0) {
        d->flushing = 1;
        avcodec_send_packet(d->codec, NULL);
        return 0;
    }
    if (d->packet->stream_index == d->stream) {
        d->packets++;
        status = avcodec_send_packet(d->codec, d->packet);
        if (status < 0 && status != AVERROR(EAGAIN) && status != AVERROR_INVALIDDATA) {
            av_packet_unref(d->packet);
            return fail_av(message, "decode", status);
        }
    }
    av_packet_unref(d->packet);
    return 0;
}

/* The stream ended: the latest frame before the target when none was handed out, else the end. */
static int finish(mp_video_decoder *d, mp_frame *out, char *message) {
    d->ended = 1;
    if (!d->returned && d->last->width > 0) return convert(d, d->last, out, message);
    return d->returned ? 0 : mp_fail(message, "no decodable frame");
}

int mp_video_decoder_next(mp_video_decoder *d, mp_frame *out, char *message) {
    if (d->ended) return 0;
    while (d->packets < MAX_PACKETS) {
        int status = avcodec_receive_frame(d->codec, d->frame);
        if (status == 0) {
            int64_t pts = d->frame->best_effort_timestamp;
            if (!d->returned && d->target != AV_NOPTS_VALUE && pts != AV_NOPTS_VALUE && pts < d->target) {
                av_frame_unref(d->last);
                av_frame_move_ref(d->last, d->frame);
                continue;
            }
            status = convert(d, d->frame, out, message);
            av_frame_unref(d->frame);
            return status;
        }
        if (status == AVERROR_EOF) return finish(d, out, message);
        if (status != AVERROR(EAGAIN)) return fail_av(message, "decode", status);
        if (d->flushing) return finish(d, out, message);
        if (feed(d, message) != 0) return -1;
    }
    return finish(d, out, message);
}

void mp_video_decoder_close(mp_video_decoder *d) {
    if (!d) return;
    if (d->codec) avcodec_free_context(&d->codec);
    if (d->format) avformat_close_input(&d->format);
    if (d->io) {
        av_freep(&d->io->buffer);
        avio_context_free(&d->io);
    }
    av_frame_free(&d->last);
    av_frame_free(&d->frame);
    av_packet_free(&d->packet);
    free(d->rgb);
    free(d);
}
