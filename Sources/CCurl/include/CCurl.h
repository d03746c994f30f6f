#ifndef CCURL_H
#define CCURL_H
#include <curl/curl.h>

/// curl_easy_setopt is variadic, which Swift cannot call: typed wrappers.
CURLcode ra_curl_setopt_long(CURL *handle, CURLoption option, long value);
CURLcode ra_curl_setopt_pointer(CURL *handle, CURLoption option, void *value);
CURLcode ra_curl_setopt_string(CURL *handle, CURLoption option, const char *value);
CURLcode ra_curl_setopt_off_t(CURL *handle, CURLoption option, curl_off_t value);
CURLcode ra_curl_getinfo_long(CURL *handle, CURLINFO info, long *value);
CURLcode ra_curl_getinfo_string(CURL *handle, CURLINFO info, char **value);

/// Callback setters: Swift passes `@convention(c)` closures; the signatures are libcurl's own.
CURLcode ra_curl_setopt_write_function(CURL *handle, curl_write_callback callback);
CURLcode ra_curl_setopt_header_function(CURL *handle, curl_write_callback callback);
CURLcode ra_curl_setopt_xferinfo_function(CURL *handle, curl_xferinfo_callback callback);

/// curl_global_init exactly once per process (it is not thread-safe to call concurrently);
/// returns the result of that one call on every call.
CURLcode ra_curl_global_init_once(void);

/// Loads libcurl (dlopen, once; it is not linked, see shims.c). 1 when it is usable. Called by
/// every `curl_*` function here and by ``ra_curl_global_init_once``; a process may call it
/// ahead of need (an agent worker does while it waits for its run).
int ra_curl_load_library(void);

/// Size of the buffer CURLOPT_ERRORBUFFER writes into.
long ra_curl_error_size(void);

/// The `result` of a CURLMSG_DONE message (a union member Swift reads awkwardly).
CURLcode ra_curl_msg_result(const CURLMsg *message);
#endif
