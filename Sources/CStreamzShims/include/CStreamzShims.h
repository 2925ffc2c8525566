// C functions standing in for the OpenSSL, ncurses, libvpx and libopus macros that Swift
// cannot import (function-like macros, macros over SSL_ctrl/BIO_ctrl, variadic control calls).
#ifndef CSTREAMZ_SHIMS_H
#define CSTREAMZ_SHIMS_H

#include <stddef.h>
#include <stdint.h>
#include <openssl/ssl.h>

// ---- OpenSSL ----

/// DTLSv1_get_timeout: milliseconds until the next DTLS retransmission, or -1 when none is pending.
long streamz_dtls_get_timeout_ms(SSL *ssl);
/// DTLSv1_handle_timeout: 1 when a flight was retransmitted, 0 when nothing was due, -1 on error.
int streamz_dtls_handle_timeout(SSL *ssl);
/// BIO_get_mem_data: pointer and length of what a memory BIO holds.
long streamz_bio_get_mem_data(BIO *bio, char **data);
/// BIO_set_mem_eof_return(bio, -1): an empty memory BIO means "retry", not end of file.
void streamz_bio_set_mem_eof_retry(BIO *bio);
/// SSL_CTX_set_min_proto_version / SSL_CTX_set_max_proto_version.
int streamz_ssl_ctx_set_proto_versions(SSL_CTX *ctx, int min_version, int max_version);
/// SSL_set_mtu-like: DTLS_set_link_mtu plus SSL_OP_NO_QUERY_MTU so OpenSSL never asks a socket.
void streamz_dtls_set_mtu(SSL *ssl, long mtu);
/// SSL_CTX_set1_groups_list.
int streamz_ssl_ctx_set_groups(SSL_CTX *ctx, const char *groups);
/// SSL_CTX_set_read_ahead(ctx, 1): DTLS reads whole datagrams.
void streamz_ssl_ctx_set_read_ahead(SSL_CTX *ctx);
/// SSL_CTX_set_options(ctx, SSL_OP_NO_RENEGOTIATION): DTLS-SRTP keys come from the one handshake.
void streamz_ssl_ctx_disable_renegotiation(SSL_CTX *ctx);

// ---- libvpx ----

/// VPX_ENCODER_ABI_VERSION / VPX_DECODER_ABI_VERSION for vpx_codec_*_init_ver.
int streamz_vpx_encoder_abi_version(void);
int streamz_vpx_decoder_abi_version(void);
/// vpx_codec_control is variadic, so each control we use gets a typed wrapper.
/// `ctx` is a vpx_codec_ctx_t *; each returns a vpx_codec_err_t (0 = VPX_CODEC_OK).
int streamz_vp8e_set_cpuused(void *ctx, int value);
int streamz_vp8e_set_noise_sensitivity(void *ctx, unsigned int value);
int streamz_vp8e_set_static_threshold(void *ctx, unsigned int value);
int streamz_vp8e_set_max_intra_bitrate_pct(void *ctx, unsigned int value);
/// VP8D_GET_FRAME_CORRUPTED: *corrupted is non-zero when the last decoded frame had errors.
int streamz_vp8d_get_frame_corrupted(void *ctx, int *corrupted);
/// VPX_EFLAG_FORCE_KF (a macro with a cast Swift does not import).
long streamz_vpx_eflag_force_kf(void);

// ---- libopus ----

/// opus_encoder_ctl is variadic; `encoder` is an OpusEncoder *. Each returns OPUS_OK (0) or an error.
int streamz_opus_encoder_set_bitrate(void *encoder, int bitsPerSecond);
int streamz_opus_encoder_set_complexity(void *encoder, int complexity);
int streamz_opus_encoder_set_inband_fec(void *encoder, int enabled);
int streamz_opus_encoder_set_packet_loss_perc(void *encoder, int percent);
int streamz_opus_encoder_get_bitrate(void *encoder, int *bitsPerSecond);

// ---- ncurses ----

/// COLOR_PAIR(n) as attribute bits.
int streamz_color_pair(int n);
/// getmaxyx(stdscr, ...).
void streamz_screen_size(int *rows, int *cols);
/// KEY_RESIZE and friends are plain constants; mouse masks are macros.
unsigned long streamz_mouse_all_events(void);
unsigned long streamz_mouse_button1_pressed(void);
unsigned long streamz_mouse_button1_clicked(void);
/// stdscr of the current screen, as an untyped pointer (this header does not
/// include curses.h; Swift casts it to the CNcursesw WINDOW).
void *streamz_stdscr(void);
/// A_NORMAL, A_BOLD, A_DIM, A_REVERSE, A_UNDERLINE (NCURSES_BITS macros).
unsigned int streamz_attr_normal(void);
unsigned int streamz_attr_bold(void);
unsigned int streamz_attr_dim(void);
unsigned int streamz_attr_reverse(void);
unsigned int streamz_attr_underline(void);
/// COLORS of the current screen (a global Swift 6 cannot read safely).
int streamz_colors(void);
/// wcwidth(3) under the current locale: the columns libc (and so ncurses)
/// gives a character, -1 for non-printable.
int streamz_wcwidth(unsigned int codepoint);
/// openpty with a window size: a pseudo-terminal for tests of the terminal code.
int streamz_open_pty(int *master, int *slave, unsigned short rows, unsigned short cols);

#endif
