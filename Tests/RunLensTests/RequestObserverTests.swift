import Testing

@testable import RunLens

struct RequestObserverTests {
    final class Recorder: RequestObserver, SeriesObserver {
        var requests: [RequestSample] = []
        var names: [String] = []
        var points: [(series: Int, value: Double)] = []

        func observeRequest(_ request: RequestSample) { requests.append(request) }
        func seriesCreated(_ descriptor: SeriesDescriptor) { names.append(descriptor.name) }
        func observe(series index: Int, point: Point) { points.append((index, point.value)) }
        func finish() {}
    }

    let fields = FieldTable(matcher: RoleMatcher())
    let recorder = Recorder()
    let assembler: RunAssembler

    init() {
        assembler = RunAssembler(fields: fields)
        assembler.addObserver(recorder)
        assembler.addRequestObserver(recorder)
        _ = assembler.registerFile("requests.json")
    }

    private func record(_ values: [(String, Double)], outcome: Outcome = .unknown) -> Record {
        var record = Record()
        for (name, value) in values {
            var bytes = Array(name.utf8)
            let id = bytes.withUnsafeMutableBytes { fields.intern(UnsafeRawBufferPointer($0)) }
            if let id { record.values.append(MetricValue(field: id, index: -1, value: value)) }
        }
        record.outcome = outcome
        return record
    }

    @Test func zeroFilledLatenciesOfFailedRequestsAreDropped() {
        let failed = record(
            [
                ("ttft_s", 0), ("end_to_end_latency_s", 0), ("inter_token_latency_s", 0),
                ("number_output_tokens", 1),
            ], outcome: .error(type: "429"))
        assembler.add(failed, file: 0, line: 112, fileRank: nil)
        assembler.finish()

        #expect(assembler.overview.zeroFilledLatencies == 3)
        #expect(recorder.names == ["number_output_tokens"])
        #expect(recorder.requests.count == 1)
        let sample = recorder.requests[0]
        #expect(sample.latencyMs.isNaN && sample.ttftMs.isNaN && sample.interTokenMs.isNaN)
        #expect(sample.outputTokens == 1)
        #expect(sample.line == 112 && sample.failed)
    }

    @Test func failedRequestLatencyReachesRequestsButNoSeries() {
        let failed = record(
            [("ttft_s", 0.81), ("inter_token_latency_s", 1.7)], outcome: .error(type: "-100"))
        assembler.add(failed, file: 0, line: 2, fileRank: nil)
        assembler.finish()

        #expect(assembler.overview.zeroFilledLatencies == 0)
        #expect(recorder.points.isEmpty)
        #expect(recorder.requests[0].ttftMs == 810)
        #expect(recorder.requests[0].interTokenMs == 1700)
    }

    @Test func successfulZeroLatencyIsAMeasurement() {
        assembler.add(record([("latency_ms", 0)], outcome: .ok), file: 0, line: 1, fileRank: nil)
        assembler.finish()

        #expect(assembler.overview.zeroFilledLatencies == 0)
        #expect(recorder.requests[0].latencyMs == 0)
    }

    @Test func latencyInSecondsBecomesMilliseconds() {
        var timed = record([("latency_s", 1.5), ("ttft_ms", 120), ("input_tokens", 550)])
        timed.time = 1_715_677_200
        timed.version = "v2"
        assembler.add(timed, file: 0, line: 7, fileRank: nil)
        assembler.finish()

        let sample = recorder.requests[0]
        #expect(sample.latencyMs == 1500)
        #expect(sample.ttftMs == 120)
        #expect(sample.inputTokens == 550)
        #expect(sample.time == 1_715_677_200)
        #expect(sample.version == "v2")
        #expect(sample.outcome == .unknown)
    }

    @Test func bareStatusRecordIsARequest() {
        var bare = Record()
        bare.time = 1_715_677_200
        bare.outcome = .error(type: "503")
        let disposition = assembler.add(bare, file: 0, line: 3, fileRank: nil)
        assembler.finish()

        #expect(disposition == .kept)
        #expect(assembler.overview.requests == 1)
        #expect(assembler.overview.failedRequests == 1)
        #expect(assembler.overview.firstTime == 1_715_677_200)
        #expect(recorder.requests.count == 1)
    }

    @Test func trainingRecordIsNoRequest() {
        var train = record([("loss", 2.5)])
        train.step = 10
        assembler.add(train, file: 0, line: 1, fileRank: nil)
        assembler.finish()

        #expect(recorder.requests.isEmpty)
        #expect(assembler.overview.requests == 0)
    }
}
