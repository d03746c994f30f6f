/// Recorded Gemini `streamGenerateContent?alt=sse` streams.
enum GeminiFixtures {
    static let plainText = """
        data: {"candidates": [{"content": {"parts": [{"text": "Your résumé"}],"role": "model"},"index": 0}],"usageMetadata": {"promptTokenCount": 388,"totalTokenCount": 388,"promptTokensDetails": [{"modality": "TEXT","tokenCount": 388}]},"modelVersion": "gemini-2.5-flash","responseId": "mW8xZ_abc"}

        data: {"candidates": [{"content": {"parts": [{"text": " matches 7 of 9 requirements."}],"role": "model"},"index": 0}],"usageMetadata": {"promptTokenCount": 388,"candidatesTokenCount": 4,"totalTokenCount": 392},"modelVersion": "gemini-2.5-flash","responseId": "mW8xZ_abc"}

        data: {"candidates": [{"content": {"parts": [{"text": ""}],"role": "model"},"finishReason": "STOP","index": 0}],"usageMetadata": {"promptTokenCount": 388,"candidatesTokenCount": 9,"totalTokenCount": 421,"thoughtsTokenCount": 24},"modelVersion": "gemini-2.5-flash","responseId": "mW8xZ_abc"}


        """

    static let plainTextEvents: [ProviderEventShape] = [
        .text("Your résumé"), .text(" matches 7 of 9 requirements."), .usage(388, 33), .finish(.stop),
    ]

    /// Two function calls in one chunk, a thought summary part that is not answer text.
    static let functionCalls = """
        data: {"candidates": [{"content": {"parts": [{"text": "Let me look at both documents.","thought": true},{"functionCall": {"name": "read_resume","args": {"section": "experience"}},"thoughtSignature": "CiQB0e2Kb"},{"functionCall": {"name": "read_job_description","args": {}}}],"role": "model"},"finishReason": "STOP","index": 0}],"usageMetadata": {"promptTokenCount": 512,"candidatesTokenCount": 31,"totalTokenCount": 543},"modelVersion": "gemini-2.5-flash","responseId": "nX9a"}


        """

    static let functionCallEvents: [ProviderEventShape] = [
        .start(0, "call_0", "read_resume"), .args(0, "{\"section\":\"experience\"}"), .end(0),
        .start(1, "call_1", "read_job_description"), .args(1, "{}"), .end(1),
        .usage(512, 31), .finish(.toolCalls),
    ]

    static let safetyBlocked = """
        data: {"candidates": [{"content": {"parts": [{"text": ""}],"role": "model"},"finishReason": "SAFETY","index": 0,"safetyRatings": [{"category": "HARM_CATEGORY_HARASSMENT","probability": "HIGH","blocked": true}]}],"usageMetadata": {"promptTokenCount": 40,"totalTokenCount": 40},"modelVersion": "gemini-2.5-flash"}


        """

    static let promptBlocked = """
        data: {"promptFeedback": {"blockReason": "PROHIBITED_CONTENT"},"usageMetadata": {"promptTokenCount": 40,"totalTokenCount": 40},"modelVersion": "gemini-2.5-flash"}


        """

    static let maxTokens = """
        data: {"candidates": [{"content": {"parts": [{"text": "Summary: strong Swift"}],"role": "model"},"finishReason": "MAX_TOKENS","index": 0}],"usageMetadata": {"promptTokenCount": 10,"candidatesTokenCount": 4,"totalTokenCount": 14}}


        """

    static let malformedChunk = """
        data: {"candidates": [{"content": {"parts": [{"text": "ok"}],"role": "model"},"index": 0}]}

        data: {"candidates": [{"content": {"parts": [{"text": "ok"}],"role": "model"},"index": 0}]]}


        """

    static let errorInvalidKey = """
        {
          "error": {
            "code": 400,
            "message": "API key not valid. Please pass a valid API key.",
            "status": "INVALID_ARGUMENT",
            "details": [
              {
                "@type": "type.googleapis.com/google.rpc.ErrorInfo",
                "reason": "API_KEY_INVALID",
                "domain": "googleapis.com",
                "metadata": {"service": "generativelanguage.googleapis.com"}
              }
            ]
          }
        }
        """

    static let errorQuota = """
        {
          "error": {
            "code": 429,
            "message": "You exceeded your current quota, please check your plan and billing details.",
            "status": "RESOURCE_EXHAUSTED",
            "details": [
              {"@type": "type.googleapis.com/google.rpc.QuotaFailure", "violations": [{"quotaMetric": "generativelanguage.googleapis.com/generate_content_free_tier_requests"}]},
              {"@type": "type.googleapis.com/google.rpc.RetryInfo", "retryDelay": "17s"}
            ]
          }
        }
        """
}
