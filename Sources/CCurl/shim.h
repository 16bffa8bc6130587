// The only door from Swift to libcurl. curl_easy_setopt, curl_easy_getinfo and
// curl_multi_setopt are C-variadic, which Swift cannot call: one typed wrapper
// per argument kind instead.
//
// libcurl is loaded with dlopen when a run will ask a server (at its start,
// or on the first request), not linked: Debian's libcurl brings some 35
// libraries (OpenSSL, GnuTLS, Kerberos, LDAP, ...) whose relocation cost every
// run of avail about 16 million instructions, while a warm `avail query`,
// `--offline` or `--help` never touches the network.
#ifndef AVAIL_CCURL_SHIM_H
#define AVAIL_CCURL_SHIM_H
#include <curl/curl.h>
#include <dlfcn.h>
#include <stdio.h>
#include <signal.h>
#include <pthread.h>

typedef struct {
    CURLcode (*global_init)(long);
    CURL *(*easy_init)(void);
    void (*easy_cleanup)(CURL *);
    const char *(*easy_strerror)(CURLcode);
    CURLcode (*easy_setopt)(CURL *, CURLoption, ...);
    CURLcode (*easy_getinfo)(CURL *, CURLINFO, ...);
    CURLM *(*multi_init)(void);
    CURLMcode (*multi_cleanup)(CURLM *);
    CURLMcode (*multi_add_handle)(CURLM *, CURL *);
    CURLMcode (*multi_remove_handle)(CURLM *, CURL *);
    CURLMcode (*multi_perform)(CURLM *, int *);
    CURLMcode (*multi_poll)(CURLM *, struct curl_waitfd *, unsigned int, int, int *);
    CURLMsg *(*multi_info_read)(CURLM *, int *);
    CURLMcode (*multi_wakeup)(CURLM *);
    CURLMcode (*multi_setopt)(CURLM *, CURLMoption, ...);
    struct curl_slist *(*slist_append)(struct curl_slist *, const char *);
    void (*slist_free_all)(struct curl_slist *);
} avail_curl_functions;

// The table, filled exactly once (pthread_once: several HTTPClients may start
// at the same moment, as the tests do), then only read.
// (Function-local statics: Swift's importer does not emit a header's globals.)
typedef struct {
    avail_curl_functions functions;
    int state; // 1 loaded, -1 failed
    char message[256];
} avail_curl_library;

static inline avail_curl_library *avail_curl_library_storage(void) {
    static avail_curl_library library;
    return &library;
}

static void avail_curl_load_once(void) {
    avail_curl_library *lib = avail_curl_library_storage();
    avail_curl_functions *f = &lib->functions;
    lib->state = -1;
    // RTLD_DEEPBIND: the 35 libraries' own symbols are looked up among
    // themselves first, not after every library avail itself links (ncursesw,
    // libxml2, ICU, libstdc++, ...): Debian binds them all at load time, and
    // walking avail's 12 libraries first for each of their 10,700 symbols cost
    // 5.5 million instructions at every first request. A sanitizer runtime
    // must see every call to malloc, which DEEPBIND would hide from it.
#if defined(__has_feature)
#if __has_feature(address_sanitizer) || __has_feature(thread_sanitizer) || __has_feature(memory_sanitizer)
#define AVAIL_CURL_DEEPBIND 0
#endif
#endif
#ifndef AVAIL_CURL_DEEPBIND
#define AVAIL_CURL_DEEPBIND RTLD_DEEPBIND
#endif
    void *h = dlopen("libcurl.so.4", RTLD_NOW | RTLD_LOCAL | AVAIL_CURL_DEEPBIND);
    if (!h) {
        const char *e = dlerror();
        snprintf(lib->message, sizeof lib->message, "cannot load libcurl.so.4 (install libcurl4): %s", e ? e : "unknown error");
        return;
    }
#define AVAIL_CURL_SYMBOL(field, name) \
    if (!(*(void **)&f->field = dlsym(h, name))) { \
        snprintf(lib->message, sizeof lib->message, "libcurl.so.4 lacks %s", name); \
        return; \
    }
    AVAIL_CURL_SYMBOL(global_init, "curl_global_init")
    AVAIL_CURL_SYMBOL(easy_init, "curl_easy_init")
    AVAIL_CURL_SYMBOL(easy_cleanup, "curl_easy_cleanup")
    AVAIL_CURL_SYMBOL(easy_strerror, "curl_easy_strerror")
    AVAIL_CURL_SYMBOL(easy_setopt, "curl_easy_setopt")
    AVAIL_CURL_SYMBOL(easy_getinfo, "curl_easy_getinfo")
    AVAIL_CURL_SYMBOL(multi_init, "curl_multi_init")
    AVAIL_CURL_SYMBOL(multi_cleanup, "curl_multi_cleanup")
    AVAIL_CURL_SYMBOL(multi_add_handle, "curl_multi_add_handle")
    AVAIL_CURL_SYMBOL(multi_remove_handle, "curl_multi_remove_handle")
    AVAIL_CURL_SYMBOL(multi_perform, "curl_multi_perform")
    AVAIL_CURL_SYMBOL(multi_poll, "curl_multi_poll")
    AVAIL_CURL_SYMBOL(multi_info_read, "curl_multi_info_read")
    AVAIL_CURL_SYMBOL(multi_wakeup, "curl_multi_wakeup")
    AVAIL_CURL_SYMBOL(multi_setopt, "curl_multi_setopt")
    AVAIL_CURL_SYMBOL(slist_append, "curl_slist_append")
    AVAIL_CURL_SYMBOL(slist_free_all, "curl_slist_free_all")
#undef AVAIL_CURL_SYMBOL
    lib->state = 1;
}

static inline const avail_curl_functions *avail_curl_table(const char **error) {
    static pthread_once_t once = PTHREAD_ONCE_INIT;
    pthread_once(&once, avail_curl_load_once);
    avail_curl_library *lib = avail_curl_library_storage();
    if (error) *error = lib->state == 1 ? NULL : lib->message;
    return lib->state == 1 ? &lib->functions : NULL;
}

static inline const avail_curl_functions *avail_curl(void) { return avail_curl_table(NULL); }

/// Loads libcurl; NULL when it worked, else why not.
static inline const char *avail_curl_load(void) {
    const char *error = NULL;
    avail_curl_table(&error);
    return error;
}

static inline CURLcode avail_curl_global_init(long flags) { return avail_curl()->global_init(flags); }
static inline CURL *avail_curl_easy_init(void) { return avail_curl()->easy_init(); }
static inline void avail_curl_easy_cleanup(CURL *h) { avail_curl()->easy_cleanup(h); }
static inline const char *avail_curl_easy_strerror(CURLcode c) { return avail_curl()->easy_strerror(c); }
static inline CURLM *avail_curl_multi_init(void) { return avail_curl()->multi_init(); }
static inline CURLMcode avail_curl_multi_cleanup(CURLM *m) { return avail_curl()->multi_cleanup(m); }
static inline CURLMcode avail_curl_multi_add_handle(CURLM *m, CURL *h) { return avail_curl()->multi_add_handle(m, h); }
static inline CURLMcode avail_curl_multi_remove_handle(CURLM *m, CURL *h) { return avail_curl()->multi_remove_handle(m, h); }
static inline CURLMcode avail_curl_multi_perform(CURLM *m, int *running) { return avail_curl()->multi_perform(m, running); }
static inline CURLMcode avail_curl_multi_poll(CURLM *m, struct curl_waitfd *fds, unsigned int n, int timeout, int *ret) {
    return avail_curl()->multi_poll(m, fds, n, timeout, ret);
}
static inline CURLMsg *avail_curl_multi_info_read(CURLM *m, int *left) { return avail_curl()->multi_info_read(m, left); }
static inline CURLMcode avail_curl_multi_wakeup(CURLM *m) { return avail_curl()->multi_wakeup(m); }
static inline struct curl_slist *avail_curl_slist_append(struct curl_slist *l, const char *s) { return avail_curl()->slist_append(l, s); }
static inline void avail_curl_slist_free_all(struct curl_slist *l) { avail_curl()->slist_free_all(l); }

typedef size_t (*avail_curl_data_callback)(char *ptr, size_t size, size_t nmemb, void *userdata);

static inline CURLcode avail_easy_setopt_long(CURL *h, CURLoption o, long v) { return avail_curl()->easy_setopt(h, o, v); }
static inline CURLcode avail_easy_setopt_string(CURL *h, CURLoption o, const char *v) { return avail_curl()->easy_setopt(h, o, v); }
static inline CURLcode avail_easy_setopt_pointer(CURL *h, CURLoption o, void *v) { return avail_curl()->easy_setopt(h, o, v); }
static inline CURLcode avail_easy_setopt_off_t(CURL *h, CURLoption o, curl_off_t v) { return avail_curl()->easy_setopt(h, o, v); }
static inline CURLcode avail_easy_setopt_slist(CURL *h, CURLoption o, struct curl_slist *v) { return avail_curl()->easy_setopt(h, o, v); }
static inline CURLcode avail_easy_setopt_callback(CURL *h, CURLoption o, avail_curl_data_callback v) { return avail_curl()->easy_setopt(h, o, v); }

static inline CURLcode avail_easy_getinfo_long(CURL *h, CURLINFO i, long *v) { return avail_curl()->easy_getinfo(h, i, v); }
static inline CURLcode avail_easy_getinfo_string(CURL *h, CURLINFO i, char **v) { return avail_curl()->easy_getinfo(h, i, v); }
static inline CURLcode avail_easy_getinfo_pointer(CURL *h, CURLINFO i, void **v) { return avail_curl()->easy_getinfo(h, i, v); }
static inline CURLcode avail_easy_getinfo_double(CURL *h, CURLINFO i, double *v) { return avail_curl()->easy_getinfo(h, i, v); }

static inline CURLMcode avail_multi_setopt_long(CURLM *m, CURLMoption o, long v) { return avail_curl()->multi_setopt(m, o, v); }

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
