// The only door from Swift to libcurl. curl_easy_setopt, curl_easy_getinfo and
// curl_multi_setopt are C-variadic, which Swift cannot call: one typed wrapper
// per argument kind instead.
#ifndef AVAIL_CCURL_SHIM_H
#define AVAIL_CCURL_SHIM_H
#include <curl/curl.h>
#include <signal.h>
#include <pthread.h>

typedef size_t (*avail_curl_data_callback)(char *ptr, size_t size, size_t nmemb, void *userdata);

static inline CURLcode avail_easy_setopt_long(CURL *h, CURLoption o, long v) { return curl_easy_setopt(h, o, v); }
static inline CURLcode avail_easy_setopt_string(CURL *h, CURLoption o, const char *v) { return curl_easy_setopt(h, o, v); }
static inline CURLcode avail_easy_setopt_pointer(CURL *h, CURLoption o, void *v) { return curl_easy_setopt(h, o, v); }
static inline CURLcode avail_easy_setopt_off_t(CURL *h, CURLoption o, curl_off_t v) { return curl_easy_setopt(h, o, v); }
static inline CURLcode avail_easy_setopt_slist(CURL *h, CURLoption o, struct curl_slist *v) { return curl_easy_setopt(h, o, v); }
static inline CURLcode avail_easy_setopt_callback(CURL *h, CURLoption o, avail_curl_data_callback v) { return curl_easy_setopt(h, o, v); }

static inline CURLcode avail_easy_getinfo_long(CURL *h, CURLINFO i, long *v) { return curl_easy_getinfo(h, i, v); }
static inline CURLcode avail_easy_getinfo_string(CURL *h, CURLINFO i, char **v) { return curl_easy_getinfo(h, i, v); }
static inline CURLcode avail_easy_getinfo_pointer(CURL *h, CURLINFO i, void **v) { return curl_easy_getinfo(h, i, v); }
static inline CURLcode avail_easy_getinfo_double(CURL *h, CURLINFO i, double *v) { return curl_easy_getinfo(h, i, v); }

static inline CURLMcode avail_multi_setopt_long(CURLM *m, CURLMoption o, long v) { return curl_multi_setopt(m, o, v); }

// Bit-mask macros with casts, which Swift does not import.
static inline long avail_curlauth_basic(void) { return (long)CURLAUTH_BASIC; }
static inline long avail_curlauth_digest(void) { return (long)CURLAUTH_DIGEST; }
static inline long avail_curl_global_default(void) { return CURL_GLOBAL_DEFAULT; }

// CURLMsg.data is a union; Swift sees it, but reading `result` through a helper is clearer.
static inline CURLcode avail_multi_msg_result(CURLMsg *msg) { return msg->data.result; }

// The network thread must never take a signal meant for the UI (SIGWINCH, SIGINT, SIGPIPE).
static inline void avail_block_all_signals_on_this_thread(void) {
    sigset_t all;
    sigfillset(&all);
    pthread_sigmask(SIG_BLOCK, &all, NULL);
}
#endif
