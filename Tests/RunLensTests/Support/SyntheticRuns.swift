import Foundation
import RunLens

/// Seeded training and serving logs for the digest tests, with the figures a correct
/// digest shows, worked out here from the very text written (each value is formatted, then
/// read back with `Double(_:)`, so the expectations hold the numbers the log holds).
enum SyntheticRuns {
    /// What a correct digest row shows for a generated run.
    struct Figures {
        var firstTime: Double
        var lastTime: Double
        var firstStep: Double?
        var lastStep: Double?
        var finalTrainLoss: Double?
        var finalValLoss: Double?
        var throughput: Double?
        var latencyP95: Double?
        var latencyP99: Double?
        var requests = 0
        var failedRequests = 0
    }

    /// A generated run: its files (one per rank for training runs) and its figures.
    struct Run {
        var name: String
        var files: [(name: String, text: String)]
        var figures: Figures
        /// Every loss value per rank, in step order (for shard tests).
        var losses: [[Double]] = []
    }

    /// A data-parallel training run.
    struct Training {
        var name: String
        var start: Double
        var seed: UInt64
        var ranks = 4
        var steps = 300
        var secondsPerStep = 2.0
        var tokensPerSecond = 20_000.0
        /// A rank whose `gpu_temp` runs at 88–92 °C instead of 60–70 °C.
        var hotRank: Int?
        /// A step at which every rank logs a NaN loss and the run stops.
        var nanAtStep: Int?
        /// Rank 0 logs `val_loss` every this many steps.
        var valEvery = 50
    }

    /// A model server's request log.
    struct Serving {
        var name: String
        var start: Double
        var seed: UInt64
        var requests = 400
        var failures = 12
        var latencyScale = 300.0
    }

    /// Epoch seconds of `2024-05-DD hh:00:00Z`.
    static func may2024(day: Int, hour: Int = 9) -> Double {
        1_714_521_600 + Double(day - 1) * 86_400 + Double(hour) * 3600
    }

    /// Writes the run's logs.
    static func make(_ spec: Training) -> Run {
        var random = SeededRandom(seed: spec.seed)
        var texts = Array(repeating: "", count: spec.ranks)
        var lastLoss = Array(repeating: Double.nan, count: spec.ranks)
        var rates = Array(repeating: [Double](), count: spec.ranks)
        var losses = Array(repeating: [Double](), count: spec.ranks)
        var lastVal: Double?
        let lastStep = spec.nanAtStep ?? spec.steps
        for step in 1...lastStep {
            let time = spec.start + Double(step) * spec.secondsPerStep
            for rank in 0..<spec.ranks {
                let noisy = lossAt(step) * (1 + 0.005 * random.normal())
                let loss = spec.nanAtStep == step ? "NaN" : format(noisy, 6)
                let rate = format(spec.tokensPerSecond * (1 + 0.02 * random.normal()), 1)
                let base = spec.hotRank == rank ? 88.0 : 60.0
                let temp = format(base + 4 * random.uniform(), 1)
                texts[rank] +=
                    "{\"step\": \(step), \"rank\": \(rank), \"timestamp\": \(format(time, 3)), "
                    + "\"loss\": \(loss), \"tokens_per_second\": \(rate), \"gpu_temp\": \(temp)}\n"
                lastLoss[rank] = Double(loss) ?? .nan
                losses[rank].append(Double(loss) ?? .nan)
                rates[rank].append(Double(rate) ?? .nan)
            }
            if step % spec.valEvery == 0, spec.nanAtStep != step {
                let value = format(lossAt(step) * 1.05 * (1 + 0.001 * random.normal()), 6)
                texts[0] +=
                    "{\"step\": \(step), \"rank\": 0, \"timestamp\": \(format(time, 3)), "
                    + "\"val_loss\": \(value)}\n"
                lastVal = Double(value)
            }
        }

        let figures = Figures(
            firstTime: spec.start + spec.secondsPerStep,
            lastTime: spec.start + Double(lastStep) * spec.secondsPerStep, firstStep: 1,
            lastStep: Double(lastStep), finalTrainLoss: lastLoss.reduce(0, +) / Double(spec.ranks),
            finalValLoss: lastVal,
            throughput: rates.map { $0.reduce(0, +) / Double($0.count) }.reduce(0, +))
        let files = texts.enumerated().map { (name: "rank\($0.offset).jsonl", text: $0.element) }
        return Run(name: spec.name, files: files, figures: figures, losses: losses)
    }

    /// Writes the request log. The latency percentiles are those of the successful requests:
    /// a failed request's latency is not a measurement of the service.
    static func make(_ spec: Serving) -> Run {
        var random = SeededRandom(seed: spec.seed)
        var failing = Set<Int>()
        while failing.count < spec.failures {
            failing.insert(Int(random.next() % UInt64(spec.requests)))
        }
        var text = ""
        var latencies: [Double] = []
        for index in 0..<spec.requests {
            let time = spec.start + Double(index) * 1.5
            let latency = format(spec.latencyScale * exp(0.5 * random.normal()), 3)
            let status = failing.contains(index) ? 500 : 200
            text +=
                "{\"timestamp\": \(format(time, 3)), \"latency_ms\": \(latency), "
                + "\"status\": \(status)}\n"
            if status == 200 { latencies.append(Double(latency) ?? .nan) }
        }
        let figures = Figures(
            firstTime: spec.start, lastTime: spec.start + Double(spec.requests - 1) * 1.5,
            latencyP95: StatsTestData.referenceQuantile(latencies, 0.95),
            latencyP99: StatsTestData.referenceQuantile(latencies, 0.99), requests: spec.requests,
            failedRequests: spec.failures)
        return Run(
            name: spec.name, files: [(name: "\(spec.name).jsonl", text: text)], figures: figures)
    }

    /// A loss falling as a power of the step (`3·step^−0.05`): steady progress, so no
    /// plateau at any point of the run, yet within 6% between steps 100 and 300, so two
    /// weeks of the same job stay within the digest's 10% for "better" and "worse".
    private static func lossAt(_ step: Int) -> Double {
        3 * pow(Double(step), -0.05)
    }

    /// `value` with `decimals` digits after the point.
    static func format(_ value: Double, _ decimals: Int) -> String {
        String(format: "%.\(decimals)f", value)
    }

    /// Writes `run`'s files into `folder/run.name/` and returns that folder.
    @discardableResult
    static func write(_ run: Run, under folder: URL) throws -> URL {
        let directory = folder.appendingPathComponent(run.name)
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        for file in run.files {
            try Data(file.text.utf8).write(to: directory.appendingPathComponent(file.name))
        }
        return directory
    }

    /// A new empty temporary folder.
    static func temporaryFolder() throws -> URL {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent(
            "runlens-digest-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        return folder
    }
}
