import CCurl

/// libcurl is loaded on first use, not at exec (see `Sources/CCurl/shims.c`): a process that
/// will make requests may load and initialise it ahead of need, off its critical path.
public enum CurlLibrary {
    /// Loads libcurl and runs `curl_global_init` (once per process; later calls return at
    /// once). False when libcurl cannot be loaded or initialised; requests then fail with
    /// ``HTTPClientError/curl(code:message:)`` as they would have.
    @discardableResult
    public static func preload() -> Bool {
        ra_curl_global_init_once() == CURLE_OK
    }
}
