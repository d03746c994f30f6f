#include "CCurl.h"
#include <dlfcn.h>
#include <pthread.h>
#include <stddef.h>

// libcurl is loaded on first use (dlopen), not linked: linking it made every process that
// imports NetGuard map and relocate libcurl and its ~30 dependencies (TLS, Kerberos, LDAP,
// SSH, IDN…) at exec — about 5 ms of CPU per agent-worker spawn on this machine, paid even by
// workers whose runs never open a connection (bench/NOTES-spawn.md). Swift calls the same
// `curl_*` names as before; they are defined here, hidden (never exported, so libcurl's own
// calls to its public functions can never bind to them), and forward to the loaded library.
// Every Swift caller goes through `ra_curl_global_init_once()` first (HTTPClient.execute).

#define RA_CURL_FUNCTIONS(X)                                                                              \
    X(CURLcode, curl_global_init, (long flags))                                                           \
    X(CURL *, curl_easy_init, (void))                                                                     \
    X(void, curl_easy_cleanup, (CURL *handle))                                                            \
    X(CURLcode, curl_easy_setopt, (CURL *handle, CURLoption option, ...))                                 \
    X(CURLcode, curl_easy_getinfo, (CURL *handle, CURLINFO info, ...))                                    \
    X(const char *, curl_easy_strerror, (CURLcode code))                                                  \
    X(CURLM *, curl_multi_init, (void))                                                                   \
    X(CURLMcode, curl_multi_cleanup, (CURLM *multi))                                                      \
    X(CURLMcode, curl_multi_add_handle, (CURLM *multi, CURL *handle))                                     \
    X(CURLMcode, curl_multi_remove_handle, (CURLM *multi, CURL *handle))                                  \
    X(CURLMcode, curl_multi_perform, (CURLM *multi, int *running))                                        \
    X(CURLMcode, curl_multi_poll, (CURLM *multi, struct curl_waitfd *fds, unsigned int n, int ms, int *numfds)) \
    X(CURLMcode, curl_multi_wakeup, (CURLM *multi))                                                       \
    X(CURLMsg *, curl_multi_info_read, (CURLM *multi, int *remaining))                                    \
    X(const char *, curl_multi_strerror, (CURLMcode code))                                                \
    X(struct curl_slist *, curl_slist_append, (struct curl_slist *list, const char *string))              \
    X(void, curl_slist_free_all, (struct curl_slist *list))

#define RA_DECLARE_POINTER(ret, name, params) static ret(*ra_##name) params;
RA_CURL_FUNCTIONS(RA_DECLARE_POINTER)

static pthread_once_t ra_curl_load_once = PTHREAD_ONCE_INIT;
static int ra_curl_loaded = 0;

static void ra_curl_load(void) {
    // RTLD_LOCAL: libcurl's symbols stay out of the global scope (nothing else resolves against them).
    void *library = dlopen("libcurl.so.4", RTLD_NOW | RTLD_LOCAL);
    if (library == NULL) return;
#define RA_RESOLVE(ret, name, params)                                  \
    ra_##name = (ret(*) params)dlsym(library, #name);                  \
    if (ra_##name == NULL) return;
    RA_CURL_FUNCTIONS(RA_RESOLVE)
    ra_curl_loaded = 1;
}

int ra_curl_load_library(void) {
    pthread_once(&ra_curl_load_once, ra_curl_load);
    return ra_curl_loaded;
}

#pragma GCC visibility push(hidden)
CURLcode curl_global_init(long flags) { return ra_curl_load_library() ? ra_curl_global_init(flags) : CURLE_FAILED_INIT; }
CURL *curl_easy_init(void) { return ra_curl_load_library() ? ra_curl_easy_init() : NULL; }
void curl_easy_cleanup(CURL *handle) { if (ra_curl_load_library()) ra_curl_easy_cleanup(handle); }
const char *curl_easy_strerror(CURLcode code) { return ra_curl_load_library() ? ra_curl_easy_strerror(code) : "libcurl is not available"; }
CURLM *curl_multi_init(void) { return ra_curl_load_library() ? ra_curl_multi_init() : NULL; }
CURLMcode curl_multi_cleanup(CURLM *multi) { return ra_curl_load_library() ? ra_curl_multi_cleanup(multi) : CURLM_INTERNAL_ERROR; }
CURLMcode curl_multi_add_handle(CURLM *multi, CURL *handle) {
    return ra_curl_load_library() ? ra_curl_multi_add_handle(multi, handle) : CURLM_INTERNAL_ERROR;
}
CURLMcode curl_multi_remove_handle(CURLM *multi, CURL *handle) {
    return ra_curl_load_library() ? ra_curl_multi_remove_handle(multi, handle) : CURLM_INTERNAL_ERROR;
}
CURLMcode curl_multi_perform(CURLM *multi, int *running) {
    return ra_curl_load_library() ? ra_curl_multi_perform(multi, running) : CURLM_INTERNAL_ERROR;
}
CURLMcode curl_multi_poll(CURLM *multi, struct curl_waitfd *fds, unsigned int n, int ms, int *numfds) {
    return ra_curl_load_library() ? ra_curl_multi_poll(multi, fds, n, ms, numfds) : CURLM_INTERNAL_ERROR;
}
CURLMcode curl_multi_wakeup(CURLM *multi) { return ra_curl_load_library() ? ra_curl_multi_wakeup(multi) : CURLM_INTERNAL_ERROR; }
CURLMsg *curl_multi_info_read(CURLM *multi, int *remaining) {
    return ra_curl_load_library() ? ra_curl_multi_info_read(multi, remaining) : NULL;
}
const char *curl_multi_strerror(CURLMcode code) { return ra_curl_load_library() ? ra_curl_multi_strerror(code) : "libcurl is not available"; }
struct curl_slist *curl_slist_append(struct curl_slist *list, const char *string) {
    return ra_curl_load_library() ? ra_curl_slist_append(list, string) : NULL;
}
void curl_slist_free_all(struct curl_slist *list) { if (ra_curl_load_library()) ra_curl_slist_free_all(list); }
#pragma GCC visibility pop

// curl_easy_setopt and curl_easy_getinfo are variadic, which Swift cannot call: typed wrappers.
static CURLcode ra_setopt(CURL *handle, CURLoption option, void *pointer, long number, curl_off_t offset, int which) {
    if (!ra_curl_load_library()) return CURLE_FAILED_INIT;
    switch (which) {
    case 0: return ra_curl_easy_setopt(handle, option, number);
    case 1: return ra_curl_easy_setopt(handle, option, pointer);
    default: return ra_curl_easy_setopt(handle, option, offset);
    }
}
CURLcode ra_curl_setopt_long(CURL *handle, CURLoption option, long value) { return ra_setopt(handle, option, NULL, value, 0, 0); }
CURLcode ra_curl_setopt_pointer(CURL *handle, CURLoption option, void *value) { return ra_setopt(handle, option, value, 0, 0, 1); }
CURLcode ra_curl_setopt_string(CURL *handle, CURLoption option, const char *value) {
    return ra_setopt(handle, option, (void *)value, 0, 0, 1);
}
CURLcode ra_curl_setopt_off_t(CURL *handle, CURLoption option, curl_off_t value) { return ra_setopt(handle, option, NULL, 0, value, 2); }
CURLcode ra_curl_getinfo_long(CURL *handle, CURLINFO info, long *value) {
    return ra_curl_load_library() ? ra_curl_easy_getinfo(handle, info, value) : CURLE_FAILED_INIT;
}
CURLcode ra_curl_getinfo_string(CURL *handle, CURLINFO info, char **value) {
    return ra_curl_load_library() ? ra_curl_easy_getinfo(handle, info, value) : CURLE_FAILED_INIT;
}

CURLcode ra_curl_setopt_write_function(CURL *handle, curl_write_callback callback) {
    return ra_curl_load_library() ? ra_curl_easy_setopt(handle, CURLOPT_WRITEFUNCTION, callback) : CURLE_FAILED_INIT;
}
CURLcode ra_curl_setopt_header_function(CURL *handle, curl_write_callback callback) {
    return ra_curl_load_library() ? ra_curl_easy_setopt(handle, CURLOPT_HEADERFUNCTION, callback) : CURLE_FAILED_INIT;
}
CURLcode ra_curl_setopt_xferinfo_function(CURL *handle, curl_xferinfo_callback callback) {
    return ra_curl_load_library() ? ra_curl_easy_setopt(handle, CURLOPT_XFERINFOFUNCTION, callback) : CURLE_FAILED_INIT;
}

static pthread_once_t ra_curl_once = PTHREAD_ONCE_INIT;
static CURLcode ra_curl_init_result = CURLE_FAILED_INIT;
static void ra_curl_init(void) { ra_curl_init_result = curl_global_init(CURL_GLOBAL_DEFAULT); }
CURLcode ra_curl_global_init_once(void) {
    pthread_once(&ra_curl_once, ra_curl_init);
    return ra_curl_init_result;
}

long ra_curl_error_size(void) { return CURL_ERROR_SIZE; }

CURLcode ra_curl_msg_result(const CURLMsg *message) { return message->data.result; }
