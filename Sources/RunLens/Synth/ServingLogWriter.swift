/// Writes synthetic serving traffic as JSON Lines, in the shape model servers log it:
/// ISO 8601 timestamps, `latency_ms`, `ttft_ms` (`null` for failed requests), token
/// counts, an HTTP `status` and `model_version`; eval lines carry `eval/mmlu` and
/// `thumbs_up_rate`.
enum ServingLogWriter {
    /// The whole log.
    static func jsonl(_ lines: [ServingTraffic.Line]) -> String {
        var text = ""
        text.reserveCapacity(lines.count * 150)
        for line in lines {
            switch line {
            case .request(let request): text += self.request(request)
            case .eval(let eval): text += self.eval(eval)
            }
            text += "\n"
        }
        return text
    }

    private static func request(_ request: ServingTraffic.Request) -> String {
        let ttft = request.ttftMs.map { NumberFormat.fixed($0, decimals: 3) } ?? "null"
        return "{\"timestamp\": \"\(TimeFormat.iso(request.time))\", "
            + "\"latency_ms\": \(NumberFormat.fixed(request.latencyMs, decimals: 3)), "
            + "\"ttft_ms\": \(ttft), \"input_tokens\": \(request.inputTokens), "
            + "\"output_tokens\": \(request.outputTokens), \"status\": \(request.status), "
            + "\"model_version\": \"\(request.version)\"}"
    }

    private static func eval(_ eval: ServingTraffic.Eval) -> String {
        "{\"timestamp\": \"\(TimeFormat.iso(eval.time))\", "
            + "\"model_version\": \"\(eval.version)\", "
            + "\"eval/mmlu\": \(NumberFormat.fixed(eval.mmlu, decimals: 4)), "
            + "\"thumbs_up_rate\": \(NumberFormat.fixed(eval.thumbsUp, decimals: 4))}"
    }
}
