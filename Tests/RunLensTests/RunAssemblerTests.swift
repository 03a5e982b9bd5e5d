import Testing

@testable import RunLens

/// Run assembly on small JSON Lines logs built to have the expected figures.
struct RunAssemblerTests {
    /// Keeps every final point by series name.
    final class PointLog: SeriesObserver {
        var descriptors: [SeriesDescriptor] = []
        var points: [String: [Point]] = [:]
        /// The points by series index.
        var bySeries: [Int: [Point]] = [:]

        func seriesCreated(_ descriptor: SeriesDescriptor) {
            descriptors.append(descriptor)
        }

        func observe(series index: Int, point: Point) {
            points[descriptors[index].name, default: []].append(point)
            bySeries[index, default: []].append(point)
        }

        func finish() {}

        func steps(_ name: String) -> [Double] { points[name, default: []].map(\.step) }
        func values(_ name: String) -> [Double] { points[name, default: []].map(\.value) }
        func role(_ name: String) -> MetricRole? {
            descriptors.first { $0.name == name }?.info.role
        }
    }

    /// Feeds `lines` as one file and returns the assembler (finished) and its points.
    static func assemble(_ lines: [String]) -> (RunAssembler, PointLog) {
        let fields = FieldTable(matcher: RoleMatcher())
        let assembler = RunAssembler(fields: fields, holdBack: 8)
        let log = PointLog()
        assembler.addObserver(log)
        feed(lines, to: assembler, fields: fields)
        return (assembler, log)
    }

    /// Scans each of `lines` as the JSON Lines of file `name` into `assembler`, then
    /// finishes it unless `finish` is false (more files follow).
    static func feed(
        _ lines: [String], to assembler: RunAssembler, fields: FieldTable,
        name: String = "log.jsonl", finish: Bool = true, fileRank: Int? = nil
    ) {
        let file = assembler.registerFile(name)
        var builder = RecordBuilder(fields: fields)
        var scanner = JSONScanner()
        for (offset, line) in lines.enumerated() {
            builder.begin()
            let bytes = Array(line.utf8)
            let result = bytes.withUnsafeBytes { scanner.scanRecord($0, visitor: &builder) }
            guard result == .record else { continue }
            assembler.add(builder.record, file: file, line: offset + 1, fileRank: fileRank)
        }
        if finish { assembler.finish() }
    }

    /// A record with neither step nor time between stepped ones belongs at the latest step,
    /// not at its count of records; in a log with no steps at all, its count places it.
    @Test func aRecordWithoutStepOrTimeTakesTheLatestStep() {
        let (_, stepped) = Self.assemble([
            #"{"step": 10, "loss": 1}"#, #"{"step": 20, "loss": 2}"#, #"{"loss": 9}"#,
            #"{"step": 30, "loss": 3}"#,
        ])
        let (_, unstepped) = Self.assemble([#"{"loss": 1}"#, #"{"loss": 2}"#, #"{"loss": 3}"#])

        #expect(stepped.steps("loss") == [10, 20, 20, 30])
        #expect(unstepped.steps("loss") == [1, 2, 3])
    }

    @Test func rewindCountsFromTheHighestStepReached() {
        // detectron2 style: training to 1999, an eval row at 2000, then a restart at 19;
        // later a row holding only the iteration (493) right before the next restart.
        let (assembler, _) = Self.assemble([
            #"{"iteration": 1979, "total_loss": 1.0}"#,
            #"{"iteration": 1999, "total_loss": 0.9}"#,
            #"{"iteration": 2000, "bbox/AP": 40.0}"#,
            #"{"iteration": 19, "total_loss": 9.0}"#,
            #"{"iteration": 492, "total_loss": 5.0}"#,
            #"{"eta_seconds": 4143.7, "iteration": 493}"#,
            #"{"iteration": 19, "total_loss": 9.5}"#,
        ])
        let resumes = assembler.overview.resumes
        #expect(resumes.map(\.line) == [4, 7])
        #expect(resumes.map(\.fromStep) == [2000, 493])
        #expect(resumes.map(\.toStep) == [19, 19])
        #expect(assembler.overview.evaluations == 1)
    }

    @Test func recordsWithoutTrainingMetricsAreNoEvaluationsInALogWithoutTraining() {
        // W&B history of a reinforcement-learning run: only rewards, sparse rows.
        let (assembler, log) = Self.assemble([
            #"{"_step": 0, "episodic_reward": 180}"#,
            #"{"_step": 1, "cumulative_avg_reward": 136.7}"#,
            #"{"_step": 2, "episodic_reward": 210}"#,
        ])
        #expect(assembler.overview.evaluations == 0)
        #expect(assembler.overview.resumes.isEmpty)
        #expect(log.steps("episodic_reward") == [0, 2])
    }

    @Test func evaluationAtStepZeroSitsAtTheLastTrainingStepWithoutItsDurations() {
        // MMEngine: the validation row carries `step: 0` and the loop's own timings.
        let (assembler, log) = Self.assemble([
            #"{"data_time": 0.01, "loss": 9.4, "time": 0.34, "step": 500}"#,
            #"{"coco/bbox_mAP": 0.0, "data_time": 0.13, "time": 0.23, "step": 0}"#,
            #"{"data_time": 3.0, "loss": 8.3, "time": 3.33, "step": 550}"#,
        ])
        #expect(assembler.overview.resumes.isEmpty)
        #expect(assembler.overview.evaluations == 1)
        #expect(assembler.overview.restampedEvaluations == 1)
        #expect(log.steps("coco/bbox_mAP") == [500])
        #expect(log.values("data_time") == [0.01, 3.0])
        #expect(log.values("time") == [0.34, 3.33])
        #expect(log.role("time") == .stepTime)
    }

    @Test func timeWithoutDataTimeKeepsNoRole() {
        let (_, log) = Self.assemble([
            #"{"step": 1, "loss": 2.0, "time": 12.5}"#,
            #"{"step": 2, "loss": 1.9, "time": 25.0}"#,
        ])
        #expect(log.values("time") == [12.5, 25.0])
        #expect(log.role("time") == nil)
    }

    @Test func identicalRequestsAreTwoRequests() {
        // A Mooncake trace repeats one request verbatim (lines 7728 and 7733 of the real one).
        let request = #"{"timestamp": 2369999, "input_length": 901, "output_length": 17}"#
        let (assembler, log) = Self.assemble([
            request, #"{"timestamp": 2370000, "input_length": 50, "output_length": 3}"#, request,
        ])
        #expect(assembler.overview.duplicates == 0)
        #expect(assembler.overview.requests == 3)
        #expect(log.values("input_length") == [901, 50, 901])
    }

    @Test func identicalTrainingRecordsAreOneWrittenTwice() {
        let (assembler, log) = Self.assemble([
            #"{"step": 1, "loss": 4.08}"#, #"{"step": 1, "loss": 4.08}"#,
            #"{"step": 2, "loss": 4.02}"#,
        ])
        #expect(assembler.overview.duplicates == 1)
        #expect(log.values("loss") == [4.08, 4.02])
    }

    @Test func recordsWithNeitherStepNorTimeArePlacedInOrder() {
        // LLMPerf: a failure keeps its zero-filled timings out of the latency series.
        let (assembler, log) = Self.assemble([
            #"{"error_code": null, "ttft_s": 0.5, "end_to_end_latency_s": 4.1, "input_tokens": 9}"#,
            #"{"error_code": 429, "ttft_s": 0, "end_to_end_latency_s": 0, "input_tokens": 9}"#,
            #"{"error_code": -100, "ttft_s": 0.8, "end_to_end_latency_s": 1.7, "input_tokens": 9}"#,
            #"{"error_code": null, "ttft_s": 0.6, "end_to_end_latency_s": 4.3, "input_tokens": 9}"#,
        ])
        #expect(assembler.overview.requests == 4)
        #expect(assembler.overview.failedRequests == 2)
        #expect(assembler.overview.firstStep == nil)
        #expect(log.steps("input_tokens") == [1, 2, 3, 4])
        #expect(log.steps("ttft_s") == [1, 4])
        #expect(log.values("end_to_end_latency_s") == [4.1, 4.3])
    }

    @Test func trainingMarkersIncludeNamesUnderTrain() {
        let matcher = RoleMatcher()
        #expect(FieldInfo(rawName: "train_loss_epoch", matcher: matcher).marksTraining)
        #expect(FieldInfo(rawName: "train/box_loss", matcher: matcher).marksTraining)
        #expect(FieldInfo(rawName: "lr", matcher: matcher).marksTraining)
        #expect(!FieldInfo(rawName: "val_loss", matcher: matcher).marksTraining)
        #expect(!FieldInfo(rawName: "coco/bbox_mAP", matcher: matcher).marksTraining)
        #expect(!FieldInfo(rawName: "step", matcher: matcher).marksTraining)
    }
}
