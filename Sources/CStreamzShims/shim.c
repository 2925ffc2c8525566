#ifndef _GNU_SOURCE
#define _GNU_SOURCE 1  /* wcwidth(3) */
#endif
#ifndef _XOPEN_SOURCE_EXTENDED
#define _XOPEN_SOURCE_EXTENDED 1
#endif
#include "CStreamzShims.h"
#include <openssl/bio.h>
#include <ncursesw/curses.h>
#include <pty.h>
#include <wchar.h>
#include <sys/ioctl.h>
#include <vpx/vpx_encoder.h>
#include <vpx/vpx_decoder.h>
#include <vpx/vp8cx.h>
#include <vpx/vp8dx.h>
#include <opus/opus.h>

long streamz_dtls_get_timeout_ms(SSL *ssl) {
    struct timeval tv;
    if (DTLSv1_get_timeout(ssl, &tv) != 1) return -1;
    return (long)tv.tv_sec * 1000 + (long)(tv.tv_usec / 1000);
}

int streamz_dtls_handle_timeout(SSL *ssl) { return (int)DTLSv1_handle_timeout(ssl); }

long streamz_bio_get_mem_data(BIO *bio, char **data) { return BIO_get_mem_data(bio, data); }

void streamz_bio_set_mem_eof_retry(BIO *bio) { BIO_set_mem_eof_return(bio, -1); }

int streamz_ssl_ctx_set_proto_versions(SSL_CTX *ctx, int min_version, int max_version) {
    if (SSL_CTX_set_min_proto_version(ctx, min_version) != 1) return 0;
    return (int)SSL_CTX_set_max_proto_version(ctx, max_version);
}

void streamz_dtls_set_mtu(SSL *ssl, long mtu) {
    SSL_set_options(ssl, SSL_OP_NO_QUERY_MTU);
    DTLS_set_link_mtu(ssl, mtu);
}

int streamz_ssl_ctx_set_groups(SSL_CTX *ctx, const char *groups) {
    return (int)SSL_CTX_set1_groups_list(ctx, groups);
}

void streamz_ssl_ctx_set_read_ahead(SSL_CTX *ctx) { SSL_CTX_set_read_ahead(ctx, 1); }

void streamz_ssl_ctx_disable_renegotiation(SSL_CTX *ctx) { SSL_CTX_set_options(ctx, SSL_OP_NO_RENEGOTIATION); }

int streamz_vpx_encoder_abi_version(void) { return VPX_ENCODER_ABI_VERSION; }
int streamz_vpx_decoder_abi_version(void) { return VPX_DECODER_ABI_VERSION; }

int streamz_vp8e_set_cpuused(void *ctx, int value) {
    return (int)vpx_codec_control((vpx_codec_ctx_t *)ctx, VP8E_SET_CPUUSED, value);
}
int streamz_vp8e_set_noise_sensitivity(void *ctx, unsigned int value) {
    return (int)vpx_codec_control((vpx_codec_ctx_t *)ctx, VP8E_SET_NOISE_SENSITIVITY, value);
}
int streamz_vp8e_set_static_threshold(void *ctx, unsigned int value) {
    return (int)vpx_codec_control((vpx_codec_ctx_t *)ctx, VP8E_SET_STATIC_THRESHOLD, value);
}
int streamz_vp8e_set_max_intra_bitrate_pct(void *ctx, unsigned int value) {
    return (int)vpx_codec_control((vpx_codec_ctx_t *)ctx, VP8E_SET_MAX_INTRA_BITRATE_PCT, value);
}
int streamz_vp8d_get_frame_corrupted(void *ctx, int *corrupted) {
    return (int)vpx_codec_control((vpx_codec_ctx_t *)ctx, VP8D_GET_FRAME_CORRUPTED, corrupted);
}
long streamz_vpx_eflag_force_kf(void) { return (long)VPX_EFLAG_FORCE_KF; }

int streamz_opus_encoder_set_bitrate(void *encoder, int bitsPerSecond) {
    return opus_encoder_ctl((OpusEncoder *)encoder, OPUS_SET_BITRATE(bitsPerSecond));
}
int streamz_opus_encoder_set_complexity(void *encoder, int complexity) {
    return opus_encoder_ctl((OpusEncoder *)encoder, OPUS_SET_COMPLEXITY(complexity));
}
int streamz_opus_encoder_set_inband_fec(void *encoder, int enabled) {
    return opus_encoder_ctl((OpusEncoder *)encoder, OPUS_SET_INBAND_FEC(enabled));
}
int streamz_opus_encoder_set_packet_loss_perc(void *encoder, int percent) {
    return opus_encoder_ctl((OpusEncoder *)encoder, OPUS_SET_PACKET_LOSS_PERC(percent));
}
int streamz_opus_encoder_get_bitrate(void *encoder, int *bitsPerSecond) {
    return opus_encoder_ctl((OpusEncoder *)encoder, OPUS_GET_BITRATE(bitsPerSecond));
}

int streamz_color_pair(int n) { return (int)COLOR_PAIR(n); }

void streamz_screen_size(int *rows, int *cols) {
    int r, c;
    getmaxyx(stdscr, r, c);
    *rows = r;
    *cols = c;
}

unsigned long streamz_mouse_all_events(void) { return (unsigned long)(ALL_MOUSE_EVENTS | REPORT_MOUSE_POSITION); }
unsigned long streamz_mouse_button1_pressed(void) { return (unsigned long)BUTTON1_PRESSED; }
unsigned long streamz_mouse_button1_clicked(void) { return (unsigned long)BUTTON1_CLICKED; }

void *streamz_stdscr(void) { return (void *)stdscr; }
unsigned int streamz_attr_normal(void) { return (unsigned int)A_NORMAL; }
unsigned int streamz_attr_bold(void) { return (unsigned int)A_BOLD; }
unsigned int streamz_attr_dim(void) { return (unsigned int)A_DIM; }
unsigned int streamz_attr_reverse(void) { return (unsigned int)A_REVERSE; }
unsigned int streamz_attr_underline(void) { return (unsigned int)A_UNDERLINE; }

int streamz_colors(void) { return COLORS; }
int streamz_wcwidth(unsigned int codepoint) { return wcwidth((wchar_t)codepoint); }

int streamz_open_pty(int *master, int *slave, unsigned short rows, unsigned short cols) {
    struct winsize size = {.ws_row = rows, .ws_col = cols, .ws_xpixel = 0, .ws_ypixel = 0};
    return openpty(master, slave, NULL, NULL, &size);
}
