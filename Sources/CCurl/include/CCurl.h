#ifndef CCURL_H
#define CCURL_H
#include <curl/curl.h>

/// curl_easy_setopt is variadic, which Swift cannot call: typed wrappers.
CURLcode ra_curl_setopt_long(CURL *handle, CURLoption option, long value);
CURLcode ra_curl_setopt_pointer(CURL *handle, CURLoption option, void *value);
CURLcode ra_curl_setopt_string(CURL *handle, CURLoption option, const char *value);
CURLcode ra_curl_getinfo_long(CURL *handle, CURLINFO info, long *value);
#endif
