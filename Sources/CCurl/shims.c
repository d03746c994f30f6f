#include "CCurl.h"
#include <pthread.h>

CURLcode ra_curl_setopt_long(CURL *handle, CURLoption option, long value) { return curl_easy_setopt(handle, option, value); }
CURLcode ra_curl_setopt_pointer(CURL *handle, CURLoption option, void *value) { return curl_easy_setopt(handle, option, value); }
CURLcode ra_curl_setopt_string(CURL *handle, CURLoption option, const char *value) { return curl_easy_setopt(handle, option, value); }
CURLcode ra_curl_setopt_off_t(CURL *handle, CURLoption option, curl_off_t value) { return curl_easy_setopt(handle, option, value); }
CURLcode ra_curl_getinfo_long(CURL *handle, CURLINFO info, long *value) { return curl_easy_getinfo(handle, info, value); }
CURLcode ra_curl_getinfo_string(CURL *handle, CURLINFO info, char **value) { return curl_easy_getinfo(handle, info, value); }

CURLcode ra_curl_setopt_write_function(CURL *handle, curl_write_callback callback) {
    return curl_easy_setopt(handle, CURLOPT_WRITEFUNCTION, callback);
}
CURLcode ra_curl_setopt_header_function(CURL *handle, curl_write_callback callback) {
    return curl_easy_setopt(handle, CURLOPT_HEADERFUNCTION, callback);
}
CURLcode ra_curl_setopt_xferinfo_function(CURL *handle, curl_xferinfo_callback callback) {
    return curl_easy_setopt(handle, CURLOPT_XFERINFOFUNCTION, callback);
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
