/// Recorded OpenAI-compatible `chat/completions` streams (ids shortened), one per server flavour.
enum OpenAIFixtures {
    /// OpenAI, `stream_options.include_usage`: role-only first delta, usage alone in the last chunk.
    static let plainText = """
        data: {"id":"chatcmpl-AZ1","object":"chat.completion.chunk","created":1731000000,"model":"gpt-4o-mini-2024-07-18","system_fingerprint":"fp_0ba0d124f1","choices":[{"index":0,"delta":{"role":"assistant","content":"","refusal":null},"logprobs":null,"finish_reason":null}],"usage":null}

        data: {"id":"chatcmpl-AZ1","object":"chat.completion.chunk","created":1731000000,"model":"gpt-4o-mini-2024-07-18","system_fingerprint":"fp_0ba0d124f1","choices":[{"index":0,"delta":{"content":"Your résumé"},"logprobs":null,"finish_reason":null}],"usage":null}

        data: {"id":"chatcmpl-AZ1","object":"chat.completion.chunk","created":1731000000,"model":"gpt-4o-mini-2024-07-18","system_fingerprint":"fp_0ba0d124f1","choices":[{"index":0,"delta":{"content":" matches 7 of 9 requirements."},"logprobs":null,"finish_reason":null}],"usage":null}

        data: {"id":"chatcmpl-AZ1","object":"chat.completion.chunk","created":1731000000,"model":"gpt-4o-mini-2024-07-18","system_fingerprint":"fp_0ba0d124f1","choices":[{"index":0,"delta":{},"logprobs":null,"finish_reason":"stop"}],"usage":null}

        data: {"id":"chatcmpl-AZ1","object":"chat.completion.chunk","created":1731000000,"model":"gpt-4o-mini-2024-07-18","system_fingerprint":"fp_0ba0d124f1","choices":[],"usage":{"prompt_tokens":412,"completion_tokens":9,"total_tokens":421,"prompt_tokens_details":{"cached_tokens":0,"audio_tokens":0},"completion_tokens_details":{"reasoning_tokens":0,"audio_tokens":0,"accepted_prediction_tokens":0,"rejected_prediction_tokens":0}}}

        data: [DONE]


        """

    static let plainTextEvents: [ProviderEventShape] = [
        .text("Your résumé"), .text(" matches 7 of 9 requirements."), .usage(412, 9), .finish(.stop),
    ]

    /// OpenAI, two parallel calls; arguments split mid-token; later fragments carry no id or name.
    /// Azure-style empty-choices chunk first, keep-alive comments in between.
    static let parallelToolCalls = """
        data: {"id":"chatcmpl-AZ2","object":"chat.completion.chunk","created":0,"model":"","choices":[],"prompt_filter_results":[{"prompt_index":0,"content_filter_results":{}}]}

        data: {"id":"chatcmpl-AZ2","object":"chat.completion.chunk","created":1731000001,"model":"gpt-4o-2024-08-06","choices":[{"index":0,"delta":{"role":"assistant","content":null,"tool_calls":[{"index":0,"id":"call_Xr1","type":"function","function":{"name":"read_resume","arguments":""}}],"refusal":null},"logprobs":null,"finish_reason":null}],"usage":null}

        : keep-alive

        data: {"id":"chatcmpl-AZ2","object":"chat.completion.chunk","created":1731000001,"model":"gpt-4o-2024-08-06","choices":[{"index":0,"delta":{"tool_calls":[{"index":0,"function":{"arguments":"{\\"sec"}}]},"logprobs":null,"finish_reason":null}],"usage":null}

        data: {"id":"chatcmpl-AZ2","object":"chat.completion.chunk","created":1731000001,"model":"gpt-4o-2024-08-06","choices":[{"index":0,"delta":{"tool_calls":[{"index":0,"function":{"arguments":"tion\\": \\"experi"}}]},"logprobs":null,"finish_reason":null}],"usage":null}

        data: {"id":"chatcmpl-AZ2","object":"chat.completion.chunk","created":1731000001,"model":"gpt-4o-2024-08-06","choices":[{"index":0,"delta":{"tool_calls":[{"index":0,"function":{"arguments":"ence\\"}"}}]},"logprobs":null,"finish_reason":null}],"usage":null}

        data: {"id":"chatcmpl-AZ2","object":"chat.completion.chunk","created":1731000001,"model":"gpt-4o-2024-08-06","choices":[{"index":0,"delta":{"tool_calls":[{"index":1,"id":"call_Yq2","type":"function","function":{"name":"analyze_gap","arguments":""}}]},"logprobs":null,"finish_reason":null}],"usage":null}

        data: {"id":"chatcmpl-AZ2","object":"chat.completion.chunk","created":1731000001,"model":"gpt-4o-2024-08-06","choices":[{"index":0,"delta":{"tool_calls":[{"index":1,"function":{"arguments":"{\\"strict\\": tr"}}]},"logprobs":null,"finish_reason":null}],"usage":null}

        data: {"id":"chatcmpl-AZ2","object":"chat.completion.chunk","created":1731000001,"model":"gpt-4o-2024-08-06","choices":[{"index":0,"delta":{"tool_calls":[{"index":1,"function":{"arguments":"ue}"}}]},"logprobs":null,"finish_reason":null}],"usage":null}

        data: {"id":"chatcmpl-AZ2","object":"chat.completion.chunk","created":1731000001,"model":"gpt-4o-2024-08-06","choices":[{"index":0,"delta":{},"logprobs":null,"finish_reason":"tool_calls"}],"usage":null}

        data: {"id":"chatcmpl-AZ2","object":"chat.completion.chunk","created":1731000001,"model":"gpt-4o-2024-08-06","choices":[],"usage":{"prompt_tokens":1024,"completion_tokens":38,"total_tokens":1062}}

        data: [DONE]


        """

    static let parallelToolCallEvents: [ProviderEventShape] = [
        .start(0, "call_Xr1", "read_resume"), .args(0, "{\"sec"), .args(0, "tion\": \"experi"), .args(0, "ence\"}"),
        .start(1, "call_Yq2", "analyze_gap"), .args(1, "{\"strict\": tr"), .args(1, "ue}"),
        .end(0), .end(1), .usage(1024, 38), .finish(.toolCalls),
    ]

    /// llama.cpp server: one tool call, no usage chunk, `[DONE]` at the end.
    static let llamaCppToolCall = """
        data: {"choices":[{"finish_reason":null,"index":0,"delta":{"role":"assistant","content":null}}],"created":1731000002,"id":"chatcmpl-lc1","model":"qwen2.5-7b-instruct","object":"chat.completion.chunk"}

        data: {"choices":[{"finish_reason":null,"index":0,"delta":{"tool_calls":[{"index":0,"id":"jXh1Qm","type":"function","function":{"name":"read_file","arguments":"{\\""}}]}}],"created":1731000002,"id":"chatcmpl-lc1","model":"qwen2.5-7b-instruct","object":"chat.completion.chunk"}

        data: {"choices":[{"finish_reason":null,"index":0,"delta":{"tool_calls":[{"index":0,"function":{"arguments":"path\\":\\"jd.md\\"}"}}]}}],"created":1731000002,"id":"chatcmpl-lc1","model":"qwen2.5-7b-instruct","object":"chat.completion.chunk"}

        data: {"choices":[{"finish_reason":"tool_calls","index":0,"delta":{}}],"created":1731000002,"id":"chatcmpl-lc1","model":"qwen2.5-7b-instruct","object":"chat.completion.chunk","timings":{"prompt_n":88,"predicted_n":14}}

        data: [DONE]


        """

    static let llamaCppToolCallEvents: [ProviderEventShape] = [
        .start(0, "jXh1Qm", "read_file"), .args(0, "{\""), .args(0, "path\":\"jd.md\"}"), .end(0), .finish(.toolCalls),
    ]

    /// Ollama `/v1`: the whole call in one chunk, `finish_reason: "stop"` after it, usage with the finish.
    static let ollamaToolCall = """
        data: {"id":"chatcmpl-311","object":"chat.completion.chunk","created":1731000003,"model":"llama3.1","system_fingerprint":"fp_ollama","choices":[{"index":0,"delta":{"role":"assistant","content":"","tool_calls":[{"id":"call_k2tq","index":0,"type":"function","function":{"name":"list_files","arguments":"{}"}}]},"finish_reason":null}]}

        data: {"id":"chatcmpl-311","object":"chat.completion.chunk","created":1731000003,"model":"llama3.1","system_fingerprint":"fp_ollama","choices":[{"index":0,"delta":{"role":"assistant","content":""},"finish_reason":"stop"}]}

        data: {"id":"chatcmpl-311","object":"chat.completion.chunk","created":1731000003,"model":"llama3.1","system_fingerprint":"fp_ollama","choices":[],"usage":{"prompt_tokens":301,"completion_tokens":17,"total_tokens":318}}

        data: [DONE]


        """

    static let ollamaToolCallEvents: [ProviderEventShape] = [
        .start(0, "call_k2tq", "list_files"), .args(0, "{}"), .end(0), .usage(301, 17), .finish(.toolCalls),
    ]

    /// vLLM without `include_usage`, `index` missing on the calls (older builds), text before the call.
    static let vllmMissingIndex = """
        data: {"id":"cmpl-v1","object":"chat.completion.chunk","created":1731000004,"model":"meta-llama/Llama-3.1-8B-Instruct","choices":[{"index":0,"delta":{"role":"assistant"},"logprobs":null,"finish_reason":null}]}

        data: {"id":"cmpl-v1","object":"chat.completion.chunk","created":1731000004,"model":"meta-llama/Llama-3.1-8B-Instruct","choices":[{"index":0,"delta":{"content":"Checking."},"logprobs":null,"finish_reason":null}]}

        data: {"id":"cmpl-v1","object":"chat.completion.chunk","created":1731000004,"model":"meta-llama/Llama-3.1-8B-Instruct","choices":[{"index":0,"delta":{"tool_calls":[{"id":"chatcmpl-tool-a1","type":"function","function":{"name":"read_resume","arguments":"{\\"section"}}]},"logprobs":null,"finish_reason":null}]}

        data: {"id":"cmpl-v1","object":"chat.completion.chunk","created":1731000004,"model":"meta-llama/Llama-3.1-8B-Instruct","choices":[{"index":0,"delta":{"tool_calls":[{"function":{"arguments":"\\": \\"skills\\"}"}}]},"logprobs":null,"finish_reason":null}]}

        data: {"id":"cmpl-v1","object":"chat.completion.chunk","created":1731000004,"model":"meta-llama/Llama-3.1-8B-Instruct","choices":[{"index":0,"delta":{"tool_calls":[{"id":"chatcmpl-tool-b2","type":"function","function":{"name":"list_files","arguments":"{}"}}]},"logprobs":null,"finish_reason":null}]}

        data: {"id":"cmpl-v1","object":"chat.completion.chunk","created":1731000004,"model":"meta-llama/Llama-3.1-8B-Instruct","choices":[{"index":0,"delta":{"content":""},"logprobs":null,"finish_reason":"tool_calls","stop_reason":null}]}

        data: [DONE]


        """

    static let vllmMissingIndexEvents: [ProviderEventShape] = [
        .text("Checking."), .start(0, "chatcmpl-tool-a1", "read_resume"), .args(0, "{\"section"), .args(0, "\": \"skills\"}"),
        .start(1, "chatcmpl-tool-b2", "list_files"), .args(1, "{}"), .end(0), .end(1), .finish(.toolCalls),
    ]

    /// Valid first chunk, then a chunk cut off mid-JSON by a broken proxy.
    static let malformedChunk = """
        data: {"id":"chatcmpl-AZ3","object":"chat.completion.chunk","choices":[{"index":0,"delta":{"role":"assistant","content":"Hel"},"finish_reason":null}]}

        data: {"id":"chatcmpl-AZ3","object":"chat.completion.chunk","choices":[{"index":0,"delta":{"content":"lo

        data: [DONE]


        """

    /// An error object sent inside a 200 stream after some text.
    static let midStreamError = """
        data: {"choices":[{"index":0,"delta":{"content":"Partial"},"finish_reason":null}]}

        data: {"error":{"message":"The server had an error while processing your request. Sorry about that!","type":"server_error","param":null,"code":null}}


        """

    /// The connection closed before any finish reason.
    static let truncated = """
        data: {"choices":[{"index":0,"delta":{"content":"Partial"},"finish_reason":null}]}


        """

    static let errorInvalidKey = """
        {
            "error": {
                "message": "Incorrect API key provided: sk-test-*******************************1234. You can find your API key at https://platform.openai.com/account/api-keys.",
                "type": "invalid_request_error",
                "param": null,
                "code": "invalid_api_key"
            }
        }
        """

    static let errorTemperature = """
        {
          "error": {
            "message": "Unsupported value: 'temperature' does not support 0.2 with this model. Only the default (1) value is supported.",
            "type": "invalid_request_error",
            "param": "temperature",
            "code": "unsupported_value"
          }
        }
        """

    static let errorMaxTokens = """
        {
          "error": {
            "message": "Unsupported parameter: 'max_tokens' is not supported with this model. Use 'max_completion_tokens' instead.",
            "type": "invalid_request_error",
            "param": "max_tokens",
            "code": "unsupported_parameter"
          }
        }
        """

    static let errorServer = """
        {"error":{"message":"The server had an error while processing your request. Sorry about that!","type":"server_error","param":null,"code":null}}
        """

    static let errorRateLimited = """
        {"error":{"message":"Rate limit reached for gpt-4o-mini in organization org-x on requests per min (RPM): Limit 3, Used 3, Requested 1. Please try again in 1s.","type":"requests","param":null,"code":"rate_limit_exceeded"}}
        """
}
