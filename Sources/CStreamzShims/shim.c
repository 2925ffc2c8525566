#ifndef _XOPEN_SOURCE_EXTENDED
#define _XOPEN_SOURCE_EXTENDED 1
#endif
#include "CStreamzShims.h"
#include <openssl/bio.h>
#include <ncursesw/curses.h>
#include <pty.h>
#include <sys/ioctl.h>
#include <vpx/vpx_encoder.h>
#include <vpx/vpx_decoder.h>

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

int streamz_open_pty(int *master, int *slave, unsigned short rows, unsigned short cols) {
    struct winsize size = {.ws_row = rows, .ws_col = cols, .ws_xpixel = 0, .ws_ypixel = 0};
    return openpty(master, slave, NULL, NULL, &size);
}
